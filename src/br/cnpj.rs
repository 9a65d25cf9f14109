use std::fmt;

use serde::{Deserialize, Serialize};

use super::{alphanumeric_upper, BrError};

/// A valid CNPJ: 12 alphanumeric characters (the 2026 rule; older ones are all digits) and two
/// numeric check digits. Stored upper-case without punctuation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Cnpj(String);

const FIRST_WEIGHTS: [u32; 12] = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const SECOND_WEIGHTS: [u32; 13] = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

/// Receita Federal's value of a character: its ASCII code minus 48 ('0' = 0, 'A' = 17).
fn char_value(c: char) -> u32 {
    c as u32 - '0' as u32
}

fn check_digit(chars: &[char], weights: &[u32]) -> char {
    let sum: u32 = chars.iter().zip(weights).map(|(c, w)| char_value(*c) * w).sum();
    let rest = sum % 11;
    let digit = if rest < 2 { 0 } else { 11 - rest };
    char::from_digit(digit, 10).unwrap_or('0')
}

/// The two check digits of a 12-character base.
pub(crate) fn check_digits(base: &str) -> Result<String, BrError> {
    let chars: Vec<char> = alphanumeric_upper(base).chars().collect();
    if chars.len() != 12 {
        return Err(BrError::CnpjLength);
    }
    let first = check_digit(&chars, &FIRST_WEIGHTS);
    let mut with_first = chars.clone();
    with_first.push(first);
    let second = check_digit(&with_first, &SECOND_WEIGHTS);
    Ok([first, second].iter().collect())
}

impl Cnpj {
    /// A stored (canonical) CNPJ as shown, `12.ABC.345/01DE-35`; kept as stored if it does not
    /// parse (never hides a record).
    pub fn display_stored(canonical: &str) -> String {
        Self::parse(canonical).map_or_else(|_| canonical.to_string(), |cnpj| cnpj.to_string())
    }

    /// Accepts `12.ABC.345/01DE-35`, `12345678000195` and the like.
    pub fn parse(input: &str) -> Result<Self, BrError> {
        if input.chars().any(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '/' | '-' | ' '))) {
            return Err(BrError::CnpjInvalid);
        }
        let text = alphanumeric_upper(input);
        if text.len() != 14 {
            return Err(BrError::CnpjLength);
        }
        let (base, given) = text.split_at(12);
        if !given.chars().all(|c| c.is_ascii_digit()) {
            return Err(BrError::CnpjInvalid);
        }
        if base.chars().chain(given.chars()).all(|c| c == '0') {
            return Err(BrError::CnpjInvalid);
        }
        if check_digits(base)? != given {
            return Err(BrError::CnpjInvalid);
        }
        Ok(Self(text))
    }

    /// Completes a 12-character base with its check digits (demo data and tests).
    pub fn from_base(base: &str) -> Result<Self, BrError> {
        let digits = check_digits(base)?;
        Self::parse(&format!("{}{digits}", alphanumeric_upper(base)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Cnpj {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.0;
        write!(f, "{}.{}.{}/{}-{}", &c[0..2], &c[2..5], &c[5..8], &c[8..12], &c[12..14])
    }
}

impl TryFrom<String> for Cnpj {
    type Error = BrError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Cnpj> for String {
    fn from(value: Cnpj) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn alphanumeric_example_of_receita_federal() {
        assert_eq!(check_digits("12ABC34501DE").unwrap(), "35");
        let cnpj = Cnpj::parse("12.ABC.345/01DE-35").unwrap();
        assert_eq!(cnpj.as_str(), "12ABC34501DE35");
        assert_eq!(cnpj.to_string(), "12.ABC.345/01DE-35");
        assert_eq!(Cnpj::parse("12abc34501de35").unwrap(), cnpj);
    }

    #[test]
    fn numeric_cnpj_still_valid() {
        assert_eq!(Cnpj::parse("11.222.333/0001-81").unwrap().as_str(), "11222333000181");
        assert_eq!(Cnpj::parse("11.222.333/0001-82"), Err(BrError::CnpjInvalid));
        assert_eq!(Cnpj::parse("11.222.333/0001"), Err(BrError::CnpjLength));
        assert_eq!(Cnpj::parse("00000000000000"), Err(BrError::CnpjInvalid));
        assert_eq!(Cnpj::parse("12ABC34501DEA5"), Err(BrError::CnpjInvalid));
    }

    proptest! {
        #[test]
        // As with the CPF, only a changed check digit is always caught by mod 11.
        fn completed_bases_validate_and_a_changed_check_digit_breaks_them(base in "[0-9A-Z]{12}", position in 12usize..14) {
            prop_assume!(base != "000000000000");
            let cnpj = Cnpj::from_base(&base).unwrap();
            prop_assert_eq!(Cnpj::parse(&cnpj.to_string()).unwrap(), cnpj.clone());
            let mut chars: Vec<char> = cnpj.as_str().chars().collect();
            chars[position] = match chars[position] { '9' => '0', 'Z' => 'A', c if c.is_ascii_digit() => char::from_digit(c.to_digit(10).unwrap() + 1, 10).unwrap(), c => (c as u8 + 1) as char };
            let changed: String = chars.into_iter().collect();
            prop_assert!(Cnpj::parse(&changed).is_err());
        }
    }
}
