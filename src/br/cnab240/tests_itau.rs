//! Itaú's layout against the samples kivanio/brcobranca publishes for it, and the round trip.

use time::macros::{date, datetime};

use super::*;
use crate::br::Centavos;

/// The account of brcobranca's Itaú samples: agência 1234, conta 12345 (DAC 1), carteira 175.
fn account() -> BankAccountCnab {
    BankAccountCnab {
        bank: CnabBank::Itau,
        company_cnpj: "28254225000193".into(),
        company_name: "Empresa Teste Ltda".into(),
        agency: "1234".into(),
        agency_digit: None,
        account: "12345".into(),
        account_digit: '1',
        agreement: String::new(),
        wallet: "175".into(),
        wallet_variation: String::new(),
    }
}

fn title(nosso_numero: &str, instruction: TitleInstruction) -> RemessaTitle {
    RemessaTitle {
        instruction,
        nosso_numero: nosso_numero.into(),
        document_number: "9999".into(),
        due: date!(2015 - 07 - 14),
        amount: Centavos(12_345),
        issued: date!(2015 - 07 - 14),
        late_fine_basis_points: 0,
        monthly_interest_basis_points: 0,
        days_payable_after_due: 0,
        payer: Payer {
            document: "12345678901".into(),
            name: "Pablo Diego José Francisco de Paula Juan Nepomuceno".into(),
            street: "Rua Rio Grande do Sul São paulo Minas caçapa da silva junior".into(),
            district: "São josé dos quatro apostolos magros".into(),
            cep: "12345678".into(),
            city: "Santa rita de cássia maria da silva".into(),
            state: "SP".into(),
        },
        reference: "9999".into(),
    }
}

fn remessa(titles: Vec<RemessaTitle>) -> String {
    write_remessa(
        &account(),
        &Remessa { sequence: 1, generated_at: datetime!(2015-07-14 16:15:15), test: false, titles },
    )
}

fn lines(text: &str) -> Vec<&str> {
    text.split("\r\n").filter(|line| !line.is_empty()).collect()
}

fn field(line: &str, start: usize, end: usize) -> &str {
    &line[start - 1..end]
}

#[test]
fn an_itau_remessa_matches_brcobrancas_sample_field_by_field() {
    let sample = std::str::from_utf8(include_bytes!("fixtures/brcobranca-itau.rem")).unwrap();
    let sample = lines(sample);
    let ours = remessa(vec![title("12345678", TitleInstruction::Register)]);
    let ours = lines(&ours);
    assert_eq!(ours.len(), sample.len());
    assert!(ours.iter().all(|line| line.len() == LINE_LENGTH));
    let same = |index: usize, spans: &[(usize, usize)]| {
        for &(start, end) in spans {
            assert_eq!(
                field(ours[index], start, end),
                field(sample[index], start, end),
                "line {} positions {start} to {end}",
                index + 1
            );
        }
    };
    // Header de arquivo: everything but the trailing reserved blanks.
    same(0, &[(1, 240)]);
    // Header de lote: versions, CNPJ, the empty convênio, the account, NSA and date.
    same(1, &[(1, 183), (184, 207)]);
    // Segmento P: the account, carteira, nosso número and its DAC, dates, value, espécie,
    // aceite, no juros and no discount. The seu número is left-aligned here (brcobranca pads it
    // on the left) and the instructions from 221 on are the portal's own.
    same(2, &[(1, 62), (78, 195)]);
    assert_eq!(field(ours[2], 63, 77).trim_end(), "9999");
    // Segmento Q: the pagador's 30-character name, address, CEP, city and state.
    same(3, &[(1, 153), (154, 169), (200, 212)]);
    // Trailers.
    same(5, &[(1, 240)]);
    same(6, &[(1, 240)]);
}

#[test]
fn an_itau_boleto_with_juros_charges_a_daily_amount() {
    let mut with_fees = title("00010152", TitleInstruction::Register);
    with_fees.amount = Centavos(310_055);
    with_fees.monthly_interest_basis_points = 100;
    with_fees.late_fine_basis_points = 200;
    with_fees.days_payable_after_due = 120;
    let text = remessa(vec![with_fees]);
    let p = lines(&text)[2];
    // 1 % a month of R$ 3.100,55 is R$ 1,03 a day (1,0335 rounded half up), from 15/07/2015.
    assert_eq!(field(p, 118, 141), "015072015000000000000103");
    // The baixa field has two digits at Itaú.
    assert_eq!(field(p, 224, 226), "199");
    let r = lines(&text)[4];
    assert_eq!(field(r, 66, 89), "215072015000000000000200");
}

#[test]
fn the_published_itau_retorno_reads_as_its_library_reads_it() {
    let retorno = read_retorno(include_bytes!("fixtures/brcobranca-itau.ret")).unwrap();
    assert_eq!(retorno.bank, CnabBank::Itau);
    assert_eq!(retorno.company_cnpj, "28254225000193");
    assert_eq!(retorno.entries.len(), 1);
    let paid = &retorno.entries[0];
    assert_eq!(paid.nosso_numero, "12345678");
    assert_eq!(paid.occurrence, Occurrence::Settled);
    assert_eq!(paid.document_number, "DOC000123");
    assert_eq!(paid.due, Some(date!(2026 - 07 - 15)));
    assert_eq!((paid.face_value, paid.paid), (Centavos(12_345), Centavos(12_345)));
    assert_eq!(paid.credited_on, Some(date!(2026 - 07 - 29)));
}

#[test]
fn what_the_portal_sends_itau_comes_back_in_its_retorno() {
    let text = remessa(vec![
        title("00117001", TitleInstruction::Register),
        title("80000042", TitleInstruction::WriteOff),
    ]);
    let events = [
        SimulatedEvent {
            nosso_numero: "00117001".into(),
            occurrence: Occurrence::Settled,
            paid: Centavos(12_345),
            on: date!(2015 - 07 - 14),
            reasons: String::new(),
        },
        SimulatedEvent {
            nosso_numero: "80000042".into(),
            occurrence: Occurrence::EntryRejected,
            paid: Centavos(0),
            on: date!(2015 - 07 - 14),
            reasons: "1108".into(),
        },
    ];
    let retorno = read_retorno(simulate_bank_return(&text, &events, 2).unwrap().as_bytes()).unwrap();
    assert_eq!(retorno.bank, CnabBank::Itau);
    let numbers: Vec<&str> = retorno.entries.iter().map(|entry| entry.nosso_numero.as_str()).collect();
    assert_eq!(numbers, ["00117001", "80000042"]);
    assert_eq!(retorno.entries[0].paid, Centavos(12_345));
    assert_eq!(
        retorno.entries[1].reasons,
        ["motivo 11 (tabela de motivos do Itaú)", "motivo 08 (tabela de motivos do Itaú)"]
    );
}
