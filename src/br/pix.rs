//! PIX "copia e cola" (BR Code): the EMV payload the Central Bank specifies, with its
//! CRC16-CCITT-FALSE; the same text goes into the QR code.

use std::fmt::Write;

use super::Centavos;

const CRC16_CCITT_FALSE: crc::Crc<u16> = crc::Crc::<u16>::new(&crc::CRC_16_IBM_3740);

/// One static PIX charge to the company's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PixCharge {
    /// E-mail, CPF/CNPJ, phone (+55…) or random key (EVP) of the receiving account.
    pub key: String,
    /// Receiver name (up to 25 characters, accents removed).
    pub merchant_name: String,
    /// Receiver city (up to 15 characters, accents removed).
    pub merchant_city: String,
    pub amount: Option<Centavos>,
    /// Identifies the payment for reconciliation (up to 25 letters and digits); `***` when absent.
    pub txid: Option<String>,
    /// Field 01 = `12`: the payer's app should not reuse this code.
    pub single_use: bool,
}

/// `ID` + 2-digit length + value.
fn field(out: &mut String, id: &str, value: &str) {
    let _ = write!(out, "{id}{:02}{value}", value.len());
}

/// ASCII, upper-cased as banks print it, cut to `max` characters.
fn plain(text: &str, max: usize) -> String {
    deunicode::deunicode(text).chars().filter(|c| c.is_ascii() && !c.is_ascii_control()).take(max).collect()
}

impl PixCharge {
    /// The BR Code text (copia e cola), CRC included.
    pub fn payload(&self) -> String {
        let mut account = String::new();
        field(&mut account, "00", "br.gov.bcb.pix");
        field(&mut account, "01", self.key.trim());

        let mut out = String::new();
        field(&mut out, "00", "01");
        if self.single_use {
            field(&mut out, "01", "12");
        }
        field(&mut out, "26", &account);
        field(&mut out, "52", "0000");
        field(&mut out, "53", "986");
        if let Some(amount) = self.amount {
            field(&mut out, "54", &format!("{}.{:02}", amount.0 / 100, amount.0 % 100));
        }
        field(&mut out, "58", "BR");
        field(&mut out, "59", &plain(&self.merchant_name, 25));
        field(&mut out, "60", &plain(&self.merchant_city, 15));
        let txid: String = self
            .txid
            .iter()
            .flat_map(|txid| txid.chars())
            .filter(char::is_ascii_alphanumeric)
            .take(25)
            .collect();
        // A txid with nothing usable left is the manual's "no txid", never an empty field.
        let txid = if txid.is_empty() { "***".to_string() } else { txid };
        let mut additional = String::new();
        field(&mut additional, "05", &txid);
        field(&mut out, "62", &additional);
        out.push_str("6304");
        let crc = CRC16_CCITT_FALSE.checksum(out.as_bytes());
        let _ = write!(out, "{crc:04X}");
        out
    }
}

/// The longest key that fits the merchant account field (99 characters with its sub-fields).
pub const MAX_KEY_CHARS: usize = 77;

/// Why the configured receiver cannot produce a valid BR Code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PixPayeeError {
    #[error("a chave PIX está vazia")]
    EmptyKey,
    #[error("a chave PIX tem mais de {MAX_KEY_CHARS} caracteres")]
    LongKey,
    #[error("a chave PIX só pode ter letras sem acento, dígitos e os símbolos @ . + - _ (sem espaços)")]
    KeyCharacters,
    #[error("o nome do recebedor ficou vazio sem acentos e símbolos: use letras")]
    EmptyName,
    #[error("a cidade do recebedor ficou vazia sem acentos e símbolos: use letras")]
    EmptyCity,
}

/// Checks the company's key, name and city once (at startup), so no charge is ever built on a
/// receiver that a payer's app would refuse. Name and city are cut to 25 and 15 characters.
pub fn check_payee(key: &str, name: &str, city: &str) -> Result<(), PixPayeeError> {
    let key = key.trim();
    if key.is_empty() {
        return Err(PixPayeeError::EmptyKey);
    }
    if key.chars().count() > MAX_KEY_CHARS {
        return Err(PixPayeeError::LongKey);
    }
    if !key.chars().all(|c| c.is_ascii_alphanumeric() || "@.+-_".contains(c)) {
        return Err(PixPayeeError::KeyCharacters);
    }
    if plain(name, 25).trim().is_empty() {
        return Err(PixPayeeError::EmptyName);
    }
    if plain(city, 15).trim().is_empty() {
        return Err(PixPayeeError::EmptyCity);
    }
    Ok(())
}

/// True when `payload` ends with the right CRC (what a payer's app checks first).
pub fn has_valid_crc(payload: &str) -> bool {
    let Some((body, crc)) = payload.len().checked_sub(4).map(|at| payload.split_at(at)) else {
        return false;
    };
    body.ends_with("6304") && format!("{:04X}", CRC16_CCITT_FALSE.checksum(body.as_bytes())) == crc
}

/// A BR Code cut into printed lines of at most `width` characters, each break between two of
/// its fields (id, length, value) so no field is split across lines unless it alone is longer
/// than a line. Joined again, the lines are the payload.
pub fn printed_lines(payload: &str, width: usize) -> Vec<String> {
    let mut fields: Vec<&str> = Vec::new();
    let mut rest = payload;
    while !rest.is_empty() {
        let length = rest.get(2..4).and_then(|digits| digits.parse::<usize>().ok());
        match length.and_then(|length| rest.get(..4 + length)) {
            Some(field) if rest.is_char_boundary(field.len()) => {
                fields.push(field);
                rest = &rest[field.len()..];
            }
            // Not a BR Code after all: what is left goes as one field, cut by width below.
            _ => {
                fields.push(rest);
                rest = "";
            }
        }
    }
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for field in fields {
        if current.chars().count() + field.chars().count() > width && !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        current.push_str(field);
        while current.chars().count() > width {
            let head: String = current.chars().take(width).collect();
            current = current.chars().skip(width).collect();
            lines.push(head);
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_a_code_in_lines_broken_between_fields() {
        let charge = PixCharge {
            key: "financeiro@horizonte.exemplo.com.br".into(),
            merchant_name: "Construtora Horizonte Ltda".into(),
            merchant_city: "Curitiba".into(),
            amount: Some(crate::br::Centavos(285_000)),
            txid: Some("12345670000000017".into()),
            single_use: true,
        };
        let payload = charge.payload();
        let lines = printed_lines(&payload, 70);
        assert_eq!(lines.concat(), payload);
        assert!(lines.iter().all(|line| line.chars().count() <= 70), "{lines:?}");
        // Every line break falls where a field starts (no field here is longer than a line).
        let mut field_starts = Vec::new();
        let mut at = 0;
        while at < payload.len() {
            field_starts.push(at);
            at += 4 + payload[at + 2..at + 4].parse::<usize>().unwrap();
        }
        let mut position = 0;
        for line in &lines[..lines.len() - 1] {
            position += line.len();
            assert!(field_starts.contains(&position), "break at {position} inside a field: {lines:?}");
        }
        assert_eq!(
            printed_lines("not a code at all, just text", 10).concat(),
            "not a code at all, just text"
        );
    }

    /// The example of the Central Bank's BR Code manual (Manual de Padrões para Iniciação do Pix).
    #[test]
    fn matches_the_central_bank_example() {
        let charge = PixCharge {
            key: "123e4567-e12b-12d1-a456-426655440000".into(),
            merchant_name: "Fulano de Tal".into(),
            merchant_city: "BRASILIA".into(),
            amount: None,
            txid: None,
            single_use: false,
        };
        assert_eq!(
            charge.payload(),
            "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR\
             5913Fulano de Tal6008BRASILIA62070503***63041D3D"
        );
    }

    #[test]
    fn carries_amount_and_txid_and_any_change_breaks_the_crc() {
        let charge = PixCharge {
            key: "financeiro@horizonte.exemplo.com.br".into(),
            merchant_name: "Construtora Horizonte Ltda — Incorporações".into(),
            merchant_city: "São José dos Pinhais".into(),
            amount: Some(Centavos(123_456)),
            txid: Some("1234567-0000100001".into()),
            single_use: true,
        };
        let payload = charge.payload();
        assert!(payload.starts_with("000201010212"), "single use: {payload}");
        assert!(payload.contains("54071234.56"));
        assert!(payload.contains("5925Construtora Horizonte Ltd6015Sao Jose dos Pi"), "cut, no accents");
        assert!(payload.contains("62210517123456700001000016304"), "txid keeps letters and digits only");
        assert!(has_valid_crc(&payload));
        let tampered = payload.replacen("1234.56", "1234.57", 1);
        assert!(!has_valid_crc(&tampered));
    }

    #[test]
    fn a_txid_with_nothing_usable_is_the_no_txid_mark() {
        for txid in ["", "---", "çã-ú"] {
            let charge = PixCharge {
                key: "financeiro@horizonte.exemplo.com.br".into(),
                merchant_name: "Horizonte".into(),
                merchant_city: "Curitiba".into(),
                amount: Some(Centavos(100)),
                txid: Some(txid.into()),
                single_use: true,
            };
            let payload = charge.payload();
            assert!(payload.contains("62070503***6304"), "{txid:?}: {payload}");
            assert!(has_valid_crc(&payload));
        }
    }

    #[test]
    fn a_receiver_that_cannot_make_a_valid_code_is_refused() {
        assert_eq!(check_payee("financeiro@horizonte.com.br", "Horizonte", "Curitiba"), Ok(()));
        assert_eq!(check_payee("+5541999999999", "Horizonte", "São José"), Ok(()));
        assert_eq!(check_payee("  ", "Horizonte", "Curitiba"), Err(PixPayeeError::EmptyKey));
        assert_eq!(check_payee(&"a".repeat(78), "Horizonte", "Curitiba"), Err(PixPayeeError::LongKey));
        assert_eq!(check_payee("chave com espaço", "H", "C"), Err(PixPayeeError::KeyCharacters));
        assert_eq!(check_payee("joão@x.com", "H", "C"), Err(PixPayeeError::KeyCharacters));
        assert_eq!(check_payee("k@x.com", "\u{7}\u{8}", "Curitiba"), Err(PixPayeeError::EmptyName));
        assert_eq!(check_payee("k@x.com", "Horizonte", "   "), Err(PixPayeeError::EmptyCity));
    }
}
