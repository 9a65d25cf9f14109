//! The payment plan generator, as a pure function: installments of one kind, one amount, from a
//! first due day, every N months on a fixed day (the month's last day when it is shorter).

use time::{Date, Month};

use super::contract_model::{PlanForm, INSTALLMENT_KINDS};
use super::rules::{parse_form_date, parse_money, refuse, whole_number, FieldErrors};

/// Most installments one plan adds (40 years of monthly installments).
pub const MAX_PLAN: i64 = 480;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedInstallment {
    pub kind: String,
    pub due_on: Date,
    pub amount_cents: i64,
}

/// The day `day` (or the month's last) of the month `months` after `from`'s.
fn months_after(from: Date, months: i64, day: u8) -> Option<Date> {
    let index = i64::from(from.year()) * 12 + i64::from(u8::from(from.month())) - 1 + months;
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = Month::try_from(u8::try_from(index.rem_euclid(12) + 1).ok()?).ok()?;
    let last = time::util::days_in_month(month, year);
    Date::from_calendar_date(year, month, day.min(last)).ok()
}

/// Checks the generator's form and lists the installments it makes.
pub fn check_plan(form: &PlanForm) -> Result<Vec<PlannedInstallment>, FieldErrors> {
    let mut errors = FieldErrors::new();
    let kind = form.kind.trim().to_string();
    if !INSTALLMENT_KINDS.iter().any(|(code, _)| *code == kind) {
        refuse(&mut errors, "kind", "Escolha o tipo: entrada, mensal, intermediária ou chaves.");
    }
    let first_due = parse_form_date(&form.first_due);
    if first_due.is_none() {
        refuse(&mut errors, "first_due", "Informe o primeiro vencimento como dd/mm/aaaa.");
    }
    let count = whole_number(
        &mut errors,
        "count",
        &form.count,
        1..=MAX_PLAN,
        &format!("Informe de 1 a {MAX_PLAN} parcelas."),
    );
    let amount = parse_money(&form.amount);
    if amount.is_none() {
        refuse(&mut errors, "amount", "Informe o valor de cada parcela em reais, por exemplo 1.250,00.");
    }
    let day_text = form.day.trim();
    let day = if day_text.is_empty() {
        first_due.map_or(1, |date| i64::from(date.day()))
    } else {
        whole_number(&mut errors, "day", day_text, 1..=31, "Informe o dia do vencimento, de 1 a 31.")
    };
    let every_text = if form.every.trim().is_empty() { "1" } else { form.every.trim() };
    let every =
        whole_number(&mut errors, "every", every_text, 1..=12, "Informe de 1 a 12 meses entre as parcelas.");
    let (Some(first_due), Some(amount_cents)) = (first_due, amount) else {
        return Err(errors);
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let day = u8::try_from(day).unwrap_or(1);
    let mut plan = Vec::new();
    for index in 0..count {
        let due_on = if index == 0 {
            first_due
        } else {
            match months_after(first_due, index * every, day) {
                Some(date) => date,
                None => {
                    refuse(&mut errors, "count", "As datas passariam do calendário: diminua as parcelas.");
                    return Err(errors);
                }
            }
        };
        plan.push(PlannedInstallment { kind: kind.clone(), due_on, amount_cents });
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn form(kind: &str, first: &str, count: &str, amount: &str, day: &str, every: &str) -> PlanForm {
        PlanForm {
            kind: kind.into(),
            first_due: first.into(),
            count: count.into(),
            amount: amount.into(),
            day: day.into(),
            every: every.into(),
        }
    }

    #[test]
    fn twelve_monthly_installments_keep_their_day_and_shorten_in_short_months() {
        let plan = check_plan(&form("mensal", "2027-01-31", "12", "1.250,00", "", "")).unwrap();
        assert_eq!(plan.len(), 12);
        assert_eq!(plan[0].due_on, date!(2027 - 01 - 31));
        assert_eq!(plan[1].due_on, date!(2027 - 02 - 28));
        assert_eq!(plan[2].due_on, date!(2027 - 03 - 31));
        assert_eq!(plan[11].due_on, date!(2027 - 12 - 31));
        assert!(plan.iter().all(|line| line.amount_cents == 125_000 && line.kind == "mensal"));
    }

    #[test]
    fn a_fixed_day_and_an_interval_in_months() {
        let plan = check_plan(&form("intermediaria", "15/03/2027", "3", "10000", "10", "6")).unwrap();
        let days: Vec<Date> = plan.iter().map(|line| line.due_on).collect();
        assert_eq!(days, [date!(2027 - 03 - 15), date!(2027 - 09 - 10), date!(2028 - 03 - 10)]);
    }

    #[test]
    fn every_rule_under_its_field() {
        let errors = check_plan(&form("aluguel", "31/02/2027", "0", "0", "32", "13")).unwrap_err();
        for field in ["kind", "first_due", "count", "amount", "day", "every"] {
            assert!(errors.contains_key(field), "{field}: {errors:?}");
        }
        assert!(check_plan(&form("mensal", "2027-01-10", "481", "100", "", ""))
            .unwrap_err()
            .contains_key("count"));
    }
}
