//! Demo correction indices: illustrative monthly values (not FGV's or IBGE's: labelled
//! "demonstração" on the staff page), and one contract corrected by INCC-M, then IPCA after
//! the keys.

use time::Date;

use crate::br::Centavos;
use crate::finance::correction::{corrected_amount, CorrectionRule, IndexCode, Month};
use crate::finance::correction_store::Recompute;
use crate::store::StoreError;
use crate::Portal;

/// Monthly variations in hundredths of a percent, repeated month after month.
/// Each index: its first value, how many micro-units its published decimals keep (INCC-M and
/// IGP-M three decimals, IPCA two), and its variations.
const VARIATIONS: [(IndexCode, i64, i64, [i64; 6]); 3] = [
    (IndexCode::InccM, 1_100_000_000, 1_000, [42, 57, 61, 38, 71, 49]),
    (IndexCode::Ipca, 7_000_000_000, 10_000, [44, 39, 16, 52, 28, 31]),
    (IndexCode::IgpM, 1_150_000_000, 1_000, [61, -12, 35, 87, 20, 44]),
];

impl Portal {
    /// Values from `first` to the month before `today`, and `contract` corrected from `first`,
    /// switching to IPCA from `switch_on`'s month.
    pub(super) async fn demo_indices(
        &self,
        first: Date,
        today: Date,
        contract: i64,
        switch_on: Date,
    ) -> Result<(), StoreError> {
        let (start, end) = (Month::of_date(first), Month::of_date(today).plus(-1));
        let mut values = Vec::new();
        for (index, base, precision, variations) in VARIATIONS {
            let (mut month, mut value, mut step) = (start, base, 0);
            while month <= end {
                values.push((index, month, value));
                value += value * variations[step % variations.len()] / 10_000;
                value = (value + precision / 2) / precision * precision;
                month = month.plus(1);
                step += 1;
            }
        }
        self.store.save_index_values(&values, self.now(), None).await?;
        let rule = CorrectionRule {
            index: IndexCode::InccM,
            base: start,
            switch: Some((IndexCode::Ipca, Month::of_date(switch_on))),
        };
        self.store.set_contract_correction(contract, Some(&rule)).await?;
        self.store.recompute_corrections(Recompute::Contract(contract)).await?;
        // The installments the demo buyer already paid were paid corrected too.
        let known = self.store.index_values().await?;
        let paid: Vec<(i64, String, i64)> = sqlx::query_as(
            "SELECT id, due_on, amount_cents FROM installment WHERE contract_id = $1 AND paid_on IS NOT NULL",
        )
        .bind(contract)
        .fetch_all(&self.store.pool)
        .await?;
        for (id, due_on, amount) in paid {
            let Some(due) = crate::time_br::parse_iso_date(&due_on).map(Month::of_date) else { continue };
            let correction = corrected_amount(Centavos(amount), due, &rule, &known).correction.0;
            sqlx::query("UPDATE installment SET correction_cents = $2, paid_cents = $3 WHERE id = $1")
                .bind(id)
                .bind(correction)
                .bind(amount + correction)
                .execute(&self.store.pool)
                .await?;
        }
        Ok(())
    }
}
