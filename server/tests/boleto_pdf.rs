//! The boleto PDF is the FEBRABAN sheet a bank teller and a buyer recognise: recibo do
//! pagador, PIX with its copia e cola, and the ficha de compensação with every field, the
//! contract's titular as pagador (whoever downloads it) and the co-buyers listed.

mod common;

use common::*;
use reqwest::StatusCode;

async fn pdf_of(portal: &TestPortal, id: i64, cookie: &str) -> String {
    let response = portal.get(&format!("/financeiro/boletos/{id}/pdf"), Some(cookie)).await;
    assert_eq!(response.status(), StatusCode::OK);
    pdf_text(&response.bytes().await.unwrap())
}

fn assert_has(text: &str, expected: &[&str]) {
    for needle in expected {
        assert!(text.contains(needle), "the boleto lacks {needle:?}: {text}");
    }
}

#[tokio::test]
async fn an_open_boleto_prints_every_field_of_the_ficha_the_recibo_and_the_pix() {
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    let saved = save_an_address(&portal, &ana).await;
    assert_eq!(location(&saved), "/meus-dados?salvo=endereco");
    let open = portal.get("/financeiro?situacao=em-aberto", Some(&ana)).await.text().await.unwrap();
    let id = listed_boleto_ids(&open)[0];
    let page = portal.get(&format!("/financeiro/boletos/{id}"), Some(&ana)).await.text().await.unwrap();
    let line = code_field(&page, "linha-digitavel").unwrap();
    let pix = code_field(&page, "pix-copia-e-cola").unwrap();
    let number: String =
        page.split("Parcela ").nth(1).unwrap().chars().take_while(char::is_ascii_digit).collect();
    let due = page.split("<dt>Vencimento</dt><dd>").nth(1).unwrap().split('<').next().unwrap().to_string();
    let today = time::OffsetDateTime::now_utc().to_offset(time::macros::offset!(-3));
    let today = format!("{:02}/{:02}/{}", today.day(), u8::from(today.month()), today.year());

    let text = pdf_of(&portal, id, &ana).await;
    assert_has(
        &text,
        &[
            "Recibo do Pagador",
            "Ficha de Compensação",
            "Banco do Brasil",
            "001-9",
            &line,
            "Local de pagamento",
            "Pagável em qualquer banco",
            "Vencimento",
            &due,
            "Beneficiário",
            "Construtora Horizonte Ltda · CNPJ 12.345.678/0001-95",
            "Agência/Código do beneficiário",
            "1234-5 / 12345-6",
            "Data do documento",
            "Nº do documento",
            &format!("HZ-2024-0117/{number}"),
            "Espécie doc.",
            "DM",
            "Aceite",
            "Data do processamento",
            &today,
            "Nosso número",
            "Carteira",
            "17",
            "Espécie",
            "R$",
            "(=) Valor do documento",
            "R$ 2.850,00",
            "(-) Desconto / Abatimento",
            "(+) Mora / Multa",
            "(=) Valor cobrado",
            "Instruções",
            &format!("Após {due}, cobrar multa de 2,00% (R$ 57,00) e juros de mora de 1,00% ao mês"),
            "(R$ 0,95 por dia de atraso)",
            "Pagador",
            "Ana Paula Souza · CPF 111.444.777-35",
            "Rua XV de Novembro, 1000, ap. 12 – Centro – Curitiba/PR – CEP 80010-000",
            "Demais compradores: Beatriz Souza Lima, Carlos Eduardo Souza",
            "Sacador/Avalista",
            "Autenticação mecânica",
            "Pague com PIX",
            "PIX copia e cola",
            "Demonstrativo",
            "Compradores Ana Paula Souza (titular), Beatriz Souza Lima, Carlos Eduardo Souza",
        ],
    );
    // The copia e cola is printed whole (in lines broken between its fields).
    assert!(text.replace(' ', "").contains(&pix.replace(' ', "")), "{pix} in {text}");
    assert!(!text.contains("Sem PIX"));
}

#[tokio::test]
async fn a_co_buyer_gets_the_titulars_boleto_without_the_titulars_cpf_and_address() {
    let portal = TestPortal::start().await;
    let carlos = portal.login(CARLOS_CPF, PASSWORD).await;
    let open = portal.get("/financeiro?situacao=em-aberto", Some(&carlos)).await.text().await.unwrap();
    let id = listed_boleto_ids(&open)[0];
    let page = portal.get(&format!("/financeiro/boletos/{id}"), Some(&carlos)).await.text().await.unwrap();
    assert!(page.contains("Ana Paula Souza · ***.444.777-**"), "the titular is the pagador, masked");
    assert!(page.contains("Beatriz Souza Lima, Carlos Eduardo Souza"));

    let text = pdf_of(&portal, id, &carlos).await;
    assert_has(
        &text,
        &[
            "Pagador",
            "Ana Paula Souza · ***.444.777-**",
            "Demais compradores: Beatriz Souza Lima, Carlos Eduardo Souza",
        ],
    );
    assert!(!text.contains("111.444.777-35") && !text.contains("Carlos Eduardo Souza · CPF"), "{text}");
}

#[tokio::test]
async fn an_overdue_boleto_has_no_pix_and_says_how_to_pay_with_the_fees() {
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    let overdue = portal.get("/financeiro?situacao=vencidas", Some(&ana)).await.text().await.unwrap();
    let id = listed_boleto_ids(&overdue)[0];
    let text = pdf_of(&portal, id, &ana).await;
    assert_has(
        &text,
        &[
            "Ficha de Compensação",
            "Sem PIX para esta parcela",
            "o banco calcula a multa e os juros",
            "cobrar multa de 2,00% (R$ 57,00)",
        ],
    );
    assert!(!text.contains("Pague com PIX") && !text.contains("000201"), "{text}");
    // Ana's property address stands in when she has none registered.
    assert_has(&text, &["Ana Paula Souza · CPF 111.444.777-35"]);
}

/// What a scanner reads off the printed page: the PDF drawn at 300 dpi, then every bar code and
/// QR code zbar finds in the picture (`QR-Code:…`, `I2/5:…`).
fn scanned_codes(pdf: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let pdf_path = dir.path().join("boleto.pdf");
    std::fs::write(&pdf_path, pdf).unwrap();
    let picture = dir.path().join("boleto");
    let drawn = std::process::Command::new("pdftoppm")
        .args(["-r", "300", "-png", "-singlefile"])
        .arg(&pdf_path)
        .arg(&picture)
        .status()
        .expect("pdftoppm (poppler-utils) installed by .ci/test");
    assert!(drawn.success());
    let scanned = std::process::Command::new("zbarimg")
        .arg("-q")
        .arg(picture.with_extension("png"))
        .output()
        .expect("zbarimg (zbar-tools) installed by .ci/test");
    String::from_utf8_lossy(&scanned.stdout).lines().map(str::to_string).collect()
}

#[tokio::test]
async fn the_printed_bar_code_and_qr_code_scan_as_the_boletos_codes() {
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    let open = portal.get("/financeiro?situacao=em-aberto", Some(&ana)).await.text().await.unwrap();
    let id = listed_boleto_ids(&open)[0];
    let page = portal.get(&format!("/financeiro/boletos/{id}"), Some(&ana)).await.text().await.unwrap();
    let line = code_field(&page, "linha-digitavel").unwrap();
    let barcode = portal::br::boleto::barcode_from_digitable_line(&line).unwrap();
    let pix = code_field(&page, "pix-copia-e-cola").unwrap();
    let pdf = portal.get(&format!("/financeiro/boletos/{id}/pdf"), Some(&ana)).await.bytes().await.unwrap();
    let mut codes = scanned_codes(&pdf);
    codes.sort();
    assert_eq!(codes, vec![format!("I2/5:{barcode}"), format!("QR-Code:{pix}")]);
}
