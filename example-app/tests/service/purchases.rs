//! `POST /wallet/purchase`: the payments module charges, `payment_processed` credits, books and
//! sends the receipt in the purchase's transaction; a declined card credits nothing; rejected
//! purchases change nothing; an `Idempotency-Key` replays the first answer and credits once.

use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio::task::JoinSet;

use crate::both;
use crate::support::{TestServer, callback_order};

/// Purchase ledger lines of a user.
const PURCHASES: &str = "SELECT COUNT(*) FROM transactions WHERE user_id = $1 AND kind = 'purchase'";

/// The wallet balance of a user.
const BALANCE: &str = "SELECT balance FROM wallets WHERE user_id = $1";

#[tokio::test]
async fn purchases_are_charged_then_credited_booked_and_receipted_in_priority_order() {
    let server = TestServer::start().await;
    let (user_id, token) = server.signed_in("buyer").await;
    for (amount, balance) in [(100, 100), (50, 150)] {
        let (status, reply) = server.post_as(&token, "/wallet/purchase", &json!({ "amount": amount })).await;
        assert_eq!(status, StatusCode::OK, "{reply}");
        assert_eq!((reply["amount"].as_i64(), reply["balance"].as_i64()), (Some(amount), Some(balance)));
        assert_eq!(reply["currency"], "credits");
        assert!(reply["payment_id"].as_str().is_some_and(|id| id.starts_with("pay_")), "{reply}");
        assert_eq!(reply["hooks"]["credit_purchase"], json!({ "callbacks_run": 1, "failures": [] }));
    }
    assert_eq!(callback_order("credit_purchase", &user_id), ["payments"].repeat(2));
    let paid = ["wallet", "communications", "transactions"].repeat(2);
    assert_eq!(callback_order("payment_processed", &user_id), paid);

    let (status, info) = server.get_as(&token, "/wallet/info").await;
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
    let receipts = "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND kind = 'receipt'";
    assert_eq!(server.count(receipts, Some(&user_id)).await, 2);
}

#[tokio::test]
async fn a_large_purchase_gets_the_promotions_bonus_in_the_balance_the_ledger_and_the_receipt() {
    let server = TestServer::start().await;
    let (user_id, token) = server.signed_in("big_spender").await;
    for (amount, credits, balance) in [(499, 499, 499), (500, 550, 1_049)] {
        let (status, reply) = server.post_as(&token, "/wallet/purchase", &json!({ "amount": amount })).await;
        assert_eq!(status, StatusCode::OK, "{reply}");
        let answered = (reply["amount"].as_i64(), reply["credits"].as_i64(), reply["balance"].as_i64());
        assert_eq!(answered, (Some(amount), Some(credits), Some(balance)), "{reply}");
    }
    let ledger: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT amount, balance_after FROM transactions WHERE user_id = $1 AND kind = 'purchase' ORDER BY balance_after",
    )
    .bind(&user_id)
    .fetch_all(server.db())
    .await
    .expect("transactions");
    assert_eq!(ledger, [(499, 499), (550, 1_049)]);
    let receipt: (String,) = sqlx::query_as(
        "SELECT message FROM notifications WHERE user_id = $1 AND kind = 'receipt' AND title = 'Receipt: 500 credits'",
    )
    .bind(&user_id)
    .fetch_one(server.db())
    .await
    .expect("the receipt of the large purchase");
    assert!(receipt.0.starts_with("550 credits were added"), "{}", receipt.0);
}

#[tokio::test]
async fn a_declined_card_answers_402_credits_nothing_and_tells_the_user() {
    let server = TestServer::start().await;
    let (user_id, token) = server.signed_in("declined").await;
    let body = json!({ "amount": 40, "payment_method": "pm_card_chargeDeclined" });
    let (status, reply) = server.post_as(&token, "/wallet/purchase", &body).await;
    assert_eq!(status, StatusCode::PAYMENT_REQUIRED, "{reply}");
    assert_eq!(reply["error"], "Payment declined: Your card was declined");
    assert_eq!(callback_order("payment_failed", &user_id), ["communications"]);
    assert!(callback_order("payment_processed", &user_id).is_empty());
    assert_eq!(server.count(BALANCE, Some(&user_id)).await, 0);
    assert_eq!(server.count(PURCHASES, Some(&user_id)).await, 0);
    let notice = "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND kind = 'payment_declined'";
    assert_eq!(server.count(notice, Some(&user_id)).await, 1, "the decline notice is committed");
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
    let (user_id, token) = server.signed_in("careful").await;
    let amount_message = "amount must be a positive integer of at most 1000000";
    let cases: Vec<(Value, StatusCode, String)> = vec![
        (json!({ "amount": 0 }), StatusCode::BAD_REQUEST, amount_message.into()),
        (json!({ "amount": -5 }), StatusCode::BAD_REQUEST, amount_message.into()),
        (json!({ "amount": 1.5 }), StatusCode::BAD_REQUEST, amount_message.into()),
        (json!({ "amount": 10.0 }), StatusCode::BAD_REQUEST, amount_message.into()),
        (json!({ "amount": "10" }), StatusCode::BAD_REQUEST, amount_message.into()),
        (json!({ "amount": true }), StatusCode::BAD_REQUEST, amount_message.into()),
        (json!({ "amount": 1_000_001 }), StatusCode::BAD_REQUEST, amount_message.into()),
        (json!({ "amount": u64::MAX }), StatusCode::BAD_REQUEST, amount_message.into()),
        (json!({}), StatusCode::BAD_REQUEST, "Missing required field: amount".into()),
        (json!({ "amount": null }), StatusCode::BAD_REQUEST, "Missing required field: amount".into()),
        (
            json!({ "amount": 10, "payment_method": 7 }),
            StatusCode::BAD_REQUEST,
            "Field payment_method must be a string".into(),
        ),
        (json!({ "amount": 10, "user_id": 7 }), StatusCode::BAD_REQUEST, "Field user_id must be a string".into()),
        (
            json!({ "amount": 10, "user_id": "user_somebody_else" }),
            StatusCode::FORBIDDEN,
            "You can only act on your own account".into(),
        ),
    ];
    for (body, status, message) in cases {
        let (got, reply) = server.post_as(&token, "/wallet/purchase", &body).await;
        assert_eq!((got, reply["error"].as_str()), (status, Some(message.as_str())), "{body}");
    }
    let (status, _) = server.post_as(&token, "/wallet/purchase", &json!("{\"amount\": ")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    assert_eq!(server.count(BALANCE, Some(&user_id)).await, 0);
    assert_eq!(server.count("SELECT COUNT(*) FROM transactions", None).await, 1, "only the opening entry");
    assert_eq!(server.count("SELECT COUNT(*) FROM notifications", None).await, 1, "only the welcome");
    assert_eq!(server.count("SELECT COUNT(*) FROM hook_failures", None).await, 0);
}

#[tokio::test]
async fn an_idempotency_key_replays_the_first_answer_and_credits_once() {
    let server = TestServer::start().await;
    let (user_id, token) = server.signed_in("retrier").await;
    let client = server.client();
    let auth = format!("Bearer {token}");
    let with_key = |key: &'static str| [("authorization", auth.clone()), ("idempotency-key", key.to_owned())];
    let send = |body: Value, key: &'static str| {
        let (client, headers) = (client.clone(), with_key(key));
        async move {
            let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
            client.post_with("/wallet/purchase", &body, &headers).await
        }
    };

    let (status, first) = send(json!({ "amount": 30, "payment_method": "pm_card_visa" }), "order-1").await;
    assert_eq!(status, StatusCode::OK, "{first}");
    // The same key and body (its fields in another order): the first answer again, credited once.
    let (status, again) = send(json!({ "payment_method": "pm_card_visa", "amount": 30 }), "order-1").await;
    assert_eq!((status, &again), (StatusCode::OK, &first));
    assert_eq!(server.count(BALANCE, Some(&user_id)).await, 30);
    assert_eq!(server.count(PURCHASES, Some(&user_id)).await, 1);

    // The same key with another body: 422, and nothing changes.
    let (status, reply) = send(json!({ "amount": 31, "payment_method": "pm_card_visa" }), "order-1").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply["error"], "Idempotency-Key was already used with a different request");
    assert_eq!(server.count(BALANCE, Some(&user_id)).await, 30);

    // A declined purchase's answer is replayed too, and it stays uncredited.
    let declined = json!({ "amount": 5, "payment_method": "pm_card_chargeDeclined" });
    let (status, first) = send(declined.clone(), "order-2").await;
    assert_eq!(status, StatusCode::PAYMENT_REQUIRED);
    assert_eq!(send(declined, "order-2").await, (StatusCode::PAYMENT_REQUIRED, first));

    // 10 concurrent requests with one key: one purchase, ten identical answers.
    let mut requests = JoinSet::new();
    for _ in 0..10 {
        requests.spawn(send(json!({ "amount": 7 }), "order-3"));
    }
    let answers = requests.join_all().await;
    assert!(answers.iter().all(|answer| answer == &answers[0] && answer.0 == StatusCode::OK), "{answers:?}");
    assert_eq!(server.count(BALANCE, Some(&user_id)).await, 37);
    assert_eq!(server.count(PURCHASES, Some(&user_id)).await, 2);
    assert_eq!(server.count(crate::both::UNBALANCED_WALLETS, None).await, 0);

    // Keys are the caller's own: another user may use the same key.
    let (other_id, other_token) = server.signed_in("neighbour").await;
    let headers = [("authorization", format!("Bearer {other_token}")), ("idempotency-key", "order-1".to_owned())];
    let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let (status, _) = client.post_with("/wallet/purchase", &json!({ "amount": 30 }), &headers).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(server.count(BALANCE, Some(&other_id)).await, 30);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_requests_with_one_idempotency_key_credit_once() {
    both::concurrent_requests_with_one_idempotency_key_credit_once(&TestServer::start().await).await;
}

#[tokio::test]
async fn malformed_idempotency_keys_are_refused() {
    let server = TestServer::start().await;
    let (user_id, token) = server.signed_in("keyholder").await;
    let auth = format!("Bearer {token}");
    for key in [String::new(), "k".repeat(256), "two words".to_owned()] {
        let headers = [("authorization", auth.as_str()), ("idempotency-key", key.as_str())];
        let (status, reply) = server.client().post_with("/wallet/purchase", &json!({ "amount": 1 }), &headers).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{key:?}");
        assert_eq!(reply["error"], "Idempotency-Key must be 1 to 255 printable ASCII characters");
    }
    let longest = "k".repeat(255);
    let headers = [("authorization", auth.as_str()), ("idempotency-key", longest.as_str())];
    assert_eq!(
        server.client().post_with("/wallet/purchase", &json!({ "amount": 1 }), &headers).await.0,
        StatusCode::OK
    );
    assert_eq!(server.count(BALANCE, Some(&user_id)).await, 1);
}
