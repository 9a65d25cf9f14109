//! Antecipação: a buyer pays future installments early, in one boleto, with the company's
//! discount: each installment is brought to the boleto's due date at the company's monthly
//! rate, compounded, for every whole month it is paid ahead (the present value, as the consumer
//! code asks for early payment: art. 52 § 2º, "redução proporcional dos juros").
//!
//! - Whole months from the boleto's due date to the installment's: a month counts once its day
//!   is reached (paying on 05/03 an installment due on 10/06 is 3 months ahead; due on 04/06, 2).
//! - Each month divides by (1 + rate), rounded half up to the centavo.
//!
//! Worked example (the test below, by hand): R$ 1.000,00 three months ahead at 1 % a month:
//! 1.000,00 ÷ 1,01 = 990,10; ÷ 1,01 = 980,30; ÷ 1,01 = 970,59 (R$ 29,41 of discount), which is
//! also 1.000,00 ÷ 1,01³ = 970,590 rounded.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::br::Centavos;
use crate::finance::PaymentCodes;

/// How many days after today the antecipação's boleto falls due.
pub const EARLY_PAYMENT_DAYS: i64 = 3;
/// The most installments one antecipação pays.
pub const MAX_EARLY_INSTALLMENTS: usize = 120;

/// Whole months from `pay_on` to `due` (none when `due` is not after it).
pub fn months_ahead(pay_on: Date, due: Date) -> u32 {
    let months = (due.year() - pay_on.year()) * 12 + i32::from(u8::from(due.month()))
        - i32::from(u8::from(pay_on.month()));
    let months = if due.day() < pay_on.day() { months - 1 } else { months };
    months.max(0) as u32
}

/// `amount` brought `months` back at `monthly_bp` (hundredths of a percent) a month.
pub fn present_value(amount: Centavos, months: u32, monthly_bp: u32) -> Centavos {
    let mut value = i128::from(amount.0);
    let (numerator, denominator) = (10_000_i128, 10_000 + i128::from(monthly_bp));
    for _ in 0..months {
        value = (2 * value * numerator + denominator) / (2 * denominator);
    }
    Centavos(value as i64)
}

/// Why an antecipação was not generated; the code travels in the page's address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EarlyPaymentRefusal {
    /// The company does not offer it, or the contract is not in force.
    Unavailable,
    NoneChosen,
    TooMany,
    /// An installment was paid, fell due or joined a 2ª via since the page was shown.
    Changed,
    /// An installment is in another antecipação (two requests at once: one wins).
    Taken,
}

impl EarlyPaymentRefusal {
    const ALL: [Self; 5] = [Self::Unavailable, Self::NoneChosen, Self::TooMany, Self::Changed, Self::Taken];

    pub fn code(self) -> &'static str {
        match self {
            Self::Unavailable => "indisponivel",
            Self::NoneChosen => "nenhuma",
            Self::TooMany => "muitas",
            Self::Changed => "mudou",
            Self::Taken => "em-outra",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|refusal| refusal.code() == code)
    }

    pub fn message(self) -> String {
        match self {
            Self::Unavailable => "A antecipação não está disponível para este contrato.".into(),
            Self::NoneChosen => "Escolha ao menos uma parcela para antecipar.".into(),
            Self::TooMany => format!("Escolha até {MAX_EARLY_INSTALLMENTS} parcelas por antecipação."),
            Self::Changed => {
                "Uma das parcelas escolhidas não pode mais ser antecipada: confira a lista.".into()
            }
            Self::Taken => {
                "Uma das parcelas escolhidas já está em outra antecipação: confira a lista.".into()
            }
        }
    }
}

/// One installment of an antecipação: what it was worth, how far ahead, its discount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlyPaymentLine {
    pub installment_id: i64,
    /// `Parcela 20 · Mensal`.
    pub title: String,
    /// `dd/mm/aaaa`.
    pub due_on: String,
    pub amount: Centavos,
    pub months: u32,
    pub discount: Centavos,
    pub to_pay: Centavos,
    pub selected: bool,
}

impl EarlyPaymentLine {
    /// The line of an installment of `amount` due on `due`, paid on `pay_on`.
    pub fn priced(
        installment_id: i64,
        title: String,
        due: Date,
        amount: Centavos,
        pay_on: Date,
        monthly_bp: u32,
    ) -> Self {
        let months = months_ahead(pay_on, due);
        let to_pay = present_value(amount, months, monthly_bp);
        Self {
            installment_id,
            title,
            due_on: crate::time_br::format_date(due),
            amount,
            months,
            discount: amount - to_pay,
            to_pay,
            selected: false,
        }
    }
}

/// The sums of the selected lines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlyPaymentTotals {
    pub count: usize,
    pub amount: Centavos,
    pub discount: Centavos,
    pub to_pay: Centavos,
}

impl EarlyPaymentTotals {
    pub fn of<'a>(lines: impl IntoIterator<Item = &'a EarlyPaymentLine>) -> Self {
        lines.into_iter().fold(Self::default(), |sum, line| Self {
            count: sum.count + 1,
            amount: sum.amount + line.amount,
            discount: sum.discount + line.discount,
            to_pay: sum.to_pay + line.to_pay,
        })
    }
}

/// An antecipação still to pay, listed above the offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlyPaymentSummary {
    pub id: i64,
    pub contract_number: String,
    pub due_on: String,
    pub count: i64,
    pub total: Centavos,
}

/// `/financeiro/antecipar`: a contract's future installments priced for an antecipação.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlyPaymentOffer {
    pub contracts: Vec<super::ContractChoice>,
    pub contract_id: Option<i64>,
    /// Why this contract offers none (the company does not, nothing left to anticipate).
    pub unavailable: Option<String>,
    /// `0,5 % ao mês`.
    pub rate: String,
    /// The boleto's due date, `dd/mm/aaaa`.
    pub pay_on: String,
    pub lines: Vec<EarlyPaymentLine>,
    pub totals: EarlyPaymentTotals,
    /// Antecipações generated and not yet paid or expired.
    pub pending: Vec<EarlyPaymentSummary>,
}

/// `/financeiro/antecipacoes/{id}`: the antecipação's boleto.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlyPaymentDetail {
    pub id: i64,
    pub contract_id: i64,
    pub contract_number: String,
    pub due_on: String,
    pub lines: Vec<EarlyPaymentLine>,
    pub totals: EarlyPaymentTotals,
    /// `A pagar`, `Paga em 07/12/2026`, `Vencida sem pagamento`.
    pub status: String,
    pub status_tone: String,
    pub beneficiary: Option<super::Beneficiary>,
    /// Until its due date, while unpaid.
    pub payment: Option<PaymentCodes>,
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn the_worked_example_discounts_month_by_month() {
        assert_eq!(present_value(Centavos(100_000), 1, 100), Centavos(99_010));
        assert_eq!(present_value(Centavos(100_000), 2, 100), Centavos(98_030));
        assert_eq!(present_value(Centavos(100_000), 3, 100), Centavos(97_059));
        assert_eq!(present_value(Centavos(100_000), 0, 100), Centavos(100_000));
        assert_eq!(present_value(Centavos(100_000), 36, 0), Centavos(100_000));
        // Ten years ahead at 2 % a month never reaches zero.
        assert!(present_value(Centavos(100_000), 120, 200).0 > 0);
    }

    #[test]
    fn a_month_counts_once_its_day_is_reached() {
        assert_eq!(months_ahead(date!(2026 - 03 - 05), date!(2026 - 06 - 10)), 3);
        assert_eq!(months_ahead(date!(2026 - 03 - 05), date!(2026 - 06 - 05)), 3);
        assert_eq!(months_ahead(date!(2026 - 03 - 05), date!(2026 - 06 - 04)), 2);
        assert_eq!(months_ahead(date!(2026 - 12 - 20), date!(2027 - 01 - 10)), 0);
        assert_eq!(months_ahead(date!(2026 - 12 - 20), date!(2027 - 01 - 20)), 1);
        assert_eq!(months_ahead(date!(2026 - 12 - 20), date!(2026 - 11 - 20)), 0);
    }

    #[test]
    fn a_line_and_the_totals_add_up() {
        let line = EarlyPaymentLine::priced(
            1,
            "Parcela 1".into(),
            date!(2026 - 06 - 10),
            Centavos(100_000),
            date!(2026 - 03 - 05),
            100,
        );
        assert_eq!((line.months, line.discount, line.to_pay), (3, Centavos(2_941), Centavos(97_059)));
        let totals = EarlyPaymentTotals::of([&line, &line]);
        assert_eq!((totals.count, totals.amount, totals.to_pay), (2, Centavos(200_000), Centavos(194_118)));
    }
}
