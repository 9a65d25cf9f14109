//! The informe de pagamentos for the income-tax declaration (IRPF): per contract, what was paid
//! in the year and in total up to 31/12 of the year before and of the year (the two values that
//! go into Bens e Direitos), and each buyer's part of them. Parts are those staff set for the
//! contract (when every buyer has one and they add up to 100 %), otherwise equal; the remainder
//! of a division in centavos goes to the first buyers, so the parts add up to the whole.

use crate::br::Centavos;

/// A payment of a contract's installment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportPayment {
    /// `aaaa-mm-dd`.
    pub paid_on: String,
    pub amount: Centavos,
    /// Of `amount`, the monetary correction of the installment.
    pub correction: Centavos,
    /// Of `amount`, multa and juros.
    pub charges: Centavos,
}

/// A buyer of the contract, titular first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportParty {
    pub name: String,
    pub titular: bool,
    /// Whom the informe is for.
    pub me: bool,
    /// The part staff set, in hundredths of a percent.
    pub share_basis_points: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportContract {
    pub number: String,
    /// `dd/mm/aaaa`.
    pub signed_on: String,
    pub total: Centavos,
    /// Empreendimento and unit, as the declaration describes the property.
    pub property: String,
    /// Street, number, city and state.
    pub address: String,
    /// The seller's name and CNPJ.
    pub seller: String,
    pub parties: Vec<ReportParty>,
    pub payments: Vec<ReportPayment>,
}

/// One contract's figures for a year, whole and the reader's part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearFigures {
    pub paid_in_year: Centavos,
    pub paid_until_previous_year: Centavos,
    pub paid_until_year: Centavos,
    /// Of what was paid in the year, the monetary correction, and multa and juros.
    pub correction_in_year: Centavos,
    pub charges_in_year: Centavos,
}

impl ReportContract {
    /// The contract's figures for `year`.
    pub fn figures(&self, year: i32) -> YearFigures {
        let start = format!("{year:04}-01-01");
        let end = format!("{year:04}-12-31");
        let in_year = |day: &str| day >= start.as_str() && day <= end.as_str();
        let sum = |keep: &dyn Fn(&str) -> bool| -> Centavos {
            self.payments.iter().filter(|payment| keep(&payment.paid_on)).map(|payment| payment.amount).sum()
        };
        YearFigures {
            paid_in_year: sum(&in_year),
            correction_in_year: self
                .payments
                .iter()
                .filter(|payment| in_year(&payment.paid_on))
                .map(|payment| payment.correction)
                .sum(),
            charges_in_year: self
                .payments
                .iter()
                .filter(|payment| in_year(&payment.paid_on))
                .map(|payment| payment.charges)
                .sum(),
            paid_until_previous_year: sum(&|day| day < start.as_str()),
            paid_until_year: sum(&|day| day <= end.as_str()),
        }
    }

    /// The parts staff set, when every party has one and they add up to 100 %.
    fn set_shares(&self) -> Option<Vec<u32>> {
        whole_shares(self.parties.iter().map(|party| party.share_basis_points))
    }

    /// Party `index`'s part of `whole`.
    fn part_of(&self, whole: Centavos, index: usize) -> Centavos {
        if self.parties.len() <= 1 {
            return whole;
        }
        match self.set_shares() {
            Some(shares) => {
                let floor = |share: u32| Centavos(whole.0 * i64::from(share) / 10_000);
                let remainder = whole.0 - shares.iter().map(|share| floor(*share).0).sum::<i64>();
                Centavos(floor(shares[index]).0 + i64::from((index as i64) < remainder))
            }
            None => equal_part(whole, self.parties.len(), index),
        }
    }

    /// Party `index`'s part as a percentage: `25 %`, `33,33 %`.
    pub fn share_label_of(&self, index: usize) -> String {
        match self.set_shares() {
            Some(shares) => percent_label(shares[index]),
            None => share_label(self.parties.len()),
        }
    }

    /// The reader's part of `figures`, or the whole when they are not among the parties.
    pub fn my_part(&self, figures: YearFigures) -> YearFigures {
        let index = self.parties.iter().position(|party| party.me).unwrap_or(0);
        let part = |whole: Centavos| self.part_of(whole, index);
        YearFigures {
            paid_in_year: part(figures.paid_in_year),
            paid_until_previous_year: part(figures.paid_until_previous_year),
            paid_until_year: part(figures.paid_until_year),
            correction_in_year: part(figures.correction_in_year),
            charges_in_year: part(figures.charges_in_year),
        }
    }
}

/// The parts staff set for a contract's buyers (hundredths of a percent, in party order), when
/// every buyer has one and they add up to 100 %; otherwise `None` (equal parts). The one rule
/// the informe and the contract page both follow.
pub fn whole_shares(shares: impl IntoIterator<Item = Option<u32>>) -> Option<Vec<u32>> {
    let shares: Option<Vec<u32>> = shares.into_iter().collect();
    shares.filter(|shares| shares.iter().sum::<u32>() == 10_000)
}

/// Party `index` of `parties` equal parts of `whole`: the first `whole % parties` parts get
/// one centavo more, so that the parts add up to the whole.
pub fn equal_part(whole: Centavos, parties: usize, index: usize) -> Centavos {
    let parties = parties.max(1) as i64;
    let base = whole.0 / parties;
    let extra = i64::from((index as i64) < whole.0 % parties);
    Centavos(base + extra)
}

/// `50 %`, `33,33 %`: one of `parties` equal parts, as a percentage with two decimals at most.
pub fn share_label(parties: usize) -> String {
    percent_label(10_000 / parties.max(1) as u32)
}

/// `5000` hundredths → `50 %`; `1250` → `12,50 %`.
pub fn percent_label(basis_points: u32) -> String {
    if basis_points.is_multiple_of(100) {
        format!("{} %", basis_points / 100)
    } else {
        format!("{},{:02} %", basis_points / 100, basis_points % 100)
    }
}

/// The informe's lines for the PDF: `buyer` is the reader's name and document, `issued_on`
/// `dd/mm/aaaa`. Contracts without any payment up to 31/12 of `year` are left out.
pub fn report_lines(year: i32, issued_on: &str, buyer: &str, contracts: &[ReportContract]) -> Vec<String> {
    let mut lines = vec![
        format!("Ano-calendário {year} · emitido em {issued_on}"),
        format!("Comprador: {buyer}"),
        String::new(),
    ];
    for contract in contracts {
        let whole = contract.figures(year);
        if whole.paid_until_year == Centavos(0) {
            continue;
        }
        let mine = contract.my_part(whole);
        let reader = contract.parties.iter().position(|party| party.me).unwrap_or(0);
        let share = contract.share_label_of(reader);
        lines.push(format!("Contrato {}, assinado em {}", contract.number, contract.signed_on));
        lines.push(format!("Vendedor: {}", contract.seller));
        lines.push(format!("Imóvel: {}", contract.property));
        lines.push(format!("Endereço: {}", contract.address));
        lines.push(format!("Valor do contrato: {}", contract.total));
        // One buyer a line: the PDF does not wrap, and names can be long.
        for (index, party) in contract.parties.iter().enumerate() {
            let role = if party.titular { "titular" } else { "cocomprador(a)" };
            let lead = if index == 0 { "Compradores:" } else { "            " };
            lines.push(format!("{lead} {} ({role}, {})", party.name, contract.share_label_of(index)));
        }
        let several = contract.parties.len() > 1;
        let figure = |label: String, whole: Centavos, mine: Centavos| {
            if several {
                format!("{label}: {whole} no contrato · sua parte ({share}): {mine}")
            } else {
                format!("{label}: {whole}")
            }
        };
        lines.push(figure(format!("Pago em {year}"), whole.paid_in_year, mine.paid_in_year));
        if whole.correction_in_year != Centavos(0) || whole.charges_in_year != Centavos(0) {
            let principal = |figures: YearFigures| {
                figures.paid_in_year - figures.correction_in_year - figures.charges_in_year
            };
            lines.push(figure("  principal".into(), principal(whole), principal(mine)));
            lines.push(figure(
                "  correção monetária".into(),
                whole.correction_in_year,
                mine.correction_in_year,
            ));
            if whole.charges_in_year != Centavos(0) {
                lines.push(figure("  multa e juros".into(), whole.charges_in_year, mine.charges_in_year));
            }
        }
        lines.push(figure(
            format!("Total pago até 31/12/{}", year - 1),
            whole.paid_until_previous_year,
            mine.paid_until_previous_year,
        ));
        lines.push(figure(
            format!("Total pago até 31/12/{year}"),
            whole.paid_until_year,
            mine.paid_until_year,
        ));
        lines.push(format!(
            "Em Bens e Direitos: situação em 31/12/{} {} · em 31/12/{year} {}",
            year - 1,
            mine.paid_until_previous_year,
            mine.paid_until_year
        ));
        lines.push(String::new());
    }
    lines.push("Valores pagos à vendedora pelo imóvel, conforme os registros da construtora.".into());
    lines.push("Cada comprador declara a sua parte; na dúvida, consulte seu contador.".into());
    lines
}

// Amounts in centavos are written `reais_centavos` (1_000_01 is R$ 1.000,01).
#[allow(clippy::inconsistent_digit_grouping)]
#[cfg(test)]
mod tests {
    use super::*;

    fn payment(paid_on: &str, cents: i64) -> ReportPayment {
        ReportPayment {
            paid_on: paid_on.to_string(),
            amount: Centavos(cents),
            correction: Centavos(0),
            charges: Centavos(0),
        }
    }

    fn contract(parties: usize, me: usize) -> ReportContract {
        ReportContract {
            number: "HZ-1".into(),
            signed_on: "15/03/2024".into(),
            total: Centavos(100_000_00),
            property: "Residencial X · Apto 1".into(),
            address: "Rua A, 1, Curitiba/PR".into(),
            seller: "Construtora · CNPJ 12.345.678/0001-95".into(),
            parties: (0..parties)
                .map(|index| ReportParty {
                    name: format!("P{index}"),
                    titular: index == 0,
                    me: index == me,
                    share_basis_points: None,
                })
                .collect(),
            payments: vec![
                payment("2024-03-15", 20_000_00),
                payment("2024-12-31", 1_000_01),
                payment("2025-01-01", 1_000_00),
                payment("2025-12-31", 1_000_00),
                payment("2026-01-10", 1_000_00),
            ],
        }
    }

    #[test]
    fn a_worked_example_split_between_two_buyers() {
        let contract = contract(2, 1);
        let whole = contract.figures(2025);
        assert_eq!(whole.paid_in_year, Centavos(2_000_00), "1 January and 31 December count");
        assert_eq!(whole.paid_until_previous_year, Centavos(21_000_01));
        assert_eq!(whole.paid_until_year, Centavos(23_000_01), "not the 2026 payment");
        let second = contract.my_part(whole);
        assert_eq!(second.paid_in_year, Centavos(1_000_00));
        assert_eq!(second.paid_until_previous_year, Centavos(10_500_00), "the odd centavo goes to the first");
        let first = ReportContract {
            parties: contract.parties.iter().map(|p| ReportParty { me: p.titular, ..p.clone() }).collect(),
            ..contract.clone()
        }
        .my_part(whole);
        assert_eq!(
            first.paid_until_previous_year + second.paid_until_previous_year,
            whole.paid_until_previous_year
        );

        let lines = report_lines(2025, "02/12/2026", "P1 · CPF 111.444.777-35", &[contract]);
        assert!(lines.contains(&"Compradores: P0 (titular, 50 %)".to_string()), "{lines:?}");
        assert!(lines.contains(&"             P1 (cocomprador(a), 50 %)".to_string()), "{lines:?}");
        assert!(lines
            .contains(&"Pago em 2025: R$ 2.000,00 no contrato · sua parte (50 %): R$ 1.000,00".to_string()));
        assert!(lines.contains(
            &"Em Bens e Direitos: situação em 31/12/2024 R$ 10.500,00 · em 31/12/2025 R$ 11.500,00"
                .to_string()
        ));
        assert_eq!(lines[0], "Ano-calendário 2025 · emitido em 02/12/2026");
    }

    #[test]
    fn a_sole_buyer_declares_the_whole_and_parts_add_up() {
        let sole = contract(1, 0);
        let figures = sole.figures(2024);
        assert_eq!(sole.my_part(figures), figures);
        let lines = report_lines(2024, "02/12/2026", "P0", &[sole]);
        assert!(lines.contains(&"Pago em 2024: R$ 21.000,01".to_string()), "{lines:?}");
        for parties in 1..=7 {
            let whole = Centavos(1_000_03);
            let sum: Centavos = (0..parties).map(|index| equal_part(whole, parties, index)).sum();
            assert_eq!(sum, whole, "{parties} parts");
        }
        assert_eq!(share_label(3), "33,33 %");
        assert_eq!(share_label(4), "25 %");
        // Nothing paid up to that year: the contract is left out.
        assert!(!report_lines(2023, "02/12/2026", "P0", &[contract(1, 0)])
            .iter()
            .any(|line| line.starts_with("Contrato")));
    }

    #[test]
    fn parts_staff_set_replace_equal_ones_only_when_they_add_up() {
        let mut contract = contract(3, 2);
        for (party, share) in contract.parties.iter_mut().zip([6_000, 2_500, 1_500]) {
            party.share_basis_points = Some(share);
        }
        let whole = contract.figures(2025);
        // 15 % of R$ 21.000,01 is R$ 3.150,0015: R$ 3.150,00; the centavo left goes to the first.
        assert_eq!(contract.my_part(whole).paid_until_previous_year, Centavos(3_150_00));
        let parts: Centavos =
            (0..3).map(|index| contract.part_of(whole.paid_until_previous_year, index)).sum();
        assert_eq!(parts, whole.paid_until_previous_year);
        assert_eq!(contract.part_of(whole.paid_until_previous_year, 0), Centavos(12_600_01));
        let lines = report_lines(2025, "02/12/2026", "P2", &[contract.clone()]);
        assert!(lines.contains(&"Compradores: P0 (titular, 60 %)".to_string()), "{lines:?}");
        assert!(lines.contains(&"             P2 (cocomprador(a), 15 %)".to_string()), "{lines:?}");
        assert!(lines.iter().any(|line| line.contains("sua parte (15 %)")), "{lines:?}");

        // One part missing, or parts that do not add up: equal parts, as before.
        contract.parties[1].share_basis_points = None;
        assert_eq!(contract.share_label_of(2), "33,33 %");
        contract.parties[1].share_basis_points = Some(2_000);
        assert_eq!(contract.share_label_of(2), "33,33 %");
        assert_eq!(percent_label(1_250), "12,50 %");
    }
}
