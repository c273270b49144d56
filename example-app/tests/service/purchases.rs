//! `POST /wallet/purchase`: the balance, the transaction and the notification; rejected
//! purchases change nothing.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both;
use crate::support::{TestServer, callback_order};

#[tokio::test]
async fn purchases_credit_the_wallet_and_record_a_transaction_and_a_notification() {
    let server = TestServer::start().await;
    let user_id = server.registered("buyer").await;
    for (amount, balance) in [(100, 100), (50, 150)] {
        let (status, reply) = server.post("/wallet/purchase", &json!({ "user_id": user_id, "amount": amount })).await;
        assert_eq!(status, StatusCode::OK, "{reply}");
        assert_eq!((reply["amount"].as_i64(), reply["balance"].as_i64()), (Some(amount), Some(balance)));
        assert_eq!(reply["currency"], "credits");
        assert_eq!(reply["hooks"]["credit_purchase"], json!({ "callbacks_run": 3, "failures": [] }));
    }
    assert_eq!(callback_order("credit_purchase", &user_id), ["wallet", "communications", "transactions"].repeat(2));

    let (status, info) = server.get(&format!("/wallet/info?user_id={user_id}")).await;
    assert_eq!((status, info["balance"].as_i64()), (StatusCode::OK, Some(150)));
    let ledger: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT kind, amount, balance_after FROM transactions WHERE user_id = $1 ORDER BY created_at, balance_after",
    )
    .bind(&user_id)
    .fetch_all(server.db())
    .await
    .expect("transactions");
    let expected =
        [("opening", 0, 0), ("purchase", 100, 100), ("purchase", 50, 150)].map(|(k, a, b)| (k.to_owned(), a, b));
    assert_eq!(ledger, expected);
    let notices = "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND kind = 'purchase'";
    assert_eq!(server.count(notices, Some(&user_id)).await, 2);
}

#[tokio::test]
async fn purchases_commit_their_credit_ledger_line_and_notice() {
    both::purchases_commit_their_credit_ledger_line_and_notice(&TestServer::start().await).await;
}

#[tokio::test]
async fn a_purchase_the_ledger_refuses_changes_nothing_and_its_retry_credits_once() {
    let refuse = "CREATE TRIGGER refuse_ledger BEFORE INSERT ON transactions WHEN NEW.kind = 'purchase' \
                  BEGIN SELECT RAISE(ABORT, 'ledger refuses writes'); END";
    let server = TestServer::start().await;
    both::a_purchase_the_ledger_refuses_changes_nothing(&server, &[refuse], "DROP TRIGGER refuse_ledger").await;
}

#[tokio::test]
async fn rejected_purchases_change_nothing() {
    let server = TestServer::start().await;
    let user_id = server.registered("careful").await;
    let amount_message = "amount must be a positive integer of at most 1000000";
    let cases: Vec<(Value, StatusCode, String)> = vec![
        (json!({ "user_id": user_id, "amount": 0 }), StatusCode::BAD_REQUEST, amount_message.into()),
        (json!({ "user_id": user_id, "amount": -5 }), StatusCode::BAD_REQUEST, amount_message.into()),
        (json!({ "user_id": user_id, "amount": 1.5 }), StatusCode::BAD_REQUEST, amount_message.into()),
        (json!({ "user_id": user_id, "amount": 10.0 }), StatusCode::BAD_REQUEST, amount_message.into()),
        (json!({ "user_id": user_id, "amount": "10" }), StatusCode::BAD_REQUEST, amount_message.into()),
        (json!({ "user_id": user_id, "amount": true }), StatusCode::BAD_REQUEST, amount_message.into()),
        (json!({ "user_id": user_id, "amount": 1_000_001 }), StatusCode::BAD_REQUEST, amount_message.into()),
        (json!({ "user_id": user_id, "amount": u64::MAX }), StatusCode::BAD_REQUEST, amount_message.into()),
        (json!({ "user_id": user_id }), StatusCode::BAD_REQUEST, "Missing required field: amount".into()),
        (
            json!({ "user_id": user_id, "amount": null }),
            StatusCode::BAD_REQUEST,
            "Missing required field: amount".into(),
        ),
        (json!({ "amount": 10 }), StatusCode::BAD_REQUEST, "Missing required field: user_id".into()),
        (
            json!({ "user_id": "user_unknown", "amount": 10 }),
            StatusCode::NOT_FOUND,
            "No wallet for user user_unknown".into(),
        ),
    ];
    for (body, status, message) in cases {
        let (got, reply) = server.post("/wallet/purchase", &body).await;
        assert_eq!((got, reply["error"].as_str()), (status, Some(message.as_str())), "{body}");
    }
    let (status, _) = server.post_raw("/wallet/purchase", "{\"user_id\": ").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    let balance = "SELECT balance FROM wallets WHERE user_id = $1";
    assert_eq!(server.count(balance, Some(&user_id)).await, 0);
    assert_eq!(server.count("SELECT COUNT(*) FROM transactions", None).await, 1, "only the opening entry");
    assert_eq!(server.count("SELECT COUNT(*) FROM notifications", None).await, 1, "only the welcome");
    assert_eq!(server.count("SELECT COUNT(*) FROM hook_failures", None).await, 0);
}
