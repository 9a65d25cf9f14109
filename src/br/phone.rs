use std::fmt;

use serde::{Deserialize, Serialize};

use super::BrError;

/// Every DDD (area code) in use in Brazil, per Anatel's numbering plan.
pub const VALID_DDDS: [u8; 67] = [
    11, 12, 13, 14, 15, 16, 17, 18, 19, // SP
    21, 22, 24, // RJ
    27, 28, // ES
    31, 32, 33, 34, 35, 37, 38, // MG
    41, 42, 43, 44, 45, 46, // PR
    47, 48, 49, // SC
    51, 53, 54, 55, // RS
    61, // DF
    62, 64, // GO
    63, // TO
    65, 66, // MT
    67, // MS
    68, // AC
    69, // RO
    71, 73, 74, 75, 77, // BA
    79, // SE
    81, 87, // PE
    82, // AL
    83, // PB
    84, // RN
    85, 88, // CE
    86, 89, // PI
    91, 93, 94, // PA
    92, 97, // AM
    95, // RR
    96, // AP
    98, 99, // MA
];

pub fn is_valid_ddd(ddd: u8) -> bool {
    VALID_DDDS.contains(&ddd)
}

/// A Brazilian phone number: DDD plus 9 digits for a mobile (starting with 9) or 8 for a
/// landline (starting with 2 to 5). Stored as digits without the country code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    /// Accepts `(11) 98765-4321`, `+55 11 98765 4321`, `55 11 98765-4321`, `011 98765-4321`,
    /// `11987654321`.
    pub fn parse(input: &str) -> Result<Self, BrError> {
        let mut digits: String = input.chars().filter(char::is_ascii_digit).collect();
        if input.trim_start().starts_with('+') {
            digits = digits.strip_prefix("55").ok_or(BrError::PhoneDdd)?.to_string();
        } else if matches!(digits.len(), 12 | 13) && digits.starts_with("55") {
            // The country code typed without `+`; 10 or 11 digits starting with 55 are DDD 55.
            digits.drain(..2);
        } else if matches!(digits.len(), 11 | 12) && digits.starts_with('0') {
            // The long-distance prefix 0 before the DDD, as many people still dial.
            digits.remove(0);
        }
        if digits.len() != 10 && digits.len() != 11 {
            return Err(BrError::PhoneLength);
        }
        let ddd: u8 = digits[..2].parse().map_err(|_| BrError::PhoneDdd)?;
        if !is_valid_ddd(ddd) {
            return Err(BrError::PhoneDdd);
        }
        let number = &digits[2..];
        let first = number.as_bytes()[0];
        let valid = match number.len() {
            9 => first == b'9',
            _ => (b'2'..=b'5').contains(&first),
        };
        if !valid {
            return Err(BrError::PhoneNumber);
        }
        Ok(Self(digits))
    }

    pub fn is_mobile(&self) -> bool {
        self.0.len() == 11
    }

    pub fn digits(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.0;
        let split = d.len() - 4;
        write!(f, "({}) {}-{}", &d[..2], &d[2..split], &d[split..])
    }
}

impl TryFrom<String> for Phone {
    type Error = BrError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Phone> for String {
    fn from(value: Phone) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ddd_list_has_every_area_and_nothing_else() {
        assert_eq!(VALID_DDDS.len(), 67);
        for ddd in [11, 21, 61, 71, 81, 91, 99] {
            assert!(is_valid_ddd(ddd), "{ddd}");
        }
        for ddd in [10, 20, 23, 25, 26, 29, 30, 36, 39, 40, 50, 52, 56, 60, 70, 72, 76, 78, 80, 90] {
            assert!(!is_valid_ddd(ddd), "{ddd}");
        }
    }

    #[test]
    fn parses_mobile_and_landline() {
        let mobile = Phone::parse("(11) 98765-4321").unwrap();
        assert!(mobile.is_mobile());
        assert_eq!(mobile.to_string(), "(11) 98765-4321");
        assert_eq!(Phone::parse("+55 11 98765 4321").unwrap(), mobile);
        assert_eq!(Phone::parse("55 11 98765-4321").unwrap(), mobile, "country code without +");
        assert_eq!(Phone::parse("5511987654321").unwrap(), mobile);
        assert_eq!(Phone::parse("011 98765-4321").unwrap(), mobile, "long-distance prefix 0");
        assert_eq!(Phone::parse("55 61 3322-1100").unwrap().to_string(), "(61) 3322-1100");
        let ddd_55 = Phone::parse("(55) 99876-5432").unwrap();
        assert_eq!(ddd_55.to_string(), "(55) 99876-5432", "DDD 55 (RS) is not a country code");
        let landline = Phone::parse("61 3322-1100").unwrap();
        assert!(!landline.is_mobile());
        assert_eq!(landline.to_string(), "(61) 3322-1100");
    }

    #[test]
    fn refuses_bad_ddd_and_numbers() {
        assert_eq!(Phone::parse("(20) 98765-4321"), Err(BrError::PhoneDdd));
        assert_eq!(Phone::parse("(11) 88765-4321"), Err(BrError::PhoneNumber));
        assert_eq!(Phone::parse("(11) 9876-4321"), Err(BrError::PhoneNumber));
        assert_eq!(Phone::parse("(11) 6876-4321"), Err(BrError::PhoneNumber));
        assert_eq!(Phone::parse("98765"), Err(BrError::PhoneLength));
    }

    proptest! {
        #[test]
        fn every_valid_ddd_takes_a_mobile(index in 0usize..67, rest in "[0-9]{8}") {
            let text = format!("{}9{rest}", VALID_DDDS[index]);
            let phone = Phone::parse(&text).unwrap();
            prop_assert_eq!(Phone::parse(&phone.to_string()).unwrap(), phone);
        }
    }
}
