//! The demo's payment plans: an entrada, monthly installments, a yearly intermediária and the
//! chaves, paid up to today as each demo buyer's habit says.

use time::{Date, Duration, Month};

use crate::finance::store::NewInstallment;

pub(super) fn add_months(date: Date, months: i32) -> Date {
    let total = date.year() * 12 + (u8::from(date.month()) as i32 - 1) + months;
    let month = Month::try_from((total.rem_euclid(12) + 1) as u8).unwrap_or(Month::January);
    Date::from_calendar_date(total.div_euclid(12), month, date.day().min(28)).unwrap_or(date)
}

/// How a payment plan behaves up to today.
#[derive(Clone, Copy)]
pub(super) enum PaymentHabit {
    /// Everything due so far was paid; the rest is open.
    OnTime,
    /// Paid until the last `n` due installments, which are overdue.
    Late(usize),
    /// Paid off, including installments not yet due.
    PaidOff,
}

pub(super) struct Plan {
    pub signed_on: Date,
    pub total: i64,
    pub down_payment: i64,
    pub monthly: i64,
    pub months: i32,
    /// Every 12th month an intermediária of this amount.
    pub yearly: i64,
}

pub(super) fn installments(plan: &Plan, today: Date, habit: PaymentHabit) -> Vec<NewInstallment> {
    let mut list = vec![NewInstallment::new("entrada", plan.signed_on, plan.down_payment)];
    let mut used = plan.down_payment;
    for month in 1..=plan.months {
        let due = add_months(plan.signed_on, month).replace_day(10).unwrap_or(plan.signed_on);
        list.push(NewInstallment::new("mensal", due, plan.monthly));
        used += plan.monthly;
        if month % 12 == 0 {
            list.push(NewInstallment::new("intermediaria", due, plan.yearly));
            used += plan.yearly;
        }
    }
    let keys_due = add_months(plan.signed_on, plan.months + 1).replace_day(10).unwrap_or(plan.signed_on);
    list.push(NewInstallment::new("chaves", keys_due, plan.total - used));

    let due_so_far = list.iter().filter(|i| i.due_on < today).count();
    let paid_count = match habit {
        PaymentHabit::OnTime => due_so_far,
        PaymentHabit::Late(missing) => due_so_far.saturating_sub(missing),
        PaymentHabit::PaidOff => list.len(),
    };
    for installment in list.iter_mut().take(paid_count) {
        // Paid a couple of days before the due date, as most buyers do.
        let paid_on = (installment.due_on - Duration::days(2)).min(today);
        installment.paid_on = Some(paid_on);
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_roll_over_years_and_clamp_days() {
        let date = Date::from_calendar_date(2025, Month::November, 30).unwrap();
        assert_eq!(add_months(date, 3), Date::from_calendar_date(2026, Month::February, 28).unwrap());
        assert_eq!(add_months(date, -11), Date::from_calendar_date(2024, Month::December, 28).unwrap());
    }

    #[test]
    fn late_plan_has_paid_overdue_and_open_installments_adding_to_the_total() {
        let today = Date::from_calendar_date(2026, Month::November, 22).unwrap();
        let plan = Plan {
            signed_on: add_months(today, -17),
            total: 48_500_000,
            down_payment: 4_850_000,
            monthly: 285_000,
            months: 48,
            yearly: 1_200_000,
        };
        let list = installments(&plan, today, PaymentHabit::Late(2));
        assert_eq!(list.iter().map(|i| i.amount_cents).sum::<i64>(), plan.total);
        let overdue = list.iter().filter(|i| i.paid_on.is_none() && i.due_on < today).count();
        let open = list.iter().filter(|i| i.paid_on.is_none() && i.due_on >= today).count();
        assert_eq!(overdue, 2);
        assert!(open > 0);
        assert!(list.iter().any(|i| i.paid_on.is_some()));
    }
}
