use std::fmt;
use std::ops::{Add, Sub};

use serde::{Deserialize, Serialize};

/// An amount of Brazilian reais in centavos; money is never a float.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct Centavos(pub i64);

impl Add for Centavos {
    type Output = Self;
    fn add(self, rhs: Self) -> Self {
        Self(self.0 + rhs.0)
    }
}

impl Sub for Centavos {
    type Output = Self;
    fn sub(self, rhs: Self) -> Self {
        Self(self.0 - rhs.0)
    }
}

impl std::iter::Sum for Centavos {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        Self(iter.map(|c| c.0).sum())
    }
}

/// `1234567` → `1.234.567`: a whole number with Brazil's thousands separator.
pub fn group_thousands(whole: u64) -> String {
    let digits = whole.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    grouped
}

/// Formats as shown in Brazil: `R$ 1.234,56`, `-R$ 0,50`.
impl fmt::Display for Centavos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}R$ {},{:02}", group_thousands(abs / 100), abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formats_like_brazilian_receipts() {
        assert_eq!(Centavos(123_456).to_string(), "R$ 1.234,56");
        assert_eq!(Centavos(0).to_string(), "R$ 0,00");
        assert_eq!(Centavos(5).to_string(), "R$ 0,05");
        assert_eq!(Centavos(-50).to_string(), "-R$ 0,50");
        assert_eq!(Centavos(100_000_000).to_string(), "R$ 1.000.000,00");
        assert_eq!(Centavos(i64::MIN).to_string(), "-R$ 92.233.720.368.547.758,08");
    }

    proptest! {
        #[test]
        fn formatting_round_trips_to_the_same_centavos(value in any::<i64>()) {
            let text = Centavos(value).to_string();
            let negative = text.starts_with('-');
            let digits: String = text.chars().filter(char::is_ascii_digit).collect();
            let magnitude: u64 = digits.parse().unwrap();
            prop_assert_eq!(magnitude, value.unsigned_abs());
            prop_assert_eq!(negative, value < 0);
        }
    }
}
