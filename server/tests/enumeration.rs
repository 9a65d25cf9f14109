//! Enumeration: existing and unknown accounts get the same answer, and in the same time
//! within noise. Medians of interleaved samples, compared with a generous bound: removing the
//! decoy password check for unknown accounts makes them answer ~10 times faster and fails this.

mod common;

use std::time::{Duration, Instant};

use common::*;
use serde_json::{json, Value};

const UNKNOWN: &str = "ninguem.aqui@exemplo.com.br";
const ROUNDS: usize = 15;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort_unstable();
    samples[samples.len() / 2]
}

async fn timed_post(portal: &TestPortal, path: &str, body: &Value) -> (Duration, u16, String) {
    let started = Instant::now();
    let response = portal.client.post(portal.url(path)).json(body).send().await.unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (started.elapsed(), status, text)
}

/// Samples `path` for the existing and the unknown account, alternating which goes first, with
/// every rate-limit window reset between rounds; returns both medians.
async fn compare(portal: &TestPortal, path: &str, body: impl Fn(&str) -> Value) -> (Duration, Duration) {
    let (mut existing, mut unknown) = (Vec::new(), Vec::new());
    // One warm-up round each: connection pool, caches.
    timed_post(portal, path, &body(ANA)).await;
    timed_post(portal, path, &body(UNKNOWN)).await;
    for round in 0..ROUNDS {
        portal.clock.advance(time::Duration::minutes(16));
        let order = if round % 2 == 0 { [ANA, UNKNOWN] } else { [UNKNOWN, ANA] };
        let mut answers = Vec::new();
        for who in order {
            let (elapsed, status, text) = timed_post(portal, path, &body(who)).await;
            if who == ANA {
                existing.push(elapsed)
            } else {
                unknown.push(elapsed)
            }
            answers.push((status, text));
        }
        assert_eq!(answers[0].0, answers[1].0, "same status");
    }
    (median(existing), median(unknown))
}

fn assert_within_noise(what: &str, existing: Duration, unknown: Duration) {
    let (slow, fast) = if existing > unknown { (existing, unknown) } else { (unknown, existing) };
    eprintln!("{what}: existing {existing:?}, unknown {unknown:?}");
    assert!(
        slow <= fast * 2 + Duration::from_millis(10),
        "{what}: existing account {existing:?} vs unknown {unknown:?} tells them apart"
    );
}

#[tokio::test]
async fn wrong_password_costs_the_same_for_existing_and_unknown_accounts() {
    let portal = TestPortal::start().await;
    let body = |login: &str| json!({ "login": login, "senha": "não é esta a senha" });
    let (existing, unknown) = compare(&portal, "/api/v1/autenticacao", body).await;
    assert_within_noise("login", existing, unknown);
    // The argon2 check dominates both: far slower than a plain database lookup.
    assert!(unknown > Duration::from_millis(5), "unknown accounts also pay for a password check");
}

#[tokio::test]
async fn code_requests_cost_the_same_for_existing_and_unknown_accounts() {
    let portal = TestPortal::start().await;
    for path in ["/api/v1/codigo-verificacao", "/api/v1/resetar-senha-email", "/api/v1/primeiro-acesso"] {
        let (existing, unknown) = compare(&portal, path, |login| json!({ "login": login })).await;
        assert_within_noise(path, existing, unknown);
    }
}
