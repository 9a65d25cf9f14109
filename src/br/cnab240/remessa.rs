//! The remessa: boletos the company asks the bank to register (movimento 01) or to write off
//! (02), one batch of segmentos P, Q and R.

use time::{Date, Duration, PrimitiveDateTime};

use super::{BankAccountCnab, CnabBank, RecordWriter};
use crate::br::Centavos;

/// What the bank is asked to do with a boleto.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleInstruction {
    /// 01 entrada de títulos.
    Register,
    /// 02 pedido de baixa (a boleto replaced by a 2ª via, or cancelled).
    WriteOff,
}

impl TitleInstruction {
    fn code(self) -> u64 {
        match self {
            Self::Register => 1,
            Self::WriteOff => 2,
        }
    }
}

/// The pagador, as segmento Q carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payer {
    /// CPF (11 digits) or CNPJ (14 digits).
    pub document: String,
    pub name: String,
    /// Street, number and complement.
    pub street: String,
    pub district: String,
    /// 8 digits.
    pub cep: String,
    pub city: String,
    pub state: String,
}

/// One boleto of the remessa.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemessaTitle {
    pub instruction: TitleInstruction,
    /// As the bank's layout writes it (Banco do Brasil: convênio + 10 digits; Itaú: 8).
    pub nosso_numero: String,
    /// The company's number for it ("seu número"): up to
    /// [`CnabBank::document_number_width`] characters.
    pub document_number: String,
    pub due: Date,
    pub amount: Centavos,
    pub issued: Date,
    /// Multa after the due date, hundredths of a percent.
    pub late_fine_basis_points: u32,
    /// Juros per month after the due date, hundredths of a percent.
    pub monthly_interest_basis_points: u32,
    /// How many days after the due date the bank still takes it (0: only until the due date).
    pub days_payable_after_due: u16,
    pub payer: Payer,
    /// Written back in the retorno (posições 196 a 220): the portal's own reference.
    pub reference: String,
}

/// A whole remessa file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remessa {
    /// Número sequencial do arquivo (NSA): one more than the company's last.
    pub sequence: u32,
    /// Local time (Brasília) of generation.
    pub generated_at: PrimitiveDateTime,
    /// Homologação: the batch says it is a test.
    pub test: bool,
    pub titles: Vec<RemessaTitle>,
}

fn header_start(record: &mut RecordWriter, bank: &str, batch: u64, kind: u64) {
    record.text(1, 3, bank).number(4, 7, batch).number(8, 8, kind);
}

/// The file's text: 240-character lines ending in CR LF, as banks expect.
pub fn write_remessa(account: &BankAccountCnab, remessa: &Remessa) -> String {
    let bank = account.bank.code();
    let (file_version, batch_version) = account.bank.layout_versions();
    let date = remessa.generated_at.date();
    let time = remessa.generated_at.time();
    let mut lines = Vec::new();

    let mut file_header = RecordWriter::new();
    header_start(&mut file_header, bank, 0, 0);
    file_header.number(18, 18, 2).digits(19, 32, &account.company_cnpj);
    account.bank.write_file_agreement(&mut file_header, account);
    account.write_account(&mut file_header, 53);
    file_header
        .text(73, 102, &account.company_name)
        .text(103, 132, account.bank.name())
        .number(143, 143, 1)
        .date(144, 151, date)
        .number(
            152,
            157,
            u64::from(time.hour()) * 10_000 + u64::from(time.minute()) * 100 + u64::from(time.second()),
        )
        .number(158, 163, u64::from(remessa.sequence))
        .number(164, 166, file_version)
        .number(167, 171, 0);
    if account.bank == CnabBank::Itau {
        file_header.number(226, 228, 0);
    }
    lines.push(file_header.finish());

    let mut batch_header = RecordWriter::new();
    header_start(&mut batch_header, bank, 1, 1);
    batch_header.text(9, 9, "R").number(10, 11, 1).number(14, 16, batch_version).number(18, 18, 2).digits(
        19,
        33,
        &account.company_cnpj,
    );
    account.bank.write_batch_agreement(&mut batch_header, account, remessa.test);
    if account.bank == CnabBank::Itau {
        batch_header.number(12, 13, 0);
    }
    account.write_account(&mut batch_header, 54);
    batch_header
        .text(74, 103, &account.company_name)
        .number(184, 191, u64::from(remessa.sequence))
        .date(192, 199, date)
        .number(200, 207, 0);
    lines.push(batch_header.finish());

    let mut sequence = 0u64;
    let mut next = || {
        sequence += 1;
        sequence
    };
    for title in &remessa.titles {
        let movement = title.instruction.code();
        let detail = |segment: &str, number: u64| {
            let mut record = RecordWriter::new();
            header_start(&mut record, bank, 1, 3);
            record.number(9, 13, number).text(14, 14, segment).number(16, 17, movement);
            record
        };
        let day_after = title.due + Duration::days(1);

        let mut p = detail("P", next());
        account.write_account(&mut p, 18);
        account.bank.write_title_number(&mut p, account, &title.nosso_numero);
        p.text(63, 62 + account.bank.document_number_width(), &title.document_number)
            .date(78, 85, title.due)
            .number(86, 100, title.amount.0.unsigned_abs())
            .number(101, 105, 0)
            .number(107, 108, account.bank.species_code())
            .text(109, 109, "N")
            .date(110, 117, title.issued);
        if account.bank == CnabBank::Itau {
            p.number(106, 106, 0);
        }
        match (account.bank, title.monthly_interest_basis_points) {
            (CnabBank::BancoDoBrasil, 0) => {
                p.number(118, 118, 3).number(119, 126, 0).number(127, 141, 0);
            }
            // 2: taxa mensal, from the day after the due date.
            (CnabBank::BancoDoBrasil, rate) => {
                p.number(118, 118, 2).date(119, 126, day_after).number(127, 141, rate.into());
            }
            (CnabBank::Itau, 0) => {
                p.number(118, 141, 0);
            }
            // Itaú takes juros as an amount per day of delay: a thirtieth of the month's rate
            // on the boleto's value, rounded half up (as the portal's late fees count it).
            (CnabBank::Itau, rate) => {
                let cents = title.amount.0.unsigned_abs();
                let per_day = (cents * u64::from(rate) + 150_000) / 300_000;
                p.number(118, 118, 0).date(119, 126, day_after).number(127, 141, per_day);
            }
        }
        p.number(142, 142, 0)
            .number(143, 150, 0)
            .number(151, 165, 0)
            .number(166, 180, 0)
            .number(181, 195, 0)
            .text(196, 220, &title.reference)
            // 3: não protestar.
            .number(221, 221, 3)
            .number(222, 223, 0);
        let days = title.days_payable_after_due.min(account.bank.max_days_payable_after_due());
        // 1: baixar after that many days; 2: only until the due date.
        p.number(224, 224, if days > 0 { 1 } else { 2 });
        match account.bank {
            CnabBank::BancoDoBrasil => {
                p.number(225, 227, days.into()).number(228, 229, 9).number(230, 239, 0);
            }
            CnabBank::Itau => {
                p.number(225, 226, days.into()).number(227, 239, 0);
            }
        }
        lines.push(p.finish());

        if title.instruction == TitleInstruction::Register {
            let payer = &title.payer;
            let mut q = detail("Q", next());
            q.number(18, 18, if payer.document.len() == 11 { 1 } else { 2 })
                .digits(19, 33, &payer.document)
                .text(34, account.bank.payer_name_end(), &payer.name)
                .text(74, 113, &payer.street)
                .text(114, 128, &payer.district)
                .digits(129, 136, &payer.cep)
                .text(137, 151, &payer.city)
                .text(152, 153, &payer.state)
                .number(154, 154, 0)
                .number(155, 169, 0)
                .number(210, 212, 0);
            lines.push(q.finish());

            let mut r = detail("R", next());
            r.number(18, 18, 0).number(19, 41, 0).number(42, 42, 0).number(43, 65, 0);
            if title.late_fine_basis_points > 0 {
                // 2: percentual, from the day after the due date.
                r.number(66, 66, 2).date(67, 74, day_after).number(
                    75,
                    89,
                    title.late_fine_basis_points.into(),
                );
            } else {
                r.number(66, 66, 0).number(67, 74, 0).number(75, 89, 0);
            }
            lines.push(r.finish());
        }
    }

    let mut batch_trailer = RecordWriter::new();
    header_start(&mut batch_trailer, bank, 1, 5);
    // The batch's records: its header, the segments and this trailer.
    batch_trailer.number(18, 23, lines.len() as u64);
    lines.push(batch_trailer.finish());

    let mut file_trailer = RecordWriter::new();
    header_start(&mut file_trailer, bank, 9999, 9);
    file_trailer.number(18, 23, 1).number(24, 29, lines.len() as u64 + 1);
    if account.bank == CnabBank::BancoDoBrasil {
        file_trailer.number(30, 35, 0);
    }
    lines.push(file_trailer.finish());

    let mut text = lines.join("\r\n");
    text.push_str("\r\n");
    text
}
