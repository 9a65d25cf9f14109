//! Empreendimentos and unidades in the back office: create and edit with every rule under its
//! field, construction stages all or nothing, blocks, units many at once (numbering, clashes,
//! 20 identical batches at once), a unit's status, photos of the works, roles and scope.

mod common;

use common::*;
use portal::staff::StaffRole;
use reqwest::multipart::{Form, Part};
use reqwest::StatusCode;

fn fields<'a>(prefix: &str, pairs: &[(&'a str, &'a str)]) -> Vec<(String, &'a str)> {
    pairs.iter().map(|(name, value)| (format!("{prefix}[{name}]"), *value)).collect()
}

async fn post(portal: &TestPortal, path: &str, form: &[(String, &str)], cookie: &str) -> reqwest::Response {
    let form: Vec<(&str, &str)> = form.iter().map(|(name, value)| (name.as_str(), *value)).collect();
    portal.form_post(path, &form, Some(cookie)).await
}

fn id_after(location: &str, prefix: &str) -> i64 {
    location.trim_start_matches(prefix).split(['?', '/', '#']).next().unwrap().parse().unwrap()
}

const GOOD: &[(&str, &str)] = &[
    ("company", "1"),
    ("name", "Residencial Vila Nova"),
    ("address", "Rua das Acácias, 200 – Centro"),
    ("city", "Campinas"),
    ("state", "SP"),
    ("stage", "em_obras"),
    ("progress", "12"),
    ("expected_delivery", "2028-06-30"),
];

async fn create_development(portal: &TestPortal, cookie: &str) -> i64 {
    let created = post(portal, "/api/equipe/empreendimento-novo", &fields("development", GOOD), cookie).await;
    let to = location(&created);
    assert!(to.ends_with("?criado=1"), "{to}");
    id_after(&to, "/equipe/empreendimentos/")
}

/// A photo big enough to publish (the works gallery wants 64 px a side).
fn photo_bytes() -> Vec<u8> {
    let mut bytes = Vec::new();
    image::RgbImage::from_fn(320, 200, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]))
        .write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Jpeg)
        .unwrap();
    bytes
}

#[tokio::test]
async fn staff_create_and_edit_an_empreendimento_with_every_rule_under_its_field() {
    let portal = TestPortal::start().await;
    let admin = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;

    let bad = [
        ("company", "999"),
        ("name", "X"),
        ("address", "Rua"),
        ("city", "Campinas"),
        ("state", "XX"),
        ("stage", "entregue"),
        ("progress", "140"),
        ("expected_delivery", "31/06/2028"),
        ("syndic", "111.111.111-11"),
    ];
    let refused =
        post(&portal, "/api/equipe/empreendimento-novo", &fields("development", &bad), &admin).await;
    let back = location(&refused);
    assert!(back.starts_with("/equipe/empreendimentos/novo?rascunho="), "{back}");
    let page = portal.get(&back, Some(&admin)).await.text().await.unwrap();
    for sentence in [
        "Escolha a empresa",
        "de 3 a 120 caracteres",
        "Informe o endereço",
        "Escolha a UF",
        "de 0 a 100 %",
        "Informe a data como dd/mm/aaaa",
        "Informe o dia da entrega das chaves",
        "CPF ou CNPJ inválido",
    ] {
        assert!(page.contains(sentence), "{sentence}");
    }
    assert!(page.contains("value=\"Campinas\""), "what was typed comes back");
    // Another staff session cannot read the draft.
    portal.new_staff("atendimento@horizonte.exemplo.com.br", StaffRole::Atendimento, &[]).await;
    let colleague = portal.staff_login("atendimento@horizonte.exemplo.com.br", STAFF_PASSWORD).await;
    let theirs = portal.get(&back, Some(&colleague)).await.text().await.unwrap();
    assert!(!theirs.contains("value=\"Campinas\""));

    let id = create_development(&portal, &admin).await;
    let page = portal.get(&format!("/equipe/empreendimentos/{id}"), Some(&admin)).await.text().await.unwrap();
    assert!(
        page.contains("Residencial Vila Nova") && page.contains("Campinas/SP") && page.contains("30/06/2028")
    );
    let list = portal.get("/equipe/empreendimentos", Some(&admin)).await.text().await.unwrap();
    assert!(list.contains("Residencial Vila Nova") && list.contains("Edifício Mirante do Parque"));

    // Edit: delivered needs the day; the síndico is a registered person; audited before → after.
    let mut edit: Vec<(&str, &str)> = GOOD.to_vec();
    edit.retain(|(name, _)| *name != "name" && *name != "stage");
    edit.extend([
        ("name", "Residencial Vila Nova II"),
        ("stage", "entregue"),
        ("delivered_on", "2026-11-30"),
    ]);
    edit.push(("syndic", "390.533.447-05"));
    let mut form = fields("development", &edit);
    form.push(("id".to_string(), Box::leak(id.to_string().into_boxed_str())));
    let refused = post(&portal, "/api/equipe/empreendimento-editar", &form, &admin).await;
    let back = location(&refused);
    assert!(back.contains("/editar?rascunho="), "{back}");
    let page = portal.get(&back, Some(&admin)).await.text().await.unwrap();
    assert!(page.contains("cadastre o síndico em Pessoas"), "an unknown CPF is refused");
    form.retain(|(name, _)| name != "development[syndic]");
    let saved = post(&portal, "/api/equipe/empreendimento-editar", &form, &admin).await;
    assert!(location(&saved).ends_with("?salvo=1"), "{}", location(&saved));
    let page = portal.get(&format!("/equipe/empreendimentos/{id}"), Some(&admin)).await.text().await.unwrap();
    assert!(page.contains("Residencial Vila Nova II") && page.contains("30/11/2026"));
    let trail = portal.portal.store.audit_events_about(&format!("development:{id}"), 10).await.unwrap();
    assert!(
        trail.iter().any(|event| event.action == "development_updated"
            && event.detail.contains("nome: Residencial Vila Nova → Residencial Vila Nova II")
            && event.detail.contains("fase: Em obras → Entregue")),
        "{trail:?}"
    );
    assert!(trail.iter().any(|event| event.action == "development_created"));
}

#[tokio::test]
async fn stages_and_blocks_are_saved_whole_or_refused_whole() {
    let portal = TestPortal::start().await;
    let admin = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let id = create_development(&portal, &admin).await;
    let id_text = id.to_string();
    let stages = |pairs: &[(&'static str, &'static str)]| {
        let mut form = vec![("id".to_string(), id_text.as_str())];
        for (name, percent) in pairs {
            form.push(("stage_name[]".to_string(), *name));
            form.push(("stage_percent[]".to_string(), *percent));
        }
        form
    };
    let saved = post(
        &portal,
        "/api/equipe/empreendimento-etapas",
        &stages(&[("Fundação", "100"), ("Estrutura", "40"), ("", "")]),
        &admin,
    )
    .await;
    assert!(location(&saved).contains("?etapas=1"), "{}", location(&saved));
    let refused = post(
        &portal,
        "/api/equipe/empreendimento-etapas",
        &stages(&[("Fundação", "100"), ("Alvenaria", "140")]),
        &admin,
    )
    .await;
    let back = location(&refused);
    assert!(back.contains("?rascunho="), "{back}");
    let page = portal.get(&back, Some(&admin)).await.text().await.unwrap();
    assert!(page.contains("de 0 a 100") && page.contains("value=\"Alvenaria\""));
    let detail =
        portal.portal.staff_development(&portal.portal.staff_member(1).await.unwrap(), id).await.unwrap();
    let kept: Vec<(String, String)> = detail.stages.into_iter().map(|s| (s.name, s.percent)).collect();
    assert_eq!(kept, [("Fundação".to_string(), "100".to_string()), ("Estrutura".into(), "40".into())]);

    let block = |name: &'static str| vec![("id".to_string(), id_text.as_str()), ("name".to_string(), name)];
    assert!(location(&post(&portal, "/api/equipe/empreendimento-bloco", &block("Torre A"), &admin).await)
        .contains("?bloco=1"));
    let twice =
        location(&post(&portal, "/api/equipe/empreendimento-bloco", &block(" Torre  A "), &admin).await);
    let page = portal.get(&twice, Some(&admin)).await.text().await.unwrap();
    assert!(page.contains("Já existe um bloco “Torre A”"), "{twice}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn units_many_at_once_numbered_without_clashes_even_twenty_at_once() {
    let portal = TestPortal::start().await;
    let admin = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let id = create_development(&portal, &admin).await;
    let id_text = id.to_string();
    post(
        &portal,
        "/api/equipe/empreendimento-bloco",
        &[("id".into(), id_text.as_str()), ("name".into(), "Torre A")],
        &admin,
    )
    .await;
    let staff = portal.portal.staff_member(1).await.unwrap();
    let block = portal.portal.staff_development(&staff, id).await.unwrap().blocks[0].id.to_string();
    let batch = |floors: (&'static str, &'static str)| {
        let mut form = fields(
            "units",
            &[
                ("floor_from", floors.0),
                ("floor_to", floors.1),
                ("per_floor", "4"),
                ("numbering", "andar"),
                ("kind", "Apartamento"),
                ("area", "65,40"),
                ("parking", "1"),
            ],
        );
        form.push(("units[block]".into(), Box::leak(block.clone().into_boxed_str())));
        form.push(("id".into(), Box::leak(id_text.clone().into_boxed_str())));
        form
    };

    // 20 identical batches at once: one creates the 8 units, the others are refused whole.
    let form: Vec<(String, String)> =
        batch(("1", "2")).into_iter().map(|(k, v)| (k, v.to_string())).collect();
    let mut requests = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let request = portal
            .client
            .post(portal.url("/api/equipe/unidades-novas"))
            .header("accept", "text/html")
            .header("origin", &portal.base)
            .header("cookie", &admin)
            .form(&form);
        requests.spawn(async move { location(&request.send().await.unwrap()) });
    }
    let answers = requests.join_all().await;
    let created = answers.iter().filter(|answer| answer.contains("?unidades=8")).count();
    assert_eq!(created, 1, "{answers:?}");
    let units = portal.portal.staff_development(&staff, id).await.unwrap().units;
    let numbers: Vec<&str> = units.iter().map(|unit| unit.number.as_str()).collect();
    assert_eq!(numbers, ["101", "102", "103", "104", "201", "202", "203", "204"]);
    assert!(units.iter().all(|unit| unit.status == "disponivel" && unit.area == "65,40 m²"), "{units:?}");

    // A batch overlapping them is refused whole and says which numbers are taken.
    let refused = location(&post(&portal, "/api/equipe/unidades-novas", &batch(("2", "3")), &admin).await);
    let page = portal.get(&refused, Some(&admin)).await.text().await.unwrap();
    assert!(page.contains("201, 202, 203, 204"), "{refused}");
    assert_eq!(portal.portal.staff_development(&staff, id).await.unwrap().units.len(), 8);

    // One unit: edited (a taken number refused), reserved, audited.
    let unit = units[0].id;
    let unit_text = unit.to_string();
    let edit = |number: &'static str| {
        let mut form = fields(
            "unit",
            &[
                ("number", number),
                ("floor", "1"),
                ("kind", "Apartamento garden"),
                ("area", "80"),
                ("parking", "2"),
            ],
        );
        form.push(("unit[block]".into(), Box::leak(block.clone().into_boxed_str())));
        form.push(("id".into(), Box::leak(unit_text.clone().into_boxed_str())));
        form
    };
    let taken = location(&post(&portal, "/api/equipe/unidade-editar", &edit("102"), &admin).await);
    let page = portal.get(&taken, Some(&admin)).await.text().await.unwrap();
    assert!(page.contains("Já existe uma unidade com este número"), "{taken}");
    assert!(location(&post(&portal, "/api/equipe/unidade-editar", &edit("101"), &admin).await)
        .contains("?salva=1"));
    let status =
        |value: &'static str| vec![("id".to_string(), unit_text.as_str()), ("status".to_string(), value)];
    assert!(location(&post(&portal, "/api/equipe/unidade-situacao", &status("reservada"), &admin).await)
        .contains("?situacao=1"));
    let page = portal.get(&format!("/equipe/unidades/{unit}"), Some(&admin)).await.text().await.unwrap();
    assert!(page.contains("Reservada") && page.contains("value=\"80,00\""));
    let trail = portal.portal.store.audit_events_about(&format!("unit:{unit}"), 10).await.unwrap();
    assert!(trail.iter().any(|e| e.detail.contains("situação: Disponível → Reservada")));
    assert!(trail.iter().any(|e| e.detail.contains("tipo: Apartamento → Apartamento garden")));
}

#[tokio::test]
async fn a_sold_unit_stays_sold_until_the_distrato() {
    let portal = TestPortal::start().await;
    let admin = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let staff = portal.portal.staff_member(1).await.unwrap();
    let palmeiras = portal.portal.staff_development(&staff, 1).await.unwrap();
    let sold =
        palmeiras.units.iter().find(|unit| unit.contract.is_some()).expect("a demo unit with a contract");
    assert_eq!(sold.status, "vendida");
    let id = sold.id.to_string();
    let refused = location(
        &post(
            &portal,
            "/api/equipe/unidade-situacao",
            &[("id".into(), id.as_str()), ("status".into(), "disponivel")],
            &admin,
        )
        .await,
    );
    let page = portal.get(&refused, Some(&admin)).await.text().await.unwrap();
    assert!(page.contains("só deixa de estar vendida com o distrato"), "{refused}");
}

#[tokio::test]
async fn photos_of_the_works_published_seen_by_buyers_and_taken_down() {
    let portal = TestPortal::start().await;
    let admin = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let upload = |bytes: Vec<u8>, caption: &'static str| {
        Form::new()
            .part("photo", Part::bytes(bytes).file_name("obra.jpg").mime_str("image/jpeg").unwrap())
            .text("taken_on", "2026-11-20")
            .text("caption", caption)
    };
    // Not a photo: back to the page with the reason and the caption kept.
    let refused = post_multipart(
        &portal,
        "/equipe/empreendimentos/1/fotos",
        &admin,
        upload(b"%PDF-1.7".to_vec(), "Fachada pronta"),
    )
    .await;
    let back = location(&refused);
    assert!(back.contains("?rascunho="), "{back}");
    let page = portal.get(&back, Some(&admin)).await.text().await.unwrap();
    assert!(page.contains("JPG, PNG ou WEBP") && page.contains("value=\"Fachada pronta\""));

    let published = post_multipart(
        &portal,
        "/equipe/empreendimentos/1/fotos",
        &admin,
        upload(photo_bytes(), "Fachada pronta"),
    )
    .await;
    assert!(location(&published).contains("?foto=1"), "{}", location(&published));
    let staff = portal.portal.staff_member(1).await.unwrap();
    let photos = portal.portal.staff_development(&staff, 1).await.unwrap().photos;
    let photo = photos.into_iter().find(|photo| photo.caption == "Fachada pronta").expect("published");
    assert_eq!(photo.taken_on, "20/11/2026");
    let thumbnail = portal.get(&format!("/equipe/fotos/{}", photo.id), Some(&admin)).await;
    assert_eq!(thumbnail.headers()["content-type"], "image/jpeg");
    let buyer = portal.login(ANA, PASSWORD).await;
    let gallery = portal.get("/meu-imovel", Some(&buyer)).await.text().await.unwrap();
    assert!(gallery.contains("Fachada pronta"));

    // A Mirante-only user neither sees nor removes a Palmeiras photo.
    portal.new_staff("so-mirante@horizonte.exemplo.com.br", StaffRole::Atendimento, &[2]).await;
    let scoped = portal.staff_login("so-mirante@horizonte.exemplo.com.br", STAFF_PASSWORD).await;
    let hidden = portal.get(&format!("/equipe/fotos/{}", photo.id), Some(&scoped)).await;
    assert_eq!(hidden.status(), StatusCode::NOT_FOUND);
    let id = photo.id.to_string();
    let removal = portal.form_post("/api/equipe/foto-retirar", &[("id", id.as_str())], Some(&scoped)).await;
    assert!(location(&removal).contains("erro=nao-encontrado") || removal.status() == StatusCode::NOT_FOUND);

    let removed = portal.form_post("/api/equipe/foto-retirar", &[("id", id.as_str())], Some(&admin)).await;
    assert!(location(&removed).contains("foto-retirada=1"), "{}", location(&removed));
    let gallery = portal.get("/meu-imovel", Some(&buyer)).await.text().await.unwrap();
    assert!(!gallery.contains("Fachada pronta"));
    let trail = portal.portal.store.audit_events_about("development:1", 10).await.unwrap();
    assert!(trail.iter().any(|e| e.action == "works_photo_added" && e.ip.is_some()));
    assert!(trail.iter().any(|e| e.action == "works_photo_removed"));
}

#[tokio::test]
async fn roles_and_scope_decide_who_sees_and_changes_records() {
    let portal = TestPortal::start().await;
    portal.new_staff("mirante@horizonte.exemplo.com.br", StaffRole::Atendimento, &[2]).await;
    let scoped = portal.staff_login("mirante@horizonte.exemplo.com.br", STAFF_PASSWORD).await;
    let list = portal.get("/equipe/empreendimentos", Some(&scoped)).await.text().await.unwrap();
    assert!(list.contains("Edifício Mirante do Parque") && !list.contains("Jardim das Palmeiras"));
    assert!(!list.contains("Novo empreendimento"), "a scoped user would not see what they create");
    assert_eq!(portal.get("/equipe/empreendimentos/1", Some(&scoped)).await.status(), StatusCode::NOT_FOUND);
    let created =
        post(&portal, "/api/equipe/empreendimento-novo", &fields("development", GOOD), &scoped).await;
    assert!(location(&created).contains("erro=sem-permissao") || created.status() == StatusCode::FORBIDDEN);

    portal.new_staff("financeiro@horizonte.exemplo.com.br", StaffRole::Financeiro, &[]).await;
    let finance = portal.staff_login("financeiro@horizonte.exemplo.com.br", STAFF_PASSWORD).await;
    let page = portal.get("/equipe/empreendimentos/1", Some(&finance)).await.text().await.unwrap();
    assert!(
        page.contains("Jardim das Palmeiras")
            && !page.contains("Editar dados")
            && !page.contains("Criar unidades")
    );
    let edit = portal.get("/equipe/empreendimentos/1/editar", Some(&finance)).await;
    assert_eq!(edit.status(), StatusCode::FORBIDDEN);
}
