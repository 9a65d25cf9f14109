//! Partner webhooks end to end, against a local receiver: registration through the API,
//! id-only deliveries that verify as Standard Webhooks, retries with backoff, a disabled
//! endpoint that receives nothing, a queue that survives a restart and is sent once however
//! many workers run, and the back office's list of deliveries and attempts.

mod common;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use common::partners::register;
use common::*;
use portal::partners::{PartnerScope, WebhookEvent};
use serde_json::{json, Value};

/// A partner's webhook receiver: records every request and answers `status`.
#[derive(Clone)]
struct Receiver {
    address: SocketAddr,
    status: Arc<AtomicU16>,
    received: Arc<Mutex<Vec<(HeaderMap, Bytes)>>>,
}

impl Receiver {
    async fn start() -> Self {
        let status = Arc::new(AtomicU16::new(200));
        let received: Arc<Mutex<Vec<(HeaderMap, Bytes)>>> = Arc::default();
        let (answer, log) = (status.clone(), received.clone());
        let app = axum::Router::new().route(
            "/hook",
            axum::routing::post(move |headers: HeaderMap, body: Bytes| {
                let (answer, log) = (answer.clone(), log.clone());
                async move {
                    log.lock().unwrap().push((headers, body));
                    StatusCode::from_u16(answer.load(Ordering::SeqCst)).unwrap()
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Self { address, status, received }
    }

    fn url(&self) -> String {
        format!("http://{}/hook", self.address)
    }

    fn answer(&self, status: u16) {
        self.status.store(status, Ordering::SeqCst);
    }

    fn requests(&self) -> Vec<(HeaderMap, Bytes)> {
        self.received.lock().unwrap().clone()
    }
}

async fn register_endpoint(portal: &TestPortal, key: &str, url: &str, events: &[&str]) -> (u16, Value) {
    let response = portal
        .client
        .post(portal.url("/api/v1/webhooks"))
        .bearer_auth(key)
        .json(&json!({ "url": url, "eventos": events }))
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

/// A partner with the `webhooks` scope and one endpoint at the receiver; (partner, key, secret).
async fn subscribed(portal: &TestPortal, receiver: &Receiver, events: &[&str]) -> (i64, String, String) {
    let (partner, key) = register(portal, &[PartnerScope::Webhooks], "").await;
    let (status, body) = register_endpoint(portal, &key, &receiver.url(), events).await;
    assert_eq!(status, 201, "{body}");
    let secret = body["segredo"].as_str().unwrap().to_string();
    assert!(secret.starts_with("whsec_"), "{secret}");
    (partner, key, secret)
}

fn payload(body: &Bytes) -> Value {
    serde_json::from_slice(body).unwrap()
}

#[tokio::test]
async fn a_staff_answer_reaches_the_partner_signed_with_ids_only() {
    let portal = TestPortal::start().await;
    let receiver = Receiver::start().await;
    let (_, _, secret) = subscribed(&portal, &receiver, &["mensagem.respondida"]).await;
    let admin = portal.portal.staff_member(1).await.unwrap();
    portal
        .portal
        .staff_reply(&admin, 1, "Resposta com dados pessoais: CPF 111.444.777-35", &[])
        .await
        .unwrap();
    // An event the endpoint did not ask for is not sent to it.
    portal.portal.emit_webhook(WebhookEvent::DocumentPublished, &[("documento_id", 1)]).await;
    assert_eq!(portal.portal.deliver_due_webhooks(10).await.unwrap(), 1);

    let requests = receiver.requests();
    assert_eq!(requests.len(), 1);
    let (headers, body) = &requests[0];
    standardwebhooks::Webhook::new(&secret).unwrap().verify(body, headers).expect("a valid signature");
    // A forged body or another secret does not verify.
    let forged = Bytes::from(String::from_utf8_lossy(body).replace("\"mensagem_id\":1", "\"mensagem_id\":2"));
    assert!(standardwebhooks::Webhook::new(&secret).unwrap().verify(&forged, headers).is_err());
    let other = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    assert!(standardwebhooks::Webhook::new(other).unwrap().verify(body, headers).is_err());
    assert_eq!(headers["content-type"], "application/json");

    let event = payload(body);
    assert_eq!(event["tipo"], "mensagem.respondida");
    assert_eq!(event["dados"], json!({ "mensagem_id": 1 }));
    let keys: Vec<&str> = event.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys.len(), 4, "only id, tipo, criado_em and dados: {event}");
    let text = String::from_utf8_lossy(body);
    for personal in ["Resposta", "111.444.777", "Ana", "@"] {
        assert!(!text.contains(personal), "no personal data in the delivery: {text}");
    }
    // Delivered once: nothing more to send.
    assert_eq!(portal.portal.deliver_due_webhooks(10).await.unwrap(), 0);
    assert_eq!(receiver.requests().len(), 1);
}

#[tokio::test]
async fn a_failing_receiver_is_retried_with_backoff_under_the_same_id() {
    let portal = TestPortal::start().await;
    let receiver = Receiver::start().await;
    let (_, _, secret) = subscribed(&portal, &receiver, &["boleto.pago", "contrato.alterado"]).await;
    receiver.answer(500);
    portal.portal.emit_webhook(WebhookEvent::BoletoPaid, &[("boleto_id", 7)]).await;
    assert_eq!(portal.portal.deliver_due_webhooks(10).await.unwrap(), 0);
    assert_eq!(receiver.requests().len(), 1);
    // Not due again at once, nor after 30 s: the second try waits a minute.
    assert_eq!(portal.portal.deliver_due_webhooks(10).await.unwrap(), 0);
    portal.clock.advance(time::Duration::seconds(30));
    portal.portal.deliver_due_webhooks(10).await.unwrap();
    assert_eq!(receiver.requests().len(), 1, "backoff respected");
    portal.clock.advance(time::Duration::seconds(31));
    portal.portal.deliver_due_webhooks(10).await.unwrap();
    assert_eq!(receiver.requests().len(), 2);
    // The third waits two minutes; the receiver is back.
    receiver.answer(204);
    portal.clock.advance(time::Duration::seconds(119));
    portal.portal.deliver_due_webhooks(10).await.unwrap();
    assert_eq!(receiver.requests().len(), 2);
    portal.clock.advance(time::Duration::seconds(2));
    assert_eq!(portal.portal.deliver_due_webhooks(10).await.unwrap(), 1);
    let requests = receiver.requests();
    assert_eq!(requests.len(), 3);
    let ids: Vec<&str> =
        requests.iter().map(|(headers, _)| headers["webhook-id"].to_str().unwrap()).collect();
    assert!(ids.iter().all(|id| *id == ids[0]), "one webhook-id for every try: {ids:?}");
    let stamps: Vec<i64> = requests
        .iter()
        .map(|(headers, _)| headers["webhook-timestamp"].to_str().unwrap().parse().unwrap())
        .collect();
    assert!(stamps[0] < stamps[1] && stamps[1] < stamps[2], "each try signed at its own time: {stamps:?}");
    // The last try verifies (the receiver's clock is the portal's here).
    let (headers, body) = &requests[2];
    let signer = standardwebhooks::Webhook::new(&secret).unwrap();
    let expected = signer.sign(ids[0], stamps[2], body).unwrap();
    assert_eq!(headers["webhook-signature"].to_str().unwrap(), expected);

    // The back office lists the delivery with its three attempts.
    let admin = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let partners = portal.portal.partner_list(&portal.portal.staff_member(1).await.unwrap()).await.unwrap();
    let partner = partners.iter().find(|row| row.name == "Chatbot Exemplo").unwrap().id;
    let page = portal.get(&format!("/equipe/parceiros/{partner}"), Some(&admin)).await.text().await.unwrap();
    assert!(page.contains("Entregas recentes") && page.contains("Boleto pago"), "the delivery is listed");
    assert!(page.contains("3 tentativa(s)") && page.contains("HTTP 500") && page.contains("HTTP 204"));
    assert!(page.contains("Entregue"));
    assert!(!page.contains(&secret), "the secret is never shown again");
}

#[tokio::test]
async fn a_receiver_down_for_good_is_given_up_and_staff_can_send_again() {
    let portal = TestPortal::start().await;
    let receiver = Receiver::start().await;
    let (partner, _, _) = subscribed(&portal, &receiver, &["documento.publicado"]).await;
    receiver.answer(503);
    portal.portal.emit_webhook(WebhookEvent::DocumentPublished, &[("documento_id", 3)]).await;
    for _ in 0..portal::partners::MAX_WEBHOOK_ATTEMPTS {
        portal.portal.deliver_due_webhooks(10).await.unwrap();
        portal.clock.advance(time::Duration::hours(1));
    }
    portal.portal.deliver_due_webhooks(10).await.unwrap();
    assert_eq!(receiver.requests().len() as i64, portal::partners::MAX_WEBHOOK_ATTEMPTS, "then it stops");
    let admin = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let page = portal.get(&format!("/equipe/parceiros/{partner}"), Some(&admin)).await.text().await.unwrap();
    assert!(page.contains("Falhou") && page.contains("Reenviar"), "a failed delivery can be sent again");
    let delivery =
        portal.portal.partner_detail(&portal.portal.staff_member(1).await.unwrap(), partner).await.unwrap();
    let delivery = delivery.webhooks.deliveries[0].id.to_string();
    let partner_id = partner.to_string();
    let resend = portal
        .form_post(
            "/api/equipe/parceiro-webhook",
            &[("id", &partner_id), ("action", "reenviar"), ("delivery", &delivery)],
            Some(&admin),
        )
        .await;
    assert_eq!(location(&resend), format!("/equipe/parceiros/{partner}?webhook-reenviado=1#webhooks"));
    receiver.answer(200);
    assert_eq!(portal.portal.deliver_due_webhooks(10).await.unwrap(), 1);
    // Sending a delivered one again is refused.
    let again = portal
        .form_post(
            "/api/equipe/parceiro-webhook",
            &[("id", &partner_id), ("action", "reenviar"), ("delivery", &delivery)],
            Some(&admin),
        )
        .await;
    assert!(location(&again).contains("erro="), "{}", location(&again));
}

#[tokio::test]
async fn a_disabled_endpoint_receives_nothing_until_staff_turn_it_on_again() {
    let portal = TestPortal::start().await;
    let receiver = Receiver::start().await;
    let (partner, key, _) = subscribed(&portal, &receiver, &["contrato.alterado"]).await;
    let endpoint =
        portal.portal.partner_detail(&portal.portal.staff_member(1).await.unwrap(), partner).await.unwrap();
    let endpoint = endpoint.webhooks.endpoints[0].id.to_string();
    let admin = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let partner_id = partner.to_string();
    let off = portal
        .form_post(
            "/api/equipe/parceiro-webhook",
            &[("id", &partner_id), ("action", "desativar"), ("endpoint", &endpoint)],
            Some(&admin),
        )
        .await;
    assert_eq!(location(&off), format!("/equipe/parceiros/{partner}?webhook-desativado=1#webhooks"));
    let listed = portal.client.get(portal.url("/api/v1/webhooks")).bearer_auth(&key).send().await.unwrap();
    assert_eq!(listed.json::<Value>().await.unwrap()["webhooks"][0]["ativo"], false);

    // A distrato by staff, as the back office does it.
    let staff = portal.portal.staff_member(1).await.unwrap();
    portal.portal.set_contract_status(&staff, 1, "distratado", "Desistência do comprador").await.unwrap();
    portal.clock.advance(time::Duration::hours(2));
    assert_eq!(portal.portal.deliver_due_webhooks(10).await.unwrap(), 0);
    assert!(receiver.requests().is_empty(), "a disabled endpoint receives nothing");

    let on = portal
        .form_post(
            "/api/equipe/parceiro-webhook",
            &[("id", &partner_id), ("action", "ativar"), ("endpoint", &endpoint)],
            Some(&admin),
        )
        .await;
    assert_eq!(location(&on), format!("/equipe/parceiros/{partner}?webhook-ativado=1#webhooks"));
    assert_eq!(portal.portal.deliver_due_webhooks(10).await.unwrap(), 1, "the waiting delivery goes");
    assert_eq!(payload(&receiver.requests()[0].1)["tipo"], "contrato.alterado");

    // A deleted endpoint's queue is cancelled, and a revoked partner's endpoints get nothing.
    receiver.answer(500);
    portal.portal.emit_webhook(WebhookEvent::ContractChanged, &[("contrato_id", 1)]).await;
    let id = portal.client.get(portal.url("/api/v1/webhooks")).bearer_auth(&key).send().await.unwrap();
    let id = id.json::<Value>().await.unwrap()["webhooks"][0]["id"].as_i64().unwrap();
    let deleted = portal
        .client
        .delete(portal.url(&format!("/api/v1/webhooks/{id}")))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 204);
    portal.clock.advance(time::Duration::hours(2));
    assert_eq!(portal.portal.deliver_due_webhooks(10).await.unwrap(), 0);
    assert_eq!(receiver.requests().len(), 1);

    // A revoked partner, or one whose `webhooks` scope was taken away, hears of nothing.
    receiver.answer(200);
    let (revoked, _, _) = subscribed(&portal, &receiver, &["contrato.alterado"]).await;
    let (narrowed, _, _) = subscribed(&portal, &receiver, &["contrato.alterado"]).await;
    let admin = portal.portal.staff_member(1).await.unwrap();
    // One event queued while they still could hear, one after.
    portal.portal.emit_webhook(WebhookEvent::ContractChanged, &[("contrato_id", 1)]).await;
    portal.portal.revoke_partner(&admin, revoked).await.unwrap();
    let mut form = portal.portal.partner_detail(&admin, narrowed).await.unwrap().form;
    form.scopes = vec![PartnerScope::RemoteLogin.code().to_string()];
    portal.portal.update_partner(&admin, narrowed, &form).await.unwrap();
    portal.portal.emit_webhook(WebhookEvent::ContractChanged, &[("contrato_id", 1)]).await;
    assert_eq!(portal.portal.deliver_due_webhooks(10).await.unwrap(), 0);
    assert_eq!(receiver.requests().len(), 1);
}

#[tokio::test]
async fn the_queue_survives_a_restart_and_twenty_workers_send_each_delivery_once() {
    let portal = TestPortal::start().await;
    let receiver = Receiver::start().await;
    subscribed(&portal, &receiver, &["boleto.emitido"]).await;
    for boleto in 1..=5 {
        portal.portal.emit_webhook(WebhookEvent::BoletoIssued, &[("boleto_id", boleto)]).await;
    }
    // Another process on the same database (the portal restarted, or a second one behind the
    // load balancer): the queue is in the database, and the secret opens under the same key.
    let restarted = portal.another_process().await;
    let workers = (0..20).map(|_| {
        let process = restarted.clone();
        tokio::spawn(async move { process.deliver_due_webhooks(10).await.unwrap() })
    });
    let sent: usize = futures_total(workers).await;
    assert_eq!(sent, 5, "each delivery sent once");
    let mut ids: Vec<i64> = receiver
        .requests()
        .iter()
        .map(|(_, body)| payload(body)["dados"]["boleto_id"].as_i64().unwrap())
        .collect();
    ids.sort();
    assert_eq!(ids, vec![1, 2, 3, 4, 5]);
}

async fn futures_total(tasks: impl Iterator<Item = tokio::task::JoinHandle<usize>>) -> usize {
    let mut total = 0;
    for task in tasks.collect::<Vec<_>>() {
        total += task.await.unwrap();
    }
    total
}

#[tokio::test]
async fn registration_refuses_bad_input_other_partners_and_keys_without_the_scope() {
    let portal = TestPortal::start().await;
    let receiver = Receiver::start().await;
    let (_, key, secret) = subscribed(&portal, &receiver, &["boleto.pago"]).await;
    for (url, events) in [
        ("ftp://exemplo.com.br/x", json!(["boleto.pago"])),
        ("http://exemplo.com.br/hook", json!(["boleto.pago"])),
        ("https://usuario:senha@exemplo.com.br/hook", json!(["boleto.pago"])),
        ("https://exemplo.com.br/hook", json!([])),
        ("https://exemplo.com.br/hook", json!(["boleto.inventado"])),
    ] {
        let response = portal
            .client
            .post(portal.url("/api/v1/webhooks"))
            .bearer_auth(&key)
            .json(&json!({ "url": url, "eventos": events }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 422, "{url} {events}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["erro"]["codigo"], "dados_invalidos");
    }
    // No key, a key without the scope, another partner's endpoint.
    let anonymous = portal.client.get(portal.url("/api/v1/webhooks")).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
    let (_, chatbot) = register(&portal, &[PartnerScope::RemoteLogin], "").await;
    let forbidden =
        portal.client.get(portal.url("/api/v1/webhooks")).bearer_auth(&chatbot).send().await.unwrap();
    assert_eq!(forbidden.status(), 403);
    let (_, other) = register(&portal, &[PartnerScope::Webhooks], "").await;
    let mine = portal.client.get(portal.url("/api/v1/webhooks")).bearer_auth(&key).send().await.unwrap();
    let mine = mine.json::<Value>().await.unwrap()["webhooks"][0]["id"].as_i64().unwrap();
    let theirs = portal.client.get(portal.url("/api/v1/webhooks")).bearer_auth(&other).send().await.unwrap();
    assert_eq!(theirs.json::<Value>().await.unwrap()["webhooks"], json!([]));
    let steal = portal
        .client
        .delete(portal.url(&format!("/api/v1/webhooks/{mine}")))
        .bearer_auth(&other)
        .send()
        .await
        .unwrap();
    assert_eq!(steal.status(), 404);
    // The events are listed for anyone coding against them.
    let events: Value =
        portal.client.get(portal.url("/api/v1/webhooks/eventos")).send().await.unwrap().json().await.unwrap();
    assert_eq!(events["eventos"].as_array().unwrap().len(), WebhookEvent::ALL.len());
    // The secret is sealed at rest: the raw column does not hold it.
    let pool = sqlx::AnyPool::connect(&portal.database_url).await.unwrap();
    let raw: Vec<(String,)> =
        sqlx::query_as("SELECT secret_sealed FROM webhook_endpoint").fetch_all(&pool).await.unwrap();
    assert!(raw.iter().all(|(value,)| value.starts_with("v1.") && !value.contains(&secret[6..])), "{raw:?}");
}

#[tokio::test]
async fn in_production_deliveries_go_only_to_public_https_addresses() {
    let portal = TestPortal::start_production().await;
    let (partner, key) = register(&portal, &[PartnerScope::Webhooks], "").await;
    for url in [
        "http://erp.exemplo.com.br/hook",
        "https://127.0.0.1/hook",
        "https://10.0.0.8/hook",
        "https://[::1]/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://localhost/hook",
    ] {
        let (status, body) = register_endpoint(&portal, &key, url, &["boleto.pago"]).await;
        assert_eq!(status, 422, "{url}: {body}");
    }
    // A name that resolves inside the network passes as written, and is refused once resolved:
    // this machine's own name (resolved through /etc/hosts to a loopback address).
    let receiver = Receiver::start().await;
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap().trim().to_string();
    let inside = tokio::net::lookup_host(format!("{host}:0")).await.map(|found| found.collect::<Vec<_>>());
    let url = format!("https://{host}:{}/hook", receiver.address.port());
    let (status, body) = register_endpoint(&portal, &key, &url, &["boleto.pago"]).await;
    assert_eq!(status, 201, "{body}");
    portal.portal.emit_webhook(WebhookEvent::BoletoPaid, &[("boleto_id", 1)]).await;
    assert_eq!(portal.portal.deliver_due_webhooks(10).await.unwrap(), 0);
    assert!(receiver.requests().is_empty());
    let admin = portal.portal.staff_member(1).await.unwrap();
    let detail = portal.portal.partner_detail(&admin, partner).await.unwrap();
    let error = detail.webhooks.deliveries[0].attempts[0].error.clone().unwrap_or_default();
    if inside.is_ok_and(|addresses| !addresses.is_empty() && addresses.iter().all(|a| a.ip().is_loopback())) {
        assert!(error.contains("não é público"), "{error}");
    }
}
