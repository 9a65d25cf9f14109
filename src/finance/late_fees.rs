//! Multa and juros of a late payment, as banks charge them on a boleto: a fixed multa on the
//! amount, and juros pro rata die (the monthly rate over a 30-day commercial month, simple, per
//! day late), each truncated to the centavo.
//!
//! Worked examples, from public sources, are the tests below: Kobana (a boleto platform),
//! "Multa e juros de mora", https://ajuda.kobana.com.br/pt-BR/articles/8843476-multa-e-juros-de-mora
//! (R$ 100,00, five days late, 2 % and 1 % a month: R$ 2,00 + R$ 0,16 = R$ 102,16, the juros
//! truncated) and Vivaprev, "Juros de mora e multa de mora",
//! https://vivaprev.com.br/2024/11/20/juros-de-mora-e-multa-de-mora-entenda-o-que-sao
//! (R$ 3.000,00, ten days late: R$ 60,00 + R$ 10,00 = R$ 3.070,00).

use serde::{Deserialize, Serialize};
use time::Date;

use crate::br::Centavos;

/// What paying an amount late costs on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LateCharge {
    pub original: Centavos,
    pub days_late: i64,
    pub fine: Centavos,
    pub interest: Centavos,
    pub total: Centavos,
}

/// The charge of paying `amount`, due on `due`, on `paid_on`; nothing before or on the due date.
/// Rates are hundredths of a percent (200 = 2 %).
pub fn late_charge(
    amount: Centavos,
    due: Date,
    paid_on: Date,
    fine_bp: u32,
    monthly_interest_bp: u32,
) -> LateCharge {
    let days_late = (paid_on - due).whole_days().max(0);
    if days_late == 0 {
        return LateCharge {
            original: amount,
            days_late,
            fine: Centavos(0),
            interest: Centavos(0),
            total: amount,
        };
    }
    let cents = i128::from(amount.0);
    let fine = cents * i128::from(fine_bp) / 10_000;
    let interest = cents * i128::from(monthly_interest_bp) * i128::from(days_late) / (10_000 * 30);
    let (fine, interest) = (Centavos(fine as i64), Centavos(interest as i64));
    LateCharge { original: amount, days_late, fine, interest, total: amount + fine + interest }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn kobanas_worked_example_truncates_the_juros() {
        let charge = late_charge(Centavos(10_000), date!(2026 - 03 - 10), date!(2026 - 03 - 15), 200, 100);
        assert_eq!(
            (charge.fine, charge.interest, charge.total),
            (Centavos(200), Centavos(16), Centavos(10_216))
        );
        assert_eq!(charge.days_late, 5);
    }

    #[test]
    fn vivaprevs_worked_example() {
        let charge = late_charge(Centavos(300_000), date!(2024 - 11 - 10), date!(2024 - 11 - 20), 200, 100);
        assert_eq!(
            (charge.fine, charge.interest, charge.total),
            (Centavos(6_000), Centavos(1_000), Centavos(307_000))
        );
    }

    #[test]
    fn on_or_before_the_due_date_nothing_is_added() {
        for day in [date!(2026 - 03 - 01), date!(2026 - 03 - 10)] {
            let charge = late_charge(Centavos(10_000), date!(2026 - 03 - 10), day, 200, 100);
            assert_eq!(
                (charge.fine, charge.interest, charge.total),
                (Centavos(0), Centavos(0), Centavos(10_000))
            );
        }
    }

    #[test]
    fn a_whole_month_late_is_the_whole_monthly_rate() {
        let charge = late_charge(Centavos(123_456), date!(2026 - 01 - 10), date!(2026 - 02 - 09), 200, 100);
        assert_eq!((charge.days_late, charge.fine, charge.interest), (30, Centavos(2_469), Centavos(1_234)));
    }
}
