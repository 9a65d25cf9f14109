//! Staff passwords, never typed by another person: an admin invites by e-mail (a single-use
//! link), a forgotten password is a 6-digit code by e-mail; both end every other session.

mod common;

use common::*;
use reqwest::StatusCode;

const NEW_PASSWORD: &str = "uma frase longa da equipe";

/// The newest e-mail to `destination`.
async fn mail_to(portal: &TestPortal, destination: &str) -> portal::notifications::OutboxEntry {
    let messages = portal.portal.store.recent_outbox(20).await.unwrap();
    messages.into_iter().find(|m| m.destination == destination).expect("an e-mail was queued")
}

/// The invitation token in the newest e-mail to `destination`.
async fn invitation_token(portal: &TestPortal, destination: &str) -> String {
    let mail = mail_to(portal, destination).await;
    let link =
        mail.body_text.split_whitespace().find(|word| word.contains("/equipe/convite?token=")).unwrap();
    link.split("token=").nth(1).unwrap().to_string()
}

async fn invite(portal: &TestPortal, admin: &str, email: &str, developments: &[&str]) -> reqwest::Response {
    let mut form = vec![
        ("name", "Rafael Lima".to_string()),
        ("email", email.to_string()),
        ("role", "atendimento".to_string()),
        ("expires_on", String::new()),
    ];
    for development in developments {
        form.push(("developments[]", development.to_string()));
    }
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    portal.form_post("/api/equipe/convidar", &form, Some(admin)).await
}

#[tokio::test]
async fn an_invited_person_chooses_a_password_once_and_signs_in() {
    let portal = TestPortal::start().await;
    let admin = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let email = "rafael@horizonte.exemplo.com.br";
    let invited = invite(&portal, &admin, email, &["2"]).await;
    let page = location(&invited);
    assert!(page.starts_with("/equipe/usuarios/") && page.ends_with("?convidado=1"), "{page}");
    let html = portal.get(&page, Some(&admin)).await.text().await.unwrap();
    assert!(html.contains("Convite pendente") && html.contains("Reenviar convite"), "{html}");

    // Before choosing a password, nothing signs in as them.
    let refused = portal
        .form_post("/api/equipe/entrar", &[("email", email), ("password", ""), ("next", "/equipe")], None)
        .await;
    assert!(location(&refused).contains("erro=credenciais-equipe"));

    let token = invitation_token(&portal, email).await;
    let mail = mail_to(&portal, email).await;
    assert!(mail.body_text.contains("Marina Alves convidou você") && mail.body_text.contains("72 horas"));
    let greeting = portal.get(&format!("/equipe/convite?token={token}"), None).await.text().await.unwrap();
    assert!(greeting.contains("Olá, Rafael Lima!") && greeting.contains(email));

    // A weak password or a mismatch is refused and the link still works…
    for (password, confirmation, error) in [
        ("12345678", "12345678", "erro=senha-common"),
        (NEW_PASSWORD, "outra coisa qualquer", "erro=senha-confirmationmismatch"),
    ] {
        let response = portal
            .form_post(
                "/api/equipe/convite-aceitar",
                &[("token", &token), ("new_password", password), ("confirmation", confirmation)],
                None,
            )
            .await;
        assert!(location(&response).contains(error), "{}", location(&response));
    }
    // …and 20 right answers at once sign in exactly once.
    let mut requests = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let (client, url, base, token) = (
            portal.client.clone(),
            portal.url("/api/equipe/convite-aceitar"),
            portal.base.clone(),
            token.clone(),
        );
        requests.spawn(async move {
            let response = client
                .post(url)
                .header("accept", "text/html")
                .header("origin", base)
                .form(&[
                    ("token", token.as_str()),
                    ("new_password", NEW_PASSWORD),
                    ("confirmation", NEW_PASSWORD),
                ])
                .send()
                .await
                .unwrap();
            (location(&response), set_cookie_named(response.headers(), "portal_equipe"))
        });
    }
    let answers = requests.join_all().await;
    let signed_in: Vec<_> = answers.iter().filter(|(to, _)| to == "/equipe?bem-vindo=1").collect();
    assert_eq!(signed_in.len(), 1, "{answers:?}");
    let cookie = signed_in[0].1.clone().unwrap();
    let dashboard = portal.get("/equipe?bem-vindo=1", Some(&cookie)).await.text().await.unwrap();
    assert!(dashboard.contains("Senha criada. Bem-vindo"));
    // Scoped to Mirante, as invited.
    let staff = portal
        .portal
        .authenticate_staff(cookie.split_once('=').unwrap().1, &Default::default())
        .await
        .unwrap();
    assert_eq!(staff.scope, portal::staff::StaffScope::Developments(vec![2]));

    // The link is used up.
    let used = portal.get(&format!("/equipe/convite?token={token}"), None).await.text().await.unwrap();
    assert!(used.contains("Este convite não vale mais"));
    portal.staff_login(email, NEW_PASSWORD).await;

    let trail = portal.portal.store.audit_events_about(&format!("staff:{}", staff.id), 10).await.unwrap();
    let actions: Vec<&str> = trail.iter().map(|event| event.action.as_str()).collect();
    assert!(actions.contains(&"staff_invited") && actions.contains(&"staff_password_set"), "{actions:?}");
}

#[tokio::test]
async fn a_refused_invitation_names_each_field_and_keeps_what_was_typed() {
    let portal = TestPortal::start().await;
    let admin = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let response = portal
        .form_post(
            "/api/equipe/convidar",
            &[
                ("name", "R"),
                ("email", STAFF_ADMIN),
                ("role", "atendimento"),
                ("developments[]", "999"),
                ("expires_on", "2020-01-01"),
            ],
            Some(&admin),
        )
        .await;
    let back = location(&response);
    assert!(back.starts_with("/equipe/usuarios/novo?rascunho="), "{back}");
    let page = portal.get(&back, Some(&admin)).await.text().await.unwrap();
    for sentence in [
        "Informe o nome, de 2 a 120 caracteres.",
        "Já existe um usuário da equipe com este e-mail.",
        "Escolha empreendimentos da lista.",
        "A data final não pode estar no passado.",
    ] {
        assert!(page.contains(sentence), "{sentence}");
    }
    assert!(page.contains("value=\"2020-01-01\"") && page.contains(&format!("value=\"{STAFF_ADMIN}\"")));
    // A role no page offers is a bad request, not a new kind of user.
    let odd = portal
        .form_post(
            "/api/equipe/convidar",
            &[
                ("name", "Rafael"),
                ("email", "r@horizonte.exemplo.com.br"),
                ("role", "root"),
                ("expires_on", ""),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(odd.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        portal.portal.staff_users(&portal.portal.staff_member(1).await.unwrap()).await.unwrap().len(),
        1
    );
}

#[tokio::test]
async fn an_expired_or_replaced_invitation_does_not_open() {
    let portal = TestPortal::start().await;
    let admin = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let email = "bia@horizonte.exemplo.com.br";
    let page = location(&invite(&portal, &admin, email, &[]).await);
    let id: i64 = page.trim_start_matches("/equipe/usuarios/").split('?').next().unwrap().parse().unwrap();
    let first = invitation_token(&portal, email).await;
    let resent = portal
        .form_post(
            "/api/equipe/usuario-situacao",
            &[("id", &id.to_string()), ("action", "reenviar")],
            Some(&admin),
        )
        .await;
    assert_eq!(location(&resent), format!("/equipe/usuarios/{id}?reenviado=1"));
    let second = invitation_token(&portal, email).await;
    assert_ne!(first, second);
    let old = portal.get(&format!("/equipe/convite?token={first}"), None).await.text().await.unwrap();
    assert!(old.contains("Este convite não vale mais"));
    portal.clock.advance(time::Duration::hours(72) + time::Duration::seconds(1));
    let late = portal
        .form_post(
            "/api/equipe/convite-aceitar",
            &[("token", &second), ("new_password", NEW_PASSWORD), ("confirmation", NEW_PASSWORD)],
            None,
        )
        .await;
    assert!(location(&late).contains("erro=codigo"), "{}", location(&late));
}

#[tokio::test]
async fn a_forgotten_password_takes_a_code_and_ends_the_other_sessions() {
    let portal = TestPortal::start().await;
    let old_session = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;

    // The same answer for an unknown e-mail, and nothing is sent.
    let unknown =
        portal.form_post("/api/equipe/esqueci-senha", &[("email", "ninguem@exemplo.com.br")], None).await;
    let known = portal.form_post("/api/equipe/esqueci-senha", &[("email", STAFF_ADMIN)], None).await;
    let unknown_page = location(&unknown);
    let known_page = location(&known);
    assert!(unknown_page.starts_with("/equipe/esqueci-senha/nova-senha?desafio="));
    assert_eq!(unknown_page.len(), known_page.len());
    let outbox = portal.portal.store.recent_outbox(20).await.unwrap();
    assert!(outbox.iter().all(|m| m.destination != "ninguem@exemplo.com.br"));
    let code = code_sent_to(&portal, STAFF_ADMIN).await;
    let challenge = query_value(&known_page, "desafio");

    // Five wrong codes burn it; the right one then fails too.
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        let response = portal
            .form_post(
                "/api/equipe/nova-senha",
                &[
                    ("challenge", &challenge),
                    ("code", wrong),
                    ("new_password", NEW_PASSWORD),
                    ("confirmation", NEW_PASSWORD),
                ],
                None,
            )
            .await;
        assert!(location(&response).contains("erro=codigo"));
    }
    let burnt = portal
        .form_post(
            "/api/equipe/nova-senha",
            &[
                ("challenge", &challenge),
                ("code", &code),
                ("new_password", NEW_PASSWORD),
                ("confirmation", NEW_PASSWORD),
            ],
            None,
        )
        .await;
    assert!(location(&burnt).contains("erro=codigo"));

    // A new code works once, and every older session ends.
    let again = portal.form_post("/api/equipe/esqueci-senha", &[("email", STAFF_ADMIN)], None).await;
    let challenge = query_value(&location(&again), "desafio");
    let code = code_sent_to(&portal, STAFF_ADMIN).await;
    let done = portal
        .form_post(
            "/api/equipe/nova-senha",
            &[
                ("challenge", &challenge),
                ("code", &code),
                ("new_password", NEW_PASSWORD),
                ("confirmation", NEW_PASSWORD),
            ],
            None,
        )
        .await;
    assert_eq!(location(&done), "/equipe?senha-alterada=1");
    assert!(set_cookie_named(done.headers(), "portal_equipe").is_some());
    assert_eq!(portal.get("/equipe", Some(&old_session)).await.status(), StatusCode::FOUND);
    portal.staff_login(STAFF_ADMIN, NEW_PASSWORD).await;
    let mail = mail_to(&portal, STAFF_ADMIN).await;
    assert_eq!(mail.subject, "Sua senha da área da equipe foi definida");
}
