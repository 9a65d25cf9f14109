//! Each buyer's part of a contract, when it is not equal parts: what the informe for the income
//! tax states each buyer may declare. Set by staff (the back office calls this), audited.

use crate::audit::Actor;
use crate::store::StoreError;
use crate::Portal;

/// Why a set of parts was refused, as a sentence for the staff form.
#[derive(Debug, thiserror::Error)]
pub enum ShareError {
    #[error("Contrato não encontrado.")]
    ContractNotFound,
    #[error("Informe a parte de cada comprador do contrato, uma vez cada.")]
    PartiesMismatch,
    #[error("Cada parte vai de 0,01 % a 100 %.")]
    OutOfRange,
    #[error("As partes somam {0}: devem somar 100 %.")]
    NotWhole(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A buyer of a contract with the part staff set (`None`: equal parts).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PartyShare {
    pub person_id: i64,
    pub name: String,
    pub role: String,
    pub share_basis_points: Option<i64>,
}

impl Portal {
    /// The buyers of a contract and their parts, titular first (the staff form lists them).
    pub async fn contract_shares(&self, contract_id: i64) -> Result<Vec<PartyShare>, ShareError> {
        let parties = self.store.party_shares_of_contract(contract_id).await?;
        if parties.is_empty() {
            return Err(ShareError::ContractNotFound);
        }
        Ok(parties)
    }

    /// Sets the parts (`person_id`, hundredths of a percent) of every buyer of the contract;
    /// they must add up to 100 %. `None` returns the contract to equal parts.
    pub async fn set_party_shares(
        &self,
        contract_id: i64,
        shares: Option<&[(i64, u32)]>,
        actor: Actor,
    ) -> Result<(), ShareError> {
        self.set_party_shares_from(contract_id, shares, actor, None).await
    }

    /// [`Portal::set_party_shares`], audited about the contract with the request's IP.
    pub(crate) async fn set_party_shares_from(
        &self,
        contract_id: i64,
        shares: Option<&[(i64, u32)]>,
        actor: Actor,
        ip: Option<&str>,
    ) -> Result<(), ShareError> {
        let mut parties = self.store.party_ids_of_contract(contract_id).await?;
        if parties.is_empty() {
            return Err(ShareError::ContractNotFound);
        }
        let detail = match shares {
            None => {
                self.store
                    .set_party_shares(contract_id, &parties.iter().map(|id| (*id, None)).collect::<Vec<_>>())
                    .await?;
                format!("contrato {contract_id}: partes iguais")
            }
            Some(shares) => {
                let mut given: Vec<i64> = shares.iter().map(|(person, _)| *person).collect();
                given.sort_unstable();
                parties.sort_unstable();
                if given != parties {
                    return Err(ShareError::PartiesMismatch);
                }
                if shares.iter().any(|(_, part)| !(1..=10_000).contains(part)) {
                    return Err(ShareError::OutOfRange);
                }
                let sum: u32 = shares.iter().map(|(_, part)| part).sum();
                if sum != 10_000 {
                    return Err(ShareError::NotWhole(crate::finance::income_report::percent_label(sum)));
                }
                let rows: Vec<(i64, Option<i64>)> =
                    shares.iter().map(|(person, part)| (*person, Some(i64::from(*part)))).collect();
                self.store.set_party_shares(contract_id, &rows).await?;
                let parts: Vec<String> = shares
                    .iter()
                    .map(|(person, part)| {
                        format!("pessoa {person}: {}", crate::finance::income_report::percent_label(*part))
                    })
                    .collect();
                format!("contrato {contract_id}: {}", parts.join(", "))
            }
        };
        self.store
            .record_audit_about(
                self.now(),
                actor,
                "contract_shares_set",
                ip,
                &format!("contract:{contract_id}"),
                &detail,
            )
            .await?;
        Ok(())
    }
}

impl crate::store::Store {
    pub(crate) async fn party_shares_of_contract(
        &self,
        contract_id: i64,
    ) -> Result<Vec<PartyShare>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT cp.person_id, p.name, cp.role, cp.share_basis_points FROM contract_party cp \
             JOIN person p ON p.id = cp.person_id WHERE cp.contract_id = $1 \
             ORDER BY CASE cp.role WHEN 'titular' THEN 0 ELSE 1 END, p.name",
        )
        .bind(contract_id)
        .fetch_all(&self.pool)
        .await?)
    }

    pub(crate) async fn party_ids_of_contract(&self, contract_id: i64) -> Result<Vec<i64>, StoreError> {
        let rows: Vec<(i64,)> = sqlx::query_as("SELECT person_id FROM contract_party WHERE contract_id = $1")
            .bind(contract_id)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }

    /// All of a contract's parts in one transaction: never half of them changed.
    pub(crate) async fn set_party_shares(
        &self,
        contract_id: i64,
        shares: &[(i64, Option<i64>)],
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        for (person_id, share) in shares {
            sqlx::query(
                "UPDATE contract_party SET share_basis_points = $3 WHERE contract_id = $1 AND person_id = $2",
            )
            .bind(contract_id)
            .bind(person_id)
            .bind(share)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
