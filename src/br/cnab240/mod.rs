//! FEBRABAN CNAB 240 files for cobrança: the remessa the company sends to register boletos and
//! the retorno the bank sends back (entries confirmed, rejected, paid, written off).
//!
//! Positions in this module are the manuals' own: 1-based and inclusive, so a field can be
//! checked against the layout tables line by line. The generic positions follow FEBRABAN's
//! layout 240 (v08.4) as transcribed by andersondanilo/cnab_yaml (MIT); Banco do Brasil's
//! differences follow its "Layout de Arquivo Retorno/Remessa CNAB240" as transcribed there in
//! `cnab240/001`.
//!
//! Why not a crate: cnab-fixedwidth 0.1.2 (the only one on crates.io) only reads, turns implied
//! decimals into `f64` (money is never a float here), slices `&str` by byte position (a Latin-1
//! accent decoded as UTF-8 shifts every field or panics) and checks neither line length nor
//! trailer totals. Reading and writing a 240-byte record is the small part below.

mod layout;
mod remessa;
mod retorno;
mod simulated_bank;

pub use layout::{BankAccountCnab, CnabBank};
pub use remessa::{write_remessa, Payer, Remessa, RemessaTitle, TitleInstruction};
pub use retorno::{read_retorno, Retorno, RetornoEntry};
pub use simulated_bank::{simulate_bank_return, SimulatedEvent};

use time::Date;

/// Every record is 240 bytes.
pub const LINE_LENGTH: usize = 240;

/// Why a CNAB file was refused, with the line it was found on (1-based) where there is one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CnabError {
    #[error("O arquivo está vazio.")]
    Empty,
    #[error("Linha {line}: {reason}")]
    Line { line: usize, reason: String },
}

impl CnabError {
    pub(crate) fn at(line: usize, reason: impl Into<String>) -> Self {
        Self::Line { line, reason: reason.into() }
    }
}

/// What the bank says happened to a boleto (código de movimento retorno, FEBRABAN table C044).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Occurrence {
    /// 02: the bank registered the boleto.
    EntryConfirmed,
    /// 03: the bank refused to register it (reasons in the motivos).
    EntryRejected,
    /// 06: paid.
    Settled,
    /// 09: written off (cancelled, or past the days it could be paid).
    WrittenOff,
    /// 17: paid after it was written off.
    SettledAfterWriteOff,
    /// Anything else (instructions confirmed, fees, protests): shown, not applied.
    Other(u8),
}

impl Occurrence {
    pub fn from_code(code: u8) -> Self {
        match code {
            2 => Self::EntryConfirmed,
            3 => Self::EntryRejected,
            6 => Self::Settled,
            9 => Self::WrittenOff,
            17 => Self::SettledAfterWriteOff,
            other => Self::Other(other),
        }
    }

    pub fn code(self) -> u8 {
        match self {
            Self::EntryConfirmed => 2,
            Self::EntryRejected => 3,
            Self::Settled => 6,
            Self::WrittenOff => 9,
            Self::SettledAfterWriteOff => 17,
            Self::Other(code) => code,
        }
    }

    pub fn label(self) -> String {
        let text = match self {
            Self::EntryConfirmed => "Entrada confirmada",
            Self::EntryRejected => "Entrada rejeitada",
            Self::Settled => "Liquidação",
            Self::WrittenOff => "Baixa",
            Self::SettledAfterWriteOff => "Liquidação após baixa",
            Self::Other(12) => "Abatimento concedido",
            Self::Other(14) => "Vencimento alterado",
            Self::Other(28) => "Débito de tarifa",
            Self::Other(_) => "Outra ocorrência",
        };
        format!("{:02} · {text}", self.code())
    }

    /// Whether the boleto was paid.
    pub fn is_payment(self) -> bool {
        matches!(self, Self::Settled | Self::SettledAfterWriteOff)
    }
}

/// The meaning of a rejection reason (FEBRABAN table C047, the codes banks send most).
pub fn rejection_reason(code: &str) -> String {
    let text = match code {
        "01" => "código do banco inválido",
        "02" => "código do registro detalhe inválido",
        "03" => "código do segmento inválido",
        "04" => "código de movimento não permitido para a carteira",
        "05" => "código de movimento inválido",
        "06" => "tipo ou número de inscrição do beneficiário inválido",
        "07" => "agência, conta ou dígito inválido",
        "08" => "nosso número inválido",
        "09" => "nosso número duplicado",
        "10" => "carteira inválida",
        "16" => "data de vencimento inválida",
        "17" => "data de vencimento anterior à data de emissão",
        "20" => "valor do título inválido",
        "21" => "espécie do título inválida",
        "24" => "data de emissão inválida",
        "45" => "nome do pagador não informado",
        "46" => "tipo ou número de inscrição do pagador inválido",
        "47" => "endereço do pagador não informado",
        "48" => "CEP inválido",
        _ => return format!("motivo {code}"),
    };
    format!("{code}: {text}")
}

/// A 240-byte record being written: spaces until a field is set.
pub(crate) struct RecordWriter {
    bytes: [u8; LINE_LENGTH],
}

impl RecordWriter {
    pub fn new() -> Self {
        Self { bytes: [b' '; LINE_LENGTH] }
    }

    fn field(&mut self, start: usize, end: usize) -> &mut [u8] {
        &mut self.bytes[start - 1..end]
    }

    /// A numeric field: right-aligned, zero-filled. Callers check sizes first; a value too long
    /// keeps its rightmost digits (a counter that wrapped).
    pub fn number(&mut self, start: usize, end: usize, value: u64) -> &mut Self {
        let width = end - start + 1;
        let text = format!("{value:0width$}");
        let digits = &text.as_bytes()[text.len() - width..];
        self.field(start, end).copy_from_slice(digits);
        self
    }

    /// Digits already formatted (an agency, a CNPJ), right-aligned and zero-filled.
    pub fn digits(&mut self, start: usize, end: usize, digits: &str) -> &mut Self {
        let width = end - start + 1;
        let kept: String = digits.chars().filter(char::is_ascii_digit).collect();
        let kept = &kept[kept.len().saturating_sub(width)..];
        let text = format!("{kept:0>width$}");
        self.field(start, end).copy_from_slice(text.as_bytes());
        self
    }

    /// An alphanumeric field: upper-case ASCII without accents, left-aligned, space-filled, cut
    /// to its width.
    pub fn text(&mut self, start: usize, end: usize, value: &str) -> &mut Self {
        let width = end - start + 1;
        let ascii: String = deunicode::deunicode(value)
            .to_ascii_uppercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || " .,/-&".contains(c) { c } else { ' ' })
            .take(width)
            .collect();
        let field = self.field(start, end);
        field[..ascii.len()].copy_from_slice(ascii.as_bytes());
        self
    }

    /// `DDMMAAAA`.
    pub fn date(&mut self, start: usize, end: usize, date: Date) -> &mut Self {
        let text = format!("{:02}{:02}{:04}", date.day(), u8::from(date.month()), date.year());
        self.field(start, end).copy_from_slice(text.as_bytes());
        self
    }

    pub fn finish(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}

/// A 240-byte record being read, with its line number for messages.
pub(crate) struct RecordReader<'a> {
    pub line: usize,
    bytes: &'a [u8],
}

impl<'a> RecordReader<'a> {
    pub fn new(line: usize, bytes: &'a [u8]) -> Self {
        Self { line, bytes }
    }

    fn raw(&self, start: usize, end: usize) -> &'a [u8] {
        &self.bytes[start - 1..end]
    }

    /// The field as text (Latin-1, as banks write), trailing spaces removed.
    pub fn text(&self, start: usize, end: usize) -> String {
        self.raw(start, end).iter().map(|&byte| char::from(byte)).collect::<String>().trim_end().to_string()
    }

    /// A numeric field; blanks read as zero, as some banks send them.
    pub fn number(&self, start: usize, end: usize, name: &str) -> Result<u64, CnabError> {
        let raw = self.raw(start, end);
        if raw.iter().all(|&byte| byte == b' ') {
            return Ok(0);
        }
        if !raw.iter().all(u8::is_ascii_digit) {
            return Err(CnabError::at(
                self.line,
                format!(
                    "{name} (posições {start} a {end}) deveria ter só dígitos: \"{}\".",
                    self.text(start, end)
                ),
            ));
        }
        Ok(raw.iter().fold(0u64, |sum, &digit| sum * 10 + u64::from(digit - b'0')))
    }

    /// A `DDMMAAAA` date; zeros or blanks are none.
    pub fn date(&self, start: usize, end: usize, name: &str) -> Result<Option<Date>, CnabError> {
        let value = self.number(start, end, name)?;
        if value == 0 {
            return Ok(None);
        }
        let (day, month, year) = (value / 1_000_000, (value / 10_000) % 100, value % 10_000);
        let date = time::Month::try_from(month as u8)
            .ok()
            .and_then(|month| Date::from_calendar_date(year as i32, month, day as u8).ok());
        date.map(Some).ok_or_else(|| {
            CnabError::at(self.line, format!("{name} (posições {start} a {end}) não é uma data: {value:08}."))
        })
    }
}

/// The file's records, each checked to be 240 bytes: lines end in CR LF or LF; an end-of-file
/// byte (0x1A) or blank lines at the very end are ignored.
pub(crate) fn records(bytes: &[u8]) -> Result<Vec<RecordReader<'_>>, CnabError> {
    let mut lines: Vec<&[u8]> = bytes.split(|&byte| byte == b'\n').collect();
    while lines.last().is_some_and(|line| line.iter().all(|&b| b == b'\r' || b == 0x1A || b == b' ')) {
        lines.pop();
    }
    if lines.is_empty() {
        return Err(CnabError::Empty);
    }
    lines
        .into_iter()
        .enumerate()
        .map(|(index, line)| {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.len() == LINE_LENGTH {
                Ok(RecordReader::new(index + 1, line))
            } else {
                Err(CnabError::at(
                    index + 1,
                    format!("tem {} caracteres; um arquivo CNAB 240 tem 240 em cada linha.", line.len()),
                ))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_itau;
