use time::macros::{date, datetime};

use super::*;
use crate::br::Centavos;

fn account() -> BankAccountCnab {
    BankAccountCnab {
        bank: CnabBank::BancoDoBrasil,
        company_cnpj: "12345678000195".into(),
        company_name: "Construtora Horizonte Ltda".into(),
        agency: "1234".into(),
        agency_digit: Some('5'),
        account: "12345".into(),
        account_digit: '6',
        agreement: "1234567".into(),
        wallet: "17".into(),
        wallet_variation: "019".into(),
    }
}

fn title(sequence: u32, amount: i64, instruction: TitleInstruction) -> RemessaTitle {
    RemessaTitle {
        instruction,
        nosso_numero: format!("1234567{sequence:010}"),
        document_number: format!("HZ-0117/{sequence}"),
        due: date!(2027 - 01 - 10),
        amount: Centavos(amount),
        issued: date!(2026 - 12 - 04),
        late_fine_basis_points: 200,
        monthly_interest_basis_points: 100,
        days_payable_after_due: 59,
        payer: Payer {
            document: "52998224725".into(),
            name: "Ana Beatriz Conceição".into(),
            street: "Rua das Araucárias, 120 ap 12".into(),
            district: "Água Verde".into(),
            cep: "80240000".into(),
            city: "Curitiba".into(),
            state: "PR".into(),
        },
        reference: format!("parcela:{sequence}"),
    }
}

fn remessa() -> String {
    write_remessa(
        &account(),
        &Remessa {
            sequence: 7,
            generated_at: datetime!(2026-12-04 14:30:05),
            test: false,
            titles: vec![
                title(1, 250_000, TitleInstruction::Register),
                title(2, 310_055, TitleInstruction::Register),
                title(3, 99, TitleInstruction::WriteOff),
            ],
        },
    )
}

fn field(line: &str, start: usize, end: usize) -> &str {
    &line[start - 1..end]
}

#[test]
fn a_remessa_has_240_character_lines_and_the_febraban_fields_in_place() {
    let text = remessa();
    assert!(text.ends_with("\r\n"));
    let lines: Vec<&str> = text.split("\r\n").filter(|line| !line.is_empty()).collect();
    // Header, batch header, P Q R twice, P once, batch trailer, file trailer.
    assert_eq!(lines.len(), 11);
    assert!(lines.iter().all(|line| line.len() == LINE_LENGTH && line.is_ascii()));
    let header = lines[0];
    assert_eq!(field(header, 1, 8), "00100000");
    assert_eq!(field(header, 19, 32), "12345678000195");
    assert_eq!(field(header, 33, 50), "001234567001417019");
    assert_eq!(field(header, 53, 71), "0123450000000123456");
    assert_eq!(field(header, 73, 102).trim_end(), "CONSTRUTORA HORIZONTE LTDA");
    assert_eq!(field(header, 143, 163), "104122026143005000007");
    let p = lines[2];
    assert_eq!(field(p, 8, 17), "300001P 01");
    assert_eq!(field(p, 38, 58), "12345670000000001   7");
    assert_eq!(field(p, 78, 100), "10012027000000000250000");
    assert_eq!(field(p, 118, 141), "211012027000000000000100");
    assert_eq!(field(p, 224, 229), "105909");
    let q = lines[3];
    assert_eq!(field(q, 14, 33), "Q 011000052998224725");
    assert_eq!(field(q, 34, 73).trim_end(), "ANA BEATRIZ CONCEICAO");
    assert_eq!(field(q, 114, 153), "AGUA VERDE     80240000CURITIBA       PR");
    let r = lines[4];
    assert_eq!(field(r, 66, 89), "211012027000000000000200");
    let write_off = lines[8];
    assert_eq!(field(write_off, 14, 17), "P 02");
    assert_eq!(field(lines[9], 8, 23), "5         000009");
    assert_eq!(field(lines[10], 4, 29), "99999         000001000011");
}

#[test]
fn a_homologation_remessa_says_it_is_a_test() {
    let text = write_remessa(
        &account(),
        &Remessa { sequence: 1, generated_at: datetime!(2026-12-04 9:00), test: true, titles: vec![] },
    );
    let batch = text.split("\r\n").nth(1).unwrap();
    assert_eq!(field(batch, 52, 53), "TS");
}

#[test]
fn what_the_portal_sends_the_bank_comes_back_in_its_retorno() {
    let text = remessa();
    let events = [
        SimulatedEvent {
            nosso_numero: "12345670000000001".into(),
            occurrence: Occurrence::EntryConfirmed,
            paid: Centavos(0),
            on: date!(2026 - 12 - 05),
            reasons: String::new(),
        },
        SimulatedEvent {
            nosso_numero: "12345670000000002".into(),
            occurrence: Occurrence::Settled,
            paid: Centavos(316_256),
            on: date!(2027 - 01 - 12),
            reasons: String::new(),
        },
        SimulatedEvent {
            nosso_numero: "12345670000000001".into(),
            occurrence: Occurrence::EntryRejected,
            paid: Centavos(0),
            on: date!(2026 - 12 - 05),
            reasons: "4899".into(),
        },
    ];
    let retorno = read_retorno(simulate_bank_return(&text, &events, 31).unwrap().as_bytes()).unwrap();
    assert_eq!(retorno.bank, CnabBank::BancoDoBrasil);
    assert_eq!(retorno.company_cnpj, "12345678000195");
    assert_eq!(retorno.sequence, 31);
    assert_eq!(retorno.entries.len(), 3);
    let confirmed = &retorno.entries[0];
    assert_eq!((confirmed.line, confirmed.occurrence), (3, Occurrence::EntryConfirmed));
    assert_eq!(confirmed.face_value, Centavos(250_000));
    assert_eq!(confirmed.document_number, "HZ-0117/1");
    assert_eq!(confirmed.due, Some(date!(2027 - 01 - 10)));
    let paid = &retorno.entries[1];
    assert_eq!(paid.nosso_numero, "12345670000000002");
    assert_eq!((paid.paid, paid.fees_paid), (Centavos(316_256), Centavos(6_201)));
    assert_eq!(paid.credited_on, Some(date!(2027 - 01 - 12)));
    let rejected = &retorno.entries[2];
    assert_eq!(rejected.reasons, vec!["48: CEP inválido".to_string(), "motivo 99".to_string()]);
}

#[test]
fn the_published_banco_do_brasil_retorno_reads_as_its_library_reads_it() {
    let retorno = read_retorno(include_bytes!("fixtures/brcobranca-banco-brasil.ret")).unwrap();
    assert_eq!(retorno.bank, CnabBank::BancoDoBrasil);
    assert_eq!(retorno.entries.len(), 35);
    let first = &retorno.entries[0];
    // brcobranca's own expectations for this file (retorno_cnab_240_spec.rb).
    assert_eq!(first.nosso_numero, "14499570000020673");
    assert_eq!(first.face_value, Centavos(34_400));
    assert_eq!(first.paid, Centavos(34_400));
    assert_eq!(first.fees_paid, Centavos(9));
    assert_eq!(first.credited_on, Some(date!(2012 - 01 - 02)));
    assert_eq!(first.occurrence, Occurrence::SettledAfterWriteOff);
}

#[test]
fn the_published_banco_do_brasil_remessa_is_refused_as_a_retorno() {
    let error = read_retorno(include_bytes!("fixtures/brcobranca-banco-brasil.rem")).unwrap_err();
    assert_eq!(error, CnabError::at(1, "este é um arquivo de remessa, não o retorno do banco."));
}

fn simulated() -> String {
    let event = SimulatedEvent {
        nosso_numero: "12345670000000002".into(),
        occurrence: Occurrence::Settled,
        paid: Centavos(310_055),
        on: date!(2027 - 01 - 10),
        reasons: String::new(),
    };
    simulate_bank_return(&remessa(), &[event], 1).unwrap()
}

fn refusal(text: &str) -> String {
    read_retorno(text.as_bytes()).unwrap_err().to_string()
}

fn with_line(text: &str, index: usize, change: impl Fn(&mut String)) -> String {
    let mut lines: Vec<String> = text.split("\r\n").map(str::to_string).collect();
    change(&mut lines[index]);
    lines.join("\r\n")
}

#[test]
fn malformed_retornos_are_refused_with_the_line_and_the_reason() {
    let good = simulated();
    assert!(read_retorno(good.as_bytes()).is_ok());
    // The same file with LF endings, or an end-of-file byte, reads the same.
    assert!(read_retorno(good.replace("\r\n", "\n").as_bytes()).is_ok());
    assert!(read_retorno(format!("{good}\u{1a}").as_bytes()).is_ok());

    assert_eq!(refusal(""), "O arquivo está vazio.");
    let short = with_line(&good, 2, |line| line.truncate(239));
    assert_eq!(refusal(&short), "Linha 3: tem 239 caracteres; um arquivo CNAB 240 tem 240 em cada linha.");
    let accented = with_line(&good, 2, |line| line.replace_range(200..201, "É"));
    assert!(refusal(&accented).starts_with("Linha 3: tem 241 caracteres"));
    let other_bank = with_line(&good, 3, |line| line.replace_range(0..3, "341"));
    assert_eq!(refusal(&other_bank), "Linha 4: o código do banco é 341, mas o arquivo é do banco 001.");
    let bradesco = good.replace("\r\n001", "\r\n237").replacen("001", "237", 1);
    assert!(refusal(&bradesco).starts_with("Linha 1: banco 237 não é aceito"));
    let batch_count = with_line(&good, 4, |line| line.replace_range(17..23, "000009"));
    assert_eq!(refusal(&batch_count), "Linha 5: o trailer do lote declara 9 registros, mas o lote tem 4.");
    let file_count = with_line(&good, 5, |line| line.replace_range(23..29, "000005"));
    assert_eq!(
        refusal(&file_count),
        "Linha 6: o trailer do arquivo declara 5 registros, mas o arquivo tem 6."
    );
    let cut: String = good.split("\r\n").take(5).collect::<Vec<_>>().join("\r\n");
    assert_eq!(refusal(&cut), "Linha 5: falta o trailer de arquivo (tipo 9): o arquivo parece cortado.");
    let letters = with_line(&good, 3, |line| line.replace_range(77..92, "00000000031005X"));
    assert_eq!(
        refusal(&letters),
        "Linha 4: valor pago (posições 78 a 92) deveria ter só dígitos: \"00000000031005X\"."
    );
    let no_u = with_line(&good, 3, |line| line.replace_range(13..14, "Y"));
    assert_eq!(refusal(&no_u), "Linha 4: o segmento T da linha anterior não tem o segmento U.");
    let bad_date = with_line(&good, 3, |line| line.replace_range(137..145, "31022027"));
    assert_eq!(
        refusal(&bad_date),
        "Linha 4: data da ocorrência (posições 138 a 145) não é uma data: 31022027."
    );
}
