//! Delivery of queued e-mail and SMS through real transports: lettre speaking SMTP to a local
//! sink, and the HTTP SMS gateway contract against a local mock (the edge of the world).

#[path = "common/database.rs"]
mod database;
use database::TestDatabase;

use std::sync::{Arc, Mutex};

use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use portal::auth::RequestOrigin;
use portal::clock::{Clock, ManualClock};
use portal::documents::storage::LocalStorage;
use portal::notifications::transport::{SmsSettings, SmtpSecurity, SmtpSettings, Transports};
use portal::notifications::Channel;
use portal::store::Store;
use portal::{Portal, PortalConfig};
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A minimal SMTP server that accepts everything and keeps each message's DATA.
async fn smtp_sink() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = Arc::clone(&received);
    tokio::spawn(async move {
        loop {
            let (socket, _) = listener.accept().await.unwrap();
            let store = Arc::clone(&store);
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 sink ESMTP\r\n").await.unwrap();
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(body) = data.as_mut() {
                        if line == "." {
                            store.lock().unwrap().push(data.take().unwrap_or_default());
                            write.write_all(b"250 queued\r\n").await.unwrap();
                        } else {
                            body.push_str(&line);
                            body.push('\n');
                        }
                        continue;
                    }
                    let verb = line.split_whitespace().next().unwrap_or_default().to_ascii_uppercase();
                    let answer: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250 sink\r\n",
                        "DATA" => {
                            data = Some(String::new());
                            b"354 go ahead\r\n"
                        }
                        "QUIT" => {
                            write.write_all(b"221 bye\r\n").await.unwrap();
                            break;
                        }
                        _ => b"250 ok\r\n",
                    };
                    write.write_all(answer).await.unwrap();
                }
            });
        }
    });
    (port, received)
}

/// A mock SMS gateway that fails the first `failures` requests with 500.
async fn sms_gateway(failures: usize) -> (String, Arc<Mutex<Vec<(String, Value)>>>) {
    let received = Arc::new(Mutex::new(Vec::new()));
    let remaining = Arc::new(Mutex::new(failures));
    let store = Arc::clone(&received);
    let app = Router::new().route(
        "/send",
        post(move |headers: HeaderMap, Json(body): Json<Value>| {
            let store = Arc::clone(&store);
            let remaining = Arc::clone(&remaining);
            async move {
                let mut remaining = remaining.lock().unwrap();
                if *remaining > 0 {
                    *remaining -= 1;
                    return StatusCode::INTERNAL_SERVER_ERROR;
                }
                let auth = headers.get("authorization").unwrap().to_str().unwrap().to_string();
                store.lock().unwrap().push((auth, body));
                StatusCode::ACCEPTED
            }
        }),
    );
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/send", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, received)
}

async fn portal_with(transports: Transports, dir: &tempfile::TempDir) -> (Portal, ManualClock, TestDatabase) {
    let database = TestDatabase::create(dir.path());
    let store = Store::connect(&database.url).await.unwrap();
    store.migrate().await.unwrap();
    let clock = ManualClock::new(time::OffsetDateTime::now_utc());
    let mut config = PortalConfig::with_random_secret();
    config.transports = transports;
    let portal = Portal::with_clock(
        store,
        LocalStorage::new(dir.path().join("files")),
        &config,
        Arc::new(clock.clone()) as Arc<dyn Clock>,
    );
    portal.load_demo().await.unwrap();
    (portal, clock, database)
}

#[tokio::test]
async fn emails_go_out_over_smtp_and_sms_through_the_gateway() {
    let dir = tempfile::tempdir().unwrap();
    let (smtp_port, mails) = smtp_sink().await;
    let (sms_url, texts) = sms_gateway(0).await;
    let transports = Transports {
        smtp: Some(SmtpSettings {
            host: "127.0.0.1".into(),
            port: smtp_port,
            security: SmtpSecurity::Plain,
            username: None,
            password: None,
            from: "Portal do Cliente <portal@construtora.example>".into(),
        }),
        sms: Some(SmsSettings { url: sms_url, token: "gateway-token".into() }),
    };
    let (portal, _clock, _database) = portal_with(transports, &dir).await;
    let origin = RequestOrigin::default();
    portal.request_login_code("ana.souza@exemplo.com.br", Channel::Email, &origin).await.unwrap();
    portal.request_login_code("222.555.888-46", Channel::Sms, &origin).await.unwrap();
    assert!(portal.store.recent_outbox(5).await.unwrap().iter().all(|m| m.status == "pending"));

    assert_eq!(portal.deliver_due_messages(10).await.unwrap(), 2);
    let mails = mails.lock().unwrap().clone();
    assert_eq!(mails.len(), 1);
    assert!(mails[0].contains("To: ana.souza@exemplo.com.br"), "{}", mails[0]);
    assert!(mails[0].contains("text/html") && mails[0].contains("text/plain"), "plain text and HTML");
    let texts = texts.lock().unwrap().clone();
    assert_eq!(texts.len(), 1);
    assert_eq!(texts[0].0, "Bearer gateway-token");
    assert_eq!(texts[0].1["to"], "+5541991234567");
    assert!(texts[0].1["message"].as_str().unwrap().contains("código de acesso"));
    assert!(portal.store.recent_outbox(5).await.unwrap().iter().all(|m| m.status == "sent"));
    assert_eq!(portal.deliver_due_messages(10).await.unwrap(), 0, "nothing is sent twice");
}

#[tokio::test]
async fn a_failed_send_is_kept_and_retried_after_a_backoff() {
    let dir = tempfile::tempdir().unwrap();
    let (sms_url, texts) = sms_gateway(1).await;
    let transports = Transports { smtp: None, sms: Some(SmsSettings { url: sms_url, token: "t".into() }) };
    let (portal, clock, _database) = portal_with(transports, &dir).await;
    let origin = RequestOrigin::default();
    portal.request_login_code("222.555.888-46", Channel::Sms, &origin).await.unwrap();
    // E-mail has no transport here: that message is held, never lost.
    portal.request_login_code("ana.souza@exemplo.com.br", Channel::Email, &origin).await.unwrap();

    assert_eq!(portal.deliver_due_messages(10).await.unwrap(), 0);
    assert!(texts.lock().unwrap().is_empty());
    let outbox = portal.store.recent_outbox(5).await.unwrap();
    let sms = outbox.iter().find(|m| m.channel == "sms").unwrap();
    assert_eq!(sms.status, "pending", "kept for a retry");
    assert_eq!(outbox.iter().find(|m| m.channel == "email").unwrap().status, "held");

    assert_eq!(portal.deliver_due_messages(10).await.unwrap(), 0, "not before the backoff");
    clock.advance(time::Duration::seconds(61));
    assert_eq!(portal.deliver_due_messages(10).await.unwrap(), 1);
    assert_eq!(texts.lock().unwrap().len(), 1);
}
