//! The original test client, `test_hook_system.py`, call for call: what it requests and every
//! field it reads, against a server started as `serve --debug-endpoints`.

use reqwest::StatusCode;
use serde_json::json;

use crate::support::{REGISTRATION_JOBS, TestServer};

#[tokio::test]
async fn the_original_test_client_succeeds() {
    let server = TestServer::start_with(true).await;

    // 1. Module status: every module reports a textual health status.
    let (status, reply) = server.get("/modules/status").await;
    assert_eq!(status, StatusCode::OK);
    let modules = reply["modules"].as_object().expect("modules object");
    assert!(!modules.is_empty());
    for (name, module) in modules {
        assert!(module["health"]["status"].is_string(), "{name}: {module}");
    }

    // 2. Registration with the script's fields.
    let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let username = format!("testuser_{stamp}");
    let email = format!("test_{stamp}@example.com");
    let user = json!({
        "username": username, "email": email, "password": "testpassword123",
        "first_name": "Test", "last_name": "User", "phone": "+1234567890",
    });
    let (status, reply) = server.post("/public/register", &user).await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(reply.is_object(), "{reply}");
    // The script reads the effects of the durable callbacks after a pause; wait for them.
    server.jobs_completed(reply["user"]["id"].as_str(), REGISTRATION_JOBS).await;

    // 3. Wallet info without parameters or a session: a JSON answer the script only prints, now
    // a 401 that says what is missing.
    let (status, reply) = server.get("/wallet/info").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply["error"], "Missing Authorization header: expected Bearer <token>");

    // 4. The database view: the welcome notification and the user's wallet section.
    let (status, data) = server.get("/get-db-data").await;
    assert_eq!(status, StatusCode::OK);
    let notifications = data["notifications"].as_array().expect("notifications");
    let welcome = notifications.iter().find(|n| n["type"] == "welcome").expect("a welcome notification");
    assert!(welcome["title"].is_string() && welcome["message"].is_string(), "{welcome}");
    let users = data["users"].as_array().expect("users");
    let user = users.iter().find(|u| u["email"] == email.as_str()).expect("the new user");
    let wallet = &user["modules"]["wallet"];
    assert_eq!(wallet["enabled"], true);
    assert_eq!(wallet["balance"], 0);
    assert_eq!(wallet["currency"], "credits");
    assert!(wallet["last_updated"].is_string(), "{wallet}");
    assert!(!data.to_string().contains("password"), "no password or hash in {data}");
}
