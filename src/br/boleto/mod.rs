//! FEBRABAN bank boletos: the 44-digit barcode, the 47-digit linha digitável and the fator de
//! vencimento (restarted at 1000 on 22/02/2025). The campo livre (25 digits) is each bank's:
//! see [`BankAccount`].

mod bank;

pub use bank::BankAccount;

use std::fmt;

use time::{Date, Month};

use super::Centavos;

/// The day fator 1000 fell on before the restart (03/07/2000); FEBRABAN counts from 07/10/1997.
const FACTOR_BASE: Date = match Date::from_calendar_date(1997, Month::October, 7) {
    Ok(date) => date,
    Err(_) => panic!("valid date"),
};

/// The 10 digits of the amount field: R$ 99.999.999,99.
const MAX_AMOUNT_CENTS: i64 = 9_999_999_999;

/// Why a boleto cannot be made or a typed line is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BoletoError {
    #[error("O vencimento está fora do intervalo dos boletos (a partir de 03/07/2000).")]
    DueDateOutOfRange,
    #[error("O valor não cabe num boleto (até R$ 99.999.999,99, e maior que zero).")]
    AmountOutOfRange,
    #[error("Dados do banco inválidos: {0}.")]
    Bank(&'static str),
    #[error("A linha digitável deve ter 47 dígitos.")]
    LineLength,
    #[error("Dígito verificador do campo {0} não confere.")]
    FieldCheckDigit(u8),
    #[error("Dígito verificador geral não confere.")]
    GeneralCheckDigit,
}

/// The fator de vencimento of `due`: days since 07/10/1997, wrapping from 9999 back to 1000
/// (the first wrap was on 22/02/2025).
pub fn due_date_factor(due: Date) -> Result<u16, BoletoError> {
    let days = (due - FACTOR_BASE).whole_days();
    if days < 1000 {
        return Err(BoletoError::DueDateOutOfRange);
    }
    Ok(((days - 1000) % 9000 + 1000) as u16)
}

/// The due date a fator stands for, taking the one nearest to `around` (a factor repeats
/// every 9000 days, about 24.6 years).
pub fn due_date_of_factor(factor: u16, around: Date) -> Option<Date> {
    if !(1000..=9999).contains(&factor) {
        return None;
    }
    let first = FACTOR_BASE + time::Duration::days(i64::from(factor));
    (0..4)
        .map(|cycle| first + time::Duration::days(9000 * cycle))
        .min_by_key(|date| (*date - around).whole_days().abs())
}

/// Mod 10 check digit (weights 2, 1, 2, 1… from the right; products above 9 add their digits).
pub fn mod10(digits: &str) -> u8 {
    let sum: u32 = digits
        .bytes()
        .rev()
        .zip([2u32, 1].into_iter().cycle())
        .map(|(digit, weight)| {
            let product = u32::from(digit - b'0') * weight;
            product / 10 + product % 10
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// The sum mod 11 check digits start from: each digit times 2 to 9, again and again, from the
/// right.
fn mod11_sum(digits: &str) -> u32 {
    digits.bytes().rev().zip((2u32..=9).cycle()).map(|(digit, weight)| u32::from(digit - b'0') * weight).sum()
}

/// The barcode's general check digit: mod 11 with weights 2 to 9 from the right; 0, 10 and 11
/// become 1.
pub fn mod11_general(digits: &str) -> u8 {
    match 11 - mod11_sum(digits) % 11 {
        0 | 10 | 11 => 1,
        digit => digit as u8,
    }
}

/// A payable boleto: its 44-digit barcode; the linha digitável derives from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Boleto {
    barcode: String,
}

impl Boleto {
    /// Builds the barcode for `amount` due on `due`, with `number` as the boleto's own part of
    /// the nosso número (up to [`BankAccount::number_digits`] digits).
    pub fn new(bank: &BankAccount, number: &str, due: Date, amount: Centavos) -> Result<Self, BoletoError> {
        if amount.0 <= 0 || amount.0 > MAX_AMOUNT_CENTS {
            return Err(BoletoError::AmountOutOfRange);
        }
        let factor = due_date_factor(due)?;
        let free_field = bank.free_field(number)?;
        let without_dv = format!("{}9{factor:04}{:010}{free_field}", bank.bank_code(), amount.0);
        let dv = mod11_general(&without_dv);
        let barcode = format!("{}{dv}{}", &without_dv[..4], &without_dv[4..]);
        Ok(Self { barcode })
    }

    /// The 44 digits the bars encode (ITF).
    pub fn barcode(&self) -> &str {
        &self.barcode
    }

    /// The 47 digits people type, without punctuation.
    pub fn digitable_line(&self) -> String {
        let code = &self.barcode;
        let field = |text: String| format!("{text}{}", mod10(&text));
        let field1 = field(format!("{}{}", &code[0..4], &code[19..24]));
        let field2 = field(code[24..34].to_string());
        let field3 = field(code[34..44].to_string());
        format!("{field1}{field2}{field3}{}{}", &code[4..5], &code[5..19])
    }

    /// `00190.00009 01234.567004 …` as printed on the boleto.
    pub fn formatted_digitable_line(&self) -> String {
        format_digitable_line(&self.digitable_line())
    }
}

/// Groups 47 digits the way boletos print them.
pub fn format_digitable_line(line: &str) -> String {
    format!(
        "{}.{} {}.{} {}.{} {} {}",
        &line[0..5],
        &line[5..10],
        &line[10..15],
        &line[15..21],
        &line[21..26],
        &line[26..32],
        &line[32..33],
        &line[33..47]
    )
}

/// Checks a typed linha digitável (punctuation ignored) and returns its barcode.
pub fn barcode_from_digitable_line(typed: &str) -> Result<String, BoletoError> {
    let line: String = typed.chars().filter(char::is_ascii_digit).collect();
    if line.len() != 47 || typed.chars().any(|c| c.is_ascii_alphabetic()) {
        return Err(BoletoError::LineLength);
    }
    for (number, (start, end)) in [(1u8, (0, 9)), (2, (10, 20)), (3, (21, 31))] {
        let check = line.as_bytes()[end] - b'0';
        if mod10(&line[start..end]) != check {
            return Err(BoletoError::FieldCheckDigit(number));
        }
    }
    let barcode = format!(
        "{}{}{}{}{}{}",
        &line[0..4],
        &line[32..33],
        &line[33..47],
        &line[4..9],
        &line[10..20],
        &line[21..31]
    );
    let without_dv = format!("{}{}", &barcode[..4], &barcode[5..]);
    if mod11_general(&without_dv) != barcode.as_bytes()[4] - b'0' {
        return Err(BoletoError::GeneralCheckDigit);
    }
    Ok(barcode)
}

impl fmt::Display for Boleto {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.formatted_digitable_line())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn factor_restarts_at_1000_in_february_2025() {
        assert_eq!(due_date_factor(date!(2000 - 07 - 03)), Ok(1000));
        assert_eq!(due_date_factor(date!(2000 - 07 - 04)), Ok(1001));
        assert_eq!(due_date_factor(date!(2025 - 02 - 21)), Ok(9999));
        assert_eq!(due_date_factor(date!(2025 - 02 - 22)), Ok(1000));
        assert_eq!(due_date_factor(date!(2025 - 02 - 23)), Ok(1001));
        assert_eq!(due_date_factor(date!(2000 - 07 - 02)), Err(BoletoError::DueDateOutOfRange));
        assert_eq!(due_date_of_factor(1000, date!(2026 - 11 - 22)), Some(date!(2025 - 02 - 22)));
        assert_eq!(due_date_of_factor(9999, date!(2020 - 01 - 01)), Some(date!(2025 - 02 - 21)));
    }

    /// Banco do Brasil, convênio 1207113, carteira 18, nosso número 9000206, R$ 40,00 due
    /// 02/05/2008: the example Caelum Stella's tests check against BB's specification.
    #[test]
    fn matches_a_published_banco_do_brasil_boleto() {
        let bank = BankAccount::banco_do_brasil("1207113", "18").unwrap();
        let boleto = Boleto::new(&bank, "9000206", date!(2008 - 05 - 02), Centavos(4000)).unwrap();
        assert_eq!(boleto.barcode(), "00195386000000040000000001207113000900020618");
        assert_eq!(
            boleto.formatted_digitable_line(),
            "00190.00009 01207.113000 09000.206186 5 38600000004000"
        );
        assert_eq!(
            barcode_from_digitable_line("00190.00009 01207.113000 09000.206186 5 38600000004000").unwrap(),
            boleto.barcode()
        );
        assert_eq!(mod10("001900000"), 9);
        assert_eq!(mod11_general("0019386000000040000000001207113000900020618"), 5);
    }

    fn bank() -> BankAccount {
        BankAccount::banco_do_brasil("1234567", "17").unwrap()
    }

    #[test]
    fn builds_a_banco_do_brasil_boleto() {
        let boleto = Boleto::new(&bank(), "0000100001", date!(2026 - 12 - 10), Centavos(123_456)).unwrap();
        let barcode = boleto.barcode();
        assert_eq!(barcode.len(), 44);
        assert!(barcode.starts_with("0019"));
        assert_eq!(&barcode[5..9], format!("{:04}", due_date_factor(date!(2026 - 12 - 10)).unwrap()));
        assert_eq!(&barcode[9..19], "0000123456");
        assert_eq!(&barcode[19..44], "000000123456700001000011".to_string() + "7");
        let line = boleto.digitable_line();
        assert_eq!(line.len(), 47);
        assert_eq!(barcode_from_digitable_line(&boleto.formatted_digitable_line()).unwrap(), barcode);
    }

    #[test]
    fn refuses_what_a_boleto_cannot_carry() {
        let due = date!(2026 - 12 - 10);
        assert_eq!(Boleto::new(&bank(), "1", due, Centavos(0)), Err(BoletoError::AmountOutOfRange));
        assert_eq!(
            Boleto::new(&bank(), "1", due, Centavos(10_000_000_000)),
            Err(BoletoError::AmountOutOfRange)
        );
        assert!(Boleto::new(&bank(), "12345678901", due, Centavos(1)).is_err());
        assert!(BankAccount::banco_do_brasil("123456", "17").is_err());
        assert_eq!(barcode_from_digitable_line("123"), Err(BoletoError::LineLength));
    }

    proptest! {
        #[test]
        fn every_generated_line_validates_and_any_changed_digit_breaks_it(
            sequence in 1u64..9_999_999_999,
            days in 0i64..20_000,
            cents in 1i64..MAX_AMOUNT_CENTS,
            position in 0usize..47,
            delta in 1u8..10,
        ) {
            let due = date!(2000 - 07 - 03) + time::Duration::days(days);
            let boleto = Boleto::new(&bank(), &sequence.to_string(), due, Centavos(cents)).unwrap();
            let line = boleto.digitable_line();
            prop_assert_eq!(barcode_from_digitable_line(&line).unwrap(), boleto.barcode());
            let mut changed = line.clone().into_bytes();
            changed[position] = b'0' + (changed[position] - b'0' + delta) % 10;
            let changed = String::from_utf8(changed).unwrap();
            match barcode_from_digitable_line(&changed) {
                Err(_) => {}
                // FEBRABAN's mod 11 turns remainders 0, 1 and 10 all into digit 1, so a change in
                // the factor or the amount of a boleto whose general digit is 1 can go unseen; the
                // mod 10 fields (1 to 3) and every other general digit catch every change.
                Ok(_) => prop_assert!(
                    position >= 33 && &line[32..33] == "1",
                    "{} should not validate", changed
                ),
            }
        }
    }
}
