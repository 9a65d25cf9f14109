//! How Financeiro lays out a buyer's installments: what is still to pay, by contract and year
//! (oldest first, so the overdue ones lead), and the paid history of each contract apart, to be
//! shown collapsed.

use serde::{Deserialize, Serialize};

use super::model::{InstallmentLine, InstallmentStatus};
use crate::br::Centavos;

/// One contract's installments due in one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstallmentGroup {
    pub contract_number: String,
    pub year: String,
    pub lines: Vec<InstallmentLine>,
    /// The sum of the lines' amounts.
    pub total: Centavos,
    /// The contract's first year still to pay (overdue and next due): shown open, the later
    /// ones collapsed.
    pub current: bool,
}

/// The paid installments of one contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaidHistory {
    pub contract_number: String,
    pub count: usize,
    /// What was actually paid (the paid amount where known, else the installment's).
    pub total: Centavos,
    pub groups: Vec<InstallmentGroup>,
}

/// The page's list, split for reading.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstallmentSections {
    pub to_pay: Vec<InstallmentGroup>,
    pub paid: Vec<PaidHistory>,
}

impl InstallmentSections {
    pub fn of(lines: &[InstallmentLine]) -> Self {
        let (paid, to_pay): (Vec<&InstallmentLine>, Vec<&InstallmentLine>) =
            lines.iter().partition(|line| line.status == InstallmentStatus::Paid);
        let mut histories: Vec<PaidHistory> = Vec::new();
        for group in groups_of(paid) {
            let total: Centavos =
                group.lines.iter().map(|line| line.paid_amount.unwrap_or(line.amount)).sum();
            match histories.last_mut() {
                Some(history) if history.contract_number == group.contract_number => {
                    history.count += group.lines.len();
                    history.total = history.total + total;
                    history.groups.push(group);
                }
                _ => histories.push(PaidHistory {
                    contract_number: group.contract_number.clone(),
                    count: group.lines.len(),
                    total,
                    groups: vec![group],
                }),
            }
        }
        let mut to_pay = groups_of(to_pay);
        for index in 0..to_pay.len() {
            to_pay[index].current =
                index == 0 || to_pay[index - 1].contract_number != to_pay[index].contract_number;
        }
        Self { to_pay, paid: histories }
    }
}

/// Consecutive runs of one contract and year, after sorting by contract, due date and number.
fn groups_of(mut lines: Vec<&InstallmentLine>) -> Vec<InstallmentGroup> {
    lines.sort_by(|a, b| {
        (&a.contract_number, &a.due_iso, a.number).cmp(&(&b.contract_number, &b.due_iso, b.number))
    });
    let mut groups: Vec<InstallmentGroup> = Vec::new();
    for line in lines {
        let year = line.due_iso.get(..4).unwrap_or_default();
        match groups.last_mut() {
            Some(group) if group.contract_number == line.contract_number && group.year == year => {
                group.total = group.total + line.amount;
                group.lines.push(line.clone())
            }
            _ => groups.push(InstallmentGroup {
                contract_number: line.contract_number.clone(),
                year: year.to_string(),
                lines: vec![line.clone()],
                total: line.amount,
                current: false,
            }),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(
        contract: &str,
        number: i64,
        due_iso: &str,
        status: InstallmentStatus,
        amount: i64,
    ) -> InstallmentLine {
        InstallmentLine {
            id: number,
            contract_id: 1,
            contract_number: contract.to_string(),
            number,
            kind: "mensal".to_string(),
            due_on: String::new(),
            due_iso: due_iso.to_string(),
            amount: Centavos(amount),
            original: Centavos(amount),
            correction: Centavos(0),
            paid_on: None,
            paid_amount: (status == InstallmentStatus::Paid).then_some(Centavos(amount + 1)),
            status,
            is_next: false,
        }
    }

    #[test]
    fn what_is_to_pay_is_grouped_by_contract_and_year_and_the_paid_ones_apart() {
        use InstallmentStatus::*;
        let lines = vec![
            line("B-2", 1, "2026-03-10", Open, 100),
            line("A-1", 3, "2027-01-10", Open, 100),
            line("A-1", 2, "2026-12-10", Open, 100),
            line("A-1", 1, "2026-11-10", Overdue, 100),
            line("A-1", 0, "2025-10-10", Paid, 100),
            line("B-2", 0, "2025-12-10", Paid, 200),
            line("A-1", 9, "2026-01-10", Paid, 300),
        ];
        let sections = InstallmentSections::of(&lines);
        let heads: Vec<(String, String, Vec<i64>)> = sections
            .to_pay
            .iter()
            .map(|group| {
                (
                    group.contract_number.clone(),
                    group.year.clone(),
                    group.lines.iter().map(|line| line.number).collect(),
                )
            })
            .collect();
        assert_eq!(
            heads,
            vec![
                ("A-1".to_string(), "2026".to_string(), vec![1, 2]),
                ("A-1".to_string(), "2027".to_string(), vec![3]),
                ("B-2".to_string(), "2026".to_string(), vec![1]),
            ]
        );
        let current: Vec<bool> = sections.to_pay.iter().map(|group| group.current).collect();
        assert_eq!(current, [true, false, true], "each contract's first year to pay is the current one");
        assert_eq!(sections.to_pay[0].total, Centavos(200));
        assert_eq!(sections.paid.len(), 2);
        assert_eq!(sections.paid[0].contract_number, "A-1");
        assert_eq!(sections.paid[0].count, 2);
        assert_eq!(sections.paid[0].total, Centavos(101 + 301), "what was paid, not what was billed");
        assert_eq!(
            sections.paid[0].groups.iter().map(|group| group.year.as_str()).collect::<Vec<_>>(),
            ["2025", "2026"]
        );
        assert_eq!(sections.paid[1].total, Centavos(201));
        assert_eq!(InstallmentSections::of(&[]), InstallmentSections::default());
    }
}
