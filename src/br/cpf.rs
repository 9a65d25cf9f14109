use std::fmt;

use serde::{Deserialize, Serialize};

use super::BrError;

/// A valid CPF, stored as its 11 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Cpf(String);

const FIRST_WEIGHTS: [u32; 9] = [10, 9, 8, 7, 6, 5, 4, 3, 2];
const SECOND_WEIGHTS: [u32; 10] = [11, 10, 9, 8, 7, 6, 5, 4, 3, 2];

fn check_digit(digits: &[u32], weights: &[u32]) -> u32 {
    let sum: u32 = digits.iter().zip(weights).map(|(d, w)| d * w).sum();
    let rest = sum % 11;
    if rest < 2 {
        0
    } else {
        11 - rest
    }
}

impl Cpf {
    /// Accepts `123.456.789-09`, `12345678909` or any spacing of those digits.
    pub fn parse(input: &str) -> Result<Self, BrError> {
        let digits: Vec<u32> = input.chars().filter_map(|c| c.to_digit(10)).collect();
        let has_other = input.chars().any(|c| !(c.is_ascii_digit() || matches!(c, '.' | '-' | ' ')));
        if has_other {
            return Err(BrError::CpfInvalid);
        }
        if digits.len() != 11 {
            return Err(BrError::CpfLength);
        }
        // Repeated digits pass the arithmetic but are never issued.
        if digits.iter().all(|d| *d == digits[0]) {
            return Err(BrError::CpfInvalid);
        }
        let first = check_digit(&digits[..9], &FIRST_WEIGHTS);
        let second = check_digit(&digits[..10], &SECOND_WEIGHTS);
        if digits[9] != first || digits[10] != second {
            return Err(BrError::CpfInvalid);
        }
        Ok(Self(digits.iter().map(|d| char::from_digit(*d, 10).unwrap_or('0')).collect()))
    }

    /// Completes nine base digits with their two check digits (used by demo data and tests).
    pub fn from_base(base: &str) -> Result<Self, BrError> {
        let mut digits: Vec<u32> = base.chars().filter_map(|c| c.to_digit(10)).collect();
        if digits.len() != 9 {
            return Err(BrError::CpfLength);
        }
        digits.push(check_digit(&digits, &FIRST_WEIGHTS));
        digits.push(check_digit(&digits, &SECOND_WEIGHTS));
        let text: String = digits.iter().filter_map(|d| char::from_digit(*d, 10)).collect();
        Self::parse(&text)
    }

    pub fn digits(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Cpf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.0;
        write!(f, "{}.{}.{}-{}", &d[0..3], &d[3..6], &d[6..9], &d[9..11])
    }
}

impl TryFrom<String> for Cpf {
    type Error = BrError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Cpf> for String {
    fn from(value: Cpf) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_known_valid_cpfs_formatted_or_not() {
        assert_eq!(Cpf::parse("529.982.247-25").unwrap().digits(), "52998224725");
        assert_eq!(Cpf::parse("11144477735").unwrap().to_string(), "111.444.777-35");
    }

    #[test]
    fn rejects_wrong_check_digits_length_and_repeated_digits() {
        assert_eq!(Cpf::parse("529.982.247-24"), Err(BrError::CpfInvalid));
        assert_eq!(Cpf::parse("5299822472"), Err(BrError::CpfLength));
        assert_eq!(Cpf::parse("111.111.111-11"), Err(BrError::CpfInvalid));
        assert_eq!(Cpf::parse("529a982.247-25"), Err(BrError::CpfInvalid));
    }

    proptest! {
        #[test]
        // Mod 11 maps remainders 0 and 1 to the same digit, so a changed *base* digit can slip
        // through; a changed check digit never does.
        fn completed_bases_validate_and_a_changed_check_digit_breaks_them(base in "[0-9]{9}", position in 9usize..11, delta in 1u32..10) {
            prop_assume!(!base.chars().all(|c| c == base.chars().next().unwrap()));
            let cpf = Cpf::from_base(&base).unwrap();
            prop_assert_eq!(Cpf::parse(&cpf.to_string()).unwrap(), cpf.clone());
            let mut digits: Vec<u32> = cpf.digits().chars().filter_map(|c| c.to_digit(10)).collect();
            digits[position] = (digits[position] + delta) % 10;
            let changed: String = digits.iter().filter_map(|d| char::from_digit(*d, 10)).collect();
            prop_assert!(Cpf::parse(&changed).is_err());
        }
    }
}
