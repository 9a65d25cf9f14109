//! Monetary correction (correção monetária) of installments by a price index, as Brazilian
//! off-plan contracts do it: INCC-M while the building is under construction, then IPCA or
//! IGP-M from a switch month (usually the delivery of the keys).
//!
//! The rule, [`corrected_amount`]:
//! - An installment due in month M is corrected by the index of month **M − 2** (the index of a
//!   month is published during the next one, so the boleto issued before M can carry it).
//! - The factor is the ratio of número-índice values: index(M − 2) ÷ index(base month), where
//!   the base month is the contract's (the index month its prices are at).
//! - Not pro rata: whole months only.
//! - From the switch month S on, the first index runs up to S − 3 (the last one used before S),
//!   and the second index carries on from there: index₁(S − 3) ÷ index₁(base) ×
//!   index₂(M − 2) ÷ index₂(S − 3).
//! - A month not yet published uses the latest one published before it (future installments
//!   show the balance corrected up to today's index).
//! - Deflation never lowers an installment below its original value (the usual contract clause).
//! - The updated value is rounded half up to the centavo, computed in exact integers.
//!
//! Worked example (the test below): Melnick, "Correção das parcelas pelo INCC",
//! https://melnick.com.br/?p=8364 — R$ 1.200,00 ÷ 518,816 (INCC of the contract's month) ×
//! 521,638 (INCC of the current month) = R$ 1.206,53, with the index taken two months back.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::br::Centavos;

/// How many months back the index of an installment's due month is taken.
pub const INDEX_LAG_MONTHS: i32 = 2;

/// A price index a contract may be corrected by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum IndexCode {
    InccM,
    Ipca,
    IgpM,
}

impl IndexCode {
    pub const ALL: [IndexCode; 3] = [IndexCode::InccM, IndexCode::Ipca, IndexCode::IgpM];

    /// The stored and form value.
    pub fn code(self) -> &'static str {
        match self {
            Self::InccM => "incc_m",
            Self::Ipca => "ipca",
            Self::IgpM => "igp_m",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::InccM => "INCC-M",
            Self::Ipca => "IPCA",
            Self::IgpM => "IGP-M",
        }
    }

    /// Who publishes it, for the staff page.
    pub fn publisher(self) -> &'static str {
        match self {
            Self::InccM | Self::IgpM => "FGV IBRE",
            Self::Ipca => "IBGE",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|index| index.code() == code)
    }
}

/// A calendar month, ordered; `2024-09` in storage, `09/2024` on pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Month(i32);

impl Month {
    pub fn new(year: i32, month: u8) -> Option<Self> {
        ((1..=12).contains(&month) && (1900..=2200).contains(&year))
            .then(|| Self(year * 12 + i32::from(month) - 1))
    }

    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }

    pub fn month(self) -> u8 {
        (self.0.rem_euclid(12) + 1) as u8
    }

    pub fn plus(self, months: i32) -> Self {
        Self(self.0 + months)
    }

    /// `2024-09`, `09/2024` or `9/2024`; anything else is `None`.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let (year, month) = if let Some((year, month)) = text.split_once('-') {
            (year, month)
        } else {
            let (month, year) = text.split_once('/')?;
            (year, month)
        };
        let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
        if year.len() != 4 || month.len() > 2 || !all_digits(year) || !all_digits(month) {
            return None;
        }
        Self::new(year.parse().ok()?, month.parse().ok()?)
    }

    pub fn of_date(date: time::Date) -> Self {
        Self(date.year() * 12 + i32::from(u8::from(date.month())) - 1)
    }

    /// `2024-09`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}", self.year(), self.month())
    }
}

impl fmt::Display for Month {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{:02}/{:04}", self.month(), self.year())
    }
}

/// A contract's correction: its index, the base month, and optionally the index it switches to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CorrectionRule {
    pub index: IndexCode,
    pub base: Month,
    /// The second index and the first due month it corrects.
    pub switch: Option<(IndexCode, Month)>,
}

/// Published index values: número-índice × 1 000 000, per index and month.
#[derive(Debug, Clone, Default)]
pub struct IndexValues(BTreeMap<(IndexCode, Month), i64>);

impl IndexValues {
    pub fn insert(&mut self, index: IndexCode, month: Month, value_micro: i64) {
        self.0.insert((index, month), value_micro);
    }

    pub fn get(&self, index: IndexCode, month: Month) -> Option<i64> {
        self.0.get(&(index, month)).copied()
    }

    /// The value of `month`, or of the latest month before it that has one.
    pub fn latest_until(&self, index: IndexCode, month: Month) -> Option<(Month, i64)> {
        self.0
            .range((index, Month(i32::MIN))..=(index, month))
            .next_back()
            .map(|((_, found), value)| (*found, *value))
    }
}

/// An installment's amounts after correction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    pub original: Centavos,
    pub correction: Centavos,
    pub updated: Centavos,
    /// The last index month the correction used; `None` when nothing applied.
    pub index_month: Option<Month>,
}

impl Correction {
    pub fn none(original: Centavos) -> Self {
        Self { original, correction: Centavos(0), updated: original, index_month: None }
    }
}

/// One stretch of the correction: the index's value at `to` over its value at `from`.
fn stretch(values: &IndexValues, index: IndexCode, from: Month, to: Month) -> Option<(i128, i128, Month)> {
    if to <= from {
        return None;
    }
    let start = values.get(index, from)?;
    let (month, end) = values.latest_until(index, to).filter(|(month, _)| *month > from)?;
    Some((i128::from(end), i128::from(start), month))
}

/// `original`, due in `due`, corrected by `rule` with the published `values` (see the module's
/// documentation for the rule).
pub fn corrected_amount(
    original: Centavos,
    due: Month,
    rule: &CorrectionRule,
    values: &IndexValues,
) -> Correction {
    let reference = due.plus(-INDEX_LAG_MONTHS);
    let stretches = match rule.switch {
        Some((second, switch)) if due >= switch => {
            let handover = switch.plus(-INDEX_LAG_MONTHS - 1);
            vec![
                stretch(values, rule.index, rule.base, handover.min(reference)),
                stretch(values, second, handover.max(rule.base), reference),
            ]
        }
        _ => vec![stretch(values, rule.index, rule.base, reference)],
    };
    let (mut numerator, mut denominator, mut index_month) = (i128::from(original.0), 1_i128, None);
    for (end, start, month) in stretches.into_iter().flatten() {
        numerator *= end;
        denominator *= start;
        index_month = Some(month);
    }
    let updated = ((2 * numerator + denominator) / (2 * denominator)) as i64;
    if updated <= original.0 {
        return Correction { index_month, ..Correction::none(original) };
    }
    Correction {
        original,
        correction: Centavos(updated - original.0),
        updated: Centavos(updated),
        index_month,
    }
}

/// A número-índice as typed: `1.234,567` (pt-BR) or `1234.567`; up to 6 decimals, positive.
/// Returns it × 1 000 000.
pub fn parse_index_value(text: &str) -> Option<i64> {
    let text = text.trim();
    let normalized = if text.contains(',') {
        let (whole, decimals) = text.split_once(',')?;
        if decimals.contains(['.', ',']) || !thousands_grouped(whole) {
            return None;
        }
        format!("{}.{decimals}", whole.replace('.', ""))
    } else {
        text.to_string()
    };
    let (whole, decimals) = normalized.split_once('.').unwrap_or((&normalized, ""));
    let digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    if whole.is_empty() || whole.len() > 8 || decimals.len() > 6 || !digits(whole) || !digits(decimals) {
        return None;
    }
    let value = whole.parse::<i64>().ok()? * 1_000_000 + format!("{decimals:0<6}").parse::<i64>().ok()?;
    (value > 0).then_some(value)
}

fn thousands_grouped(whole: &str) -> bool {
    let mut groups = whole.split('.');
    let first = groups.next().unwrap_or_default();
    !first.is_empty() && (first.len() <= 3 || !whole.contains('.')) && groups.all(|group| group.len() == 3)
}

/// `1.234,567` (as many decimals as needed, at least 2).
pub fn index_value_text(value_micro: i64) -> String {
    let whole = value_micro / 1_000_000;
    let mut decimals = format!("{:06}", value_micro % 1_000_000);
    while decimals.len() > 2 && decimals.ends_with('0') {
        decimals.pop();
    }
    format!("{},{decimals}", crate::br::group_thousands(whole.unsigned_abs()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(text: &str) -> Month {
        Month::parse(text).unwrap()
    }

    fn values(entries: &[(IndexCode, &str, &str)]) -> IndexValues {
        let mut values = IndexValues::default();
        for (index, at, value) in entries {
            values.insert(*index, month(at), parse_index_value(value).unwrap());
        }
        values
    }

    #[test]
    fn melnicks_worked_example() {
        // The contract's base index (518,816) and the index two months before the due month
        // (521,638): R$ 1.200,00 becomes R$ 1.206,53.
        let values =
            values(&[(IndexCode::InccM, "2024-03", "518,816"), (IndexCode::InccM, "2024-09", "521,638")]);
        let rule = CorrectionRule { index: IndexCode::InccM, base: month("2024-03"), switch: None };
        let corrected = corrected_amount(Centavos(120_000), month("2024-11"), &rule, &values);
        assert_eq!(corrected.updated, Centavos(120_653));
        assert_eq!(corrected.correction, Centavos(653));
        assert_eq!(corrected.index_month, Some(month("2024-09")));
    }

    #[test]
    fn the_index_is_taken_two_months_back_and_the_latest_published_stands_in() {
        let values = values(&[
            (IndexCode::InccM, "2024-03", "500"),
            (IndexCode::InccM, "2024-04", "505"),
            (IndexCode::InccM, "2024-05", "510"),
        ]);
        let rule = CorrectionRule { index: IndexCode::InccM, base: month("2024-03"), switch: None };
        let at = |due: &str| corrected_amount(Centavos(100_000), month(due), &rule, &values);
        // Due in May: the index of March, the base itself: nothing.
        assert_eq!(at("2024-05"), Correction::none(Centavos(100_000)));
        assert_eq!(at("2024-06").updated, Centavos(101_000));
        assert_eq!(at("2024-07").updated, Centavos(102_000));
        // Not published yet: the latest (May) stands in.
        assert_eq!(at("2025-01").updated, Centavos(102_000));
        assert_eq!(at("2025-01").index_month, Some(month("2024-05")));
        // Due before the base: nothing.
        assert_eq!(at("2024-01").updated, Centavos(100_000));
    }

    #[test]
    fn the_switch_chains_the_second_index_from_three_months_before_it() {
        // INCC until the keys (switch in 2024-08), then IPCA.
        let values = values(&[
            (IndexCode::InccM, "2024-01", "100"),
            (IndexCode::InccM, "2024-05", "110"),
            (IndexCode::InccM, "2024-06", "999"),
            (IndexCode::Ipca, "2024-05", "200"),
            (IndexCode::Ipca, "2024-07", "210"),
        ]);
        let rule = CorrectionRule {
            index: IndexCode::InccM,
            base: month("2024-01"),
            switch: Some((IndexCode::Ipca, month("2024-08"))),
        };
        let at = |due: &str| corrected_amount(Centavos(100_000), month(due), &rule, &values).updated;
        // Due in July (before the switch): INCC of May, 110/100.
        assert_eq!(at("2024-07"), Centavos(110_000));
        // Due in August: INCC up to May, then IPCA from May to June (none: May's stands): 1,1.
        assert_eq!(at("2024-08"), Centavos(110_000));
        // Due in September: 110/100 × 210/200 = 1,155; INCC of June never counts.
        assert_eq!(at("2024-09"), Centavos(115_500));
    }

    #[test]
    fn a_missing_base_corrects_nothing_and_deflation_never_lowers_the_price() {
        let rule = CorrectionRule { index: IndexCode::IgpM, base: month("2024-01"), switch: None };
        let missing = values(&[(IndexCode::IgpM, "2024-05", "110")]);
        assert_eq!(corrected_amount(Centavos(100), month("2024-09"), &rule, &missing).updated, Centavos(100));
        let deflation = values(&[(IndexCode::IgpM, "2024-01", "110"), (IndexCode::IgpM, "2024-05", "100")]);
        let corrected = corrected_amount(Centavos(100_000), month("2024-09"), &rule, &deflation);
        assert_eq!((corrected.updated, corrected.correction), (Centavos(100_000), Centavos(0)));
    }

    #[test]
    fn rounds_half_up_to_the_centavo() {
        // 1,00 × 1,005 = 1,005 → 1,01; 1,00 × 1,004 = 1,004 → 1,00.
        let rule = CorrectionRule { index: IndexCode::Ipca, base: month("2024-01"), switch: None };
        let half = values(&[(IndexCode::Ipca, "2024-01", "1000"), (IndexCode::Ipca, "2024-02", "1005")]);
        assert_eq!(corrected_amount(Centavos(100), month("2024-04"), &rule, &half).updated, Centavos(101));
        let below = values(&[(IndexCode::Ipca, "2024-01", "1000"), (IndexCode::Ipca, "2024-02", "1004")]);
        assert_eq!(corrected_amount(Centavos(100), month("2024-04"), &rule, &below).updated, Centavos(100));
    }

    #[test]
    fn index_values_are_read_as_typed_in_brazil() {
        assert_eq!(parse_index_value("1.123,456"), Some(1_123_456_000));
        assert_eq!(parse_index_value("518,816"), Some(518_816_000));
        assert_eq!(parse_index_value("7123.45"), Some(7_123_450_000));
        assert_eq!(parse_index_value(" 100 "), Some(100_000_000));
        for bad in ["", "0", "0,0", "-1", "1,2,3", "1.12,5", "abc", "1,1234567", "12.34.56", "1..2,0"] {
            assert_eq!(parse_index_value(bad), None, "{bad}");
        }
        assert_eq!(index_value_text(1_123_456_000), "1.123,456");
        assert_eq!(index_value_text(7_123_450_000), "7.123,45");
        assert_eq!(index_value_text(100_000_000), "100,00");
    }

    #[test]
    fn months_parse_both_ways_and_order() {
        assert_eq!(month("2024-09"), month("09/2024"));
        assert_eq!(month("9/2024").to_string(), "09/2024");
        assert_eq!(month("2024-12").plus(1).iso(), "2025-01");
        assert_eq!(month("2025-01").plus(-2).iso(), "2024-11");
        for bad in ["2024-13", "2024-00", "24-09", "2024/09", "setembro", "", "2024-9x"] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
    }
}
