//! Scenarios run on SQLite (this binary) and on PostgreSQL (the `postgres` test binary): each
//! takes a server on the database under test and the SQL that differs between the two.

use reqwest::StatusCode;
use serde_json::json;
use tokio::task::JoinSet;

use crate::support::{REGISTRATION_JOBS, TestServer};

/// Users without exactly one wallet, one welcome notification and one opening transaction.
pub(crate) const INCOMPLETE_USERS: &str = "SELECT COUNT(*) FROM users u WHERE \
    (SELECT COUNT(*) FROM wallets w WHERE w.user_id = u.id) != 1 \
    OR (SELECT COUNT(*) FROM notifications n WHERE n.user_id = u.id AND n.kind = 'welcome') != 1 \
    OR (SELECT COUNT(*) FROM transactions t WHERE t.user_id = u.id AND t.kind = 'opening') != 1";

/// Wallets whose balance is not the sum of their ledger lines.
pub(crate) const UNBALANCED_WALLETS: &str = "SELECT COUNT(*) FROM wallets w WHERE w.balance != \
    (SELECT CAST(COALESCE(SUM(t.amount), 0) AS BIGINT) FROM transactions t WHERE t.wallet_id = w.id)";

/// Concurrent registrations: every user gets one wallet, one welcome notification and one opening
/// transaction from the workers.
pub(crate) async fn registrations_give_every_user_one_of_each(server: &TestServer) {
    let mut requests = JoinSet::new();
    for i in 0..10 {
        let client = server.client();
        requests.spawn(async move { client.register(&format!("member{i}"), "correct horse battery").await.0 });
    }
    while let Some(status) = requests.join_next().await {
        assert_eq!(status.expect("request task"), StatusCode::CREATED);
    }
    server.jobs_completed(None, 10 * REGISTRATION_JOBS).await;
    assert_eq!(server.count("SELECT COUNT(*) FROM users", None).await, 10);
    assert_eq!(server.count(INCOMPLETE_USERS, None).await, 0);
}

/// Purchases credit the wallet, write one ledger line and one notice each, in one transaction.
pub(crate) async fn purchases_commit_their_credit_ledger_line_and_notice(server: &TestServer) {
    let (user_id, token) = server.signed_in("buyer").await;
    for (amount, balance) in [(100, 100), (50, 150)] {
        let (status, reply) = server.post_as(&token, "/wallet/purchase", &json!({ "amount": amount })).await;
        assert_eq!((status, reply["balance"].as_i64()), (StatusCode::OK, Some(balance)), "{reply}");
    }
    let purchases = "SELECT COUNT(*) FROM transactions WHERE user_id = $1 AND kind = 'purchase'";
    assert_eq!(server.count(purchases, Some(&user_id)).await, 2);
    let receipts = "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND kind = 'receipt'";
    assert_eq!(server.count(receipts, Some(&user_id)).await, 2);
    assert_eq!(server.count(UNBALANCED_WALLETS, None).await, 0);
}

/// While the ledger refuses writes (`refuse`, undone by `allow`), a purchase answers 500 and
/// changes nothing: no credit without its ledger line, no notice; the failure is recorded. Once
/// the ledger is healthy, the client's retry credits the wallet once.
pub(crate) async fn a_purchase_the_ledger_refuses_changes_nothing(server: &TestServer, refuse: &[&str], allow: &str) {
    let (user_id, token) = server.signed_in("refused").await;
    for statement in refuse {
        server.execute(statement).await;
    }
    let purchase = json!({ "amount": 70 });
    let (status, reply) = server.post_as(&token, "/wallet/purchase", &purchase).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{reply}");
    let balance = "SELECT balance FROM wallets WHERE user_id = $1";
    assert_eq!(server.count(balance, Some(&user_id)).await, 0, "the credit was rolled back");
    let purchases = "SELECT COUNT(*) FROM transactions WHERE user_id = $1 AND kind = 'purchase'";
    assert_eq!(server.count(purchases, Some(&user_id)).await, 0);
    let notices = "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND kind = 'receipt'";
    assert_eq!(server.count(notices, Some(&user_id)).await, 0, "the receipt was rolled back");
    // Both failures are recorded (through hooks-core's callback_failed), with the purchase's
    // summary: the ledger callback of payment_processed, and the payments callback of
    // credit_purchase, which fails with its error.
    let recorded = "SELECT COUNT(*) FROM hook_failures WHERE hook = 'credit_purchase' \
                    AND callback = 'example_app::payments::charge' \
                    AND error LIKE '%example_app::transactions::record_purchase: %ledger refuses writes%' \
                    AND payload_summary LIKE 'purchase_id=purchase_% amount=70 credits'";
    let root = "SELECT COUNT(*) FROM hook_failures WHERE hook = 'payment_processed' \
                AND callback = 'example_app::transactions::record_purchase' AND error LIKE '%ledger refuses writes%'";
    assert_eq!(server.count(root, None).await, 1, "the root cause is recorded");
    let all: Vec<(String, String)> = crate::support::failures(server).await;
    assert_eq!(server.count(recorded, None).await, 1, "the failed callback is recorded: {all:?}");

    server.execute(allow).await;
    let (status, reply) = server.post_as(&token, "/wallet/purchase", &purchase).await;
    assert_eq!((status, reply["balance"].as_i64()), (StatusCode::OK, Some(70)), "{reply}");
    assert_eq!(server.count(purchases, Some(&user_id)).await, 1);
    assert_eq!(server.count(notices, Some(&user_id)).await, 1);
    assert_eq!(server.count(UNBALANCED_WALLETS, None).await, 0);
}

/// Ten concurrent purchases with one `Idempotency-Key`: one credit, ten identical answers; then the
/// key with another body is 422.
pub(crate) async fn concurrent_requests_with_one_idempotency_key_credit_once(server: &TestServer) {
    let (user_id, token) = server.signed_in("eager").await;
    let auth = format!("Bearer {token}");
    let mut requests = JoinSet::new();
    for _ in 0..10 {
        let (client, auth) = (server.client(), auth.clone());
        requests.spawn(async move {
            let headers = [("authorization", auth.as_str()), ("idempotency-key", "same-order")];
            client.post_with("/wallet/purchase", &json!({ "amount": 9 }), &headers).await
        });
    }
    let answers = requests.join_all().await;
    assert!(answers.iter().all(|answer| answer == &answers[0] && answer.0 == StatusCode::OK), "{answers:?}");
    assert_eq!(server.count("SELECT balance FROM wallets WHERE user_id = $1", Some(&user_id)).await, 9);
    let purchases = "SELECT COUNT(*) FROM transactions WHERE user_id = $1 AND kind = 'purchase'";
    assert_eq!(server.count(purchases, Some(&user_id)).await, 1);
    let headers = [("authorization", auth.as_str()), ("idempotency-key", "same-order")];
    let (status, _) = server.client().post_with("/wallet/purchase", &json!({ "amount": 10 }), &headers).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(server.count(UNBALANCED_WALLETS, None).await, 0);
}
