//! The bank's side of a remessa, for tests and rehearsals: the retorno a bank would send back
//! for chosen boletos of a remessa, in the same layout the portal reads.

use time::Date;

use super::{records, CnabBank, CnabError, Occurrence, RecordWriter};
use crate::br::Centavos;

/// What happened to one boleto at the simulated bank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimulatedEvent {
    pub nosso_numero: String,
    pub occurrence: Occurrence,
    /// What the payer paid (zero for anything but a liquidação).
    pub paid: Centavos,
    pub on: Date,
    /// Rejection reasons, two digits each (`"4548"`).
    pub reasons: String,
}

struct Title {
    account: String,
    /// Positions 38 to 57: the nosso número (and Itaú's carteira and DAC) as the remessa wrote it.
    number_block: String,
    document_number: String,
    due: String,
    amount: Centavos,
}

/// The retorno for `events` about the boletos of `remessa` (a boleto it does not hold is
/// answered with its paid amount as face value, as a bank answers a boleto registered
/// elsewhere).
pub fn simulate_bank_return(
    remessa: &str,
    events: &[SimulatedEvent],
    sequence: u32,
) -> Result<String, CnabError> {
    let records = records(remessa.as_bytes())?;
    let header = &records[0];
    let bank = header.text(1, 3);
    let layout = CnabBank::from_code(&bank)
        .ok_or_else(|| CnabError::at(1, format!("banco {bank} não é simulado.")))?;
    let raw = |line: usize| remessa.lines().nth(line).unwrap_or_default().trim_end_matches('\r').to_string();
    let titles: Vec<(String, Title)> = records
        .iter()
        .enumerate()
        .filter(|(_, record)| record.text(8, 8) == "3" && record.text(14, 14) == "P")
        .map(|(index, record)| {
            let text = raw(index);
            let amount = record.number(86, 100, "valor").unwrap_or(0) as i64;
            (
                layout.read_title_number(record).unwrap_or_default(),
                Title {
                    account: text[17..37].to_string(),
                    number_block: text[37..57].to_string(),
                    document_number: record.text(63, 77),
                    due: text[77..85].to_string(),
                    amount: Centavos(amount),
                },
            )
        })
        .collect();

    let mut lines = Vec::new();
    let mut file_header = raw(0);
    file_header.replace_range(142..143, "2");
    file_header.replace_range(157..163, &format!("{sequence:06}"));
    lines.push(file_header);
    let mut batch_header = raw(1);
    batch_header.replace_range(8..9, "T");
    lines.push(batch_header);
    let mut sequence_in_batch = 0u64;
    for event in events {
        let title = titles.iter().find(|(number, _)| *number == event.nosso_numero).map(|(_, title)| title);
        let face = title.map_or(event.paid, |title| title.amount);
        let mut t = RecordWriter::new();
        sequence_in_batch += 1;
        t.text(1, 3, &bank)
            .number(4, 7, 1)
            .number(8, 8, 3)
            .number(9, 13, sequence_in_batch)
            .text(14, 14, "T");
        t.number(16, 17, event.occurrence.code().into());
        match title {
            Some(title) => {
                t.text(18, 37, &title.account).text(38, 57, &title.number_block);
                t.text(74, 81, &title.due).text(59, 73, &title.document_number);
            }
            None => {
                t.number(18, 37, 0).date(74, 81, event.on);
                match layout {
                    CnabBank::BancoDoBrasil => t.text(38, 57, &event.nosso_numero),
                    CnabBank::Itau => t.number(38, 40, 0).digits(41, 48, &event.nosso_numero),
                };
            }
        }
        t.number(58, 58, if layout == CnabBank::BancoDoBrasil { 7 } else { 0 })
            .number(82, 96, face.0.unsigned_abs())
            .text(97, 99, &bank)
            .number(100, 105, 0)
            .number(131, 132, 9)
            .number(199, 213, 0)
            .text(214, 223, &event.reasons);
        lines.push(t.finish());

        let mut u = RecordWriter::new();
        sequence_in_batch += 1;
        let paid = event.paid.0.max(0) as u64;
        let face = face.0.max(0) as u64;
        u.text(1, 3, &bank)
            .number(4, 7, 1)
            .number(8, 8, 3)
            .number(9, 13, sequence_in_batch)
            .text(14, 14, "U");
        u.number(16, 17, event.occurrence.code().into())
            .number(18, 32, paid.saturating_sub(face))
            .number(33, 47, if paid > 0 { face.saturating_sub(paid) } else { 0 })
            .number(48, 77, 0)
            .number(78, 92, paid)
            .number(93, 107, paid)
            .number(108, 137, 0)
            .date(138, 145, event.on)
            .date(146, 153, event.on);
        lines.push(u.finish());
    }
    let mut batch_trailer = RecordWriter::new();
    batch_trailer.text(1, 3, &bank).number(4, 7, 1).number(8, 8, 5).number(18, 23, lines.len() as u64);
    lines.push(batch_trailer.finish());
    let mut file_trailer = RecordWriter::new();
    file_trailer.text(1, 3, &bank).number(4, 7, 9999).number(8, 8, 9).number(18, 23, 1).number(
        24,
        29,
        lines.len() as u64 + 1,
    );
    lines.push(file_trailer.finish());
    let mut text = lines.join("\r\n");
    text.push_str("\r\n");
    Ok(text)
}
