use sqlx::FromRow;

use crate::store::{Store, StoreError};

/// One contract of a buyer with its unit and empreendimento, as one row.
#[derive(Debug, FromRow)]
pub(crate) struct ContractRow {
    pub contract_id: i64,
    pub number: String,
    pub status: String,
    pub role: String,
    pub signed_on: String,
    pub total_cents: i64,
    pub development_id: i64,
    pub development_name: String,
    pub address: String,
    pub city: String,
    pub state: String,
    pub stage: String,
    pub progress_percent: i64,
    pub expected_delivery: Option<String>,
    pub delivered_on: Option<String>,
    pub is_syndic: i64,
    pub unit_id: i64,
    pub block_name: Option<String>,
    pub unit_number: String,
    pub floor: i64,
    pub unit_kind: String,
    pub private_area_centi_m2: i64,
    pub parking_spaces: i64,
}

#[derive(Debug, FromRow)]
pub(crate) struct InstallmentRow {
    pub contract_id: i64,
    pub due_on: String,
    pub amount_cents: i64,
    pub paid_cents: Option<i64>,
    pub paid_on: Option<String>,
}

#[derive(Debug, FromRow)]
pub(crate) struct PartyRow {
    pub name: String,
    pub role: String,
    pub document: String,
}

const CONTRACT_COLUMNS: &str = "\
    c.id AS contract_id, c.number, c.status, cp.role, c.signed_on, c.total_cents, \
    d.id AS development_id, d.name AS development_name, d.address, d.city, d.state, d.stage, \
    d.progress_percent, d.expected_delivery, d.delivered_on, \
    CASE WHEN EXISTS (SELECT 1 FROM development_syndic ds \
        WHERE ds.development_id = d.id AND ds.person_id = cp.person_id) THEN 1 ELSE 0 END AS is_syndic, \
    u.id AS unit_id, b.name AS block_name, u.number AS unit_number, u.floor, u.kind AS unit_kind, \
    u.private_area_centi_m2, u.parking_spaces \
    FROM contract_party cp \
    JOIN contract c ON c.id = cp.contract_id \
    JOIN unit u ON u.id = c.unit_id \
    JOIN development d ON d.id = u.development_id \
    LEFT JOIN block b ON b.id = u.block_id";

#[derive(Debug, FromRow)]
pub(crate) struct StageRow {
    pub development_id: i64,
    pub name: String,
    pub percent: i64,
}

impl Store {
    /// Construction stages of the empreendimentos the person buys in.
    pub(crate) async fn stages_visible_to(&self, person_id: i64) -> Result<Vec<StageRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT s.development_id, s.name, s.percent FROM development_stage s WHERE s.development_id IN \
             (SELECT u.development_id FROM unit u JOIN contract c ON c.unit_id = u.id \
              JOIN contract_party cp ON cp.contract_id = c.id WHERE cp.person_id = $1) \
             ORDER BY s.development_id, s.position",
        )
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The person's contracts; the person filter is part of the query itself.
    pub(crate) async fn contracts_of_person(&self, person_id: i64) -> Result<Vec<ContractRow>, StoreError> {
        let sql = format!("SELECT {CONTRACT_COLUMNS} WHERE cp.person_id = $1 ORDER BY d.name, c.number");
        Ok(sqlx::query_as(&sql).bind(person_id).fetch_all(&self.pool).await?)
    }

    /// One contract, only if the person is a party to it.
    pub(crate) async fn contract_of_person(
        &self,
        person_id: i64,
        contract_id: i64,
    ) -> Result<Option<ContractRow>, StoreError> {
        let sql = format!("SELECT {CONTRACT_COLUMNS} WHERE cp.person_id = $1 AND c.id = $2");
        Ok(sqlx::query_as(&sql).bind(person_id).bind(contract_id).fetch_optional(&self.pool).await?)
    }

    /// Installments of every contract the person is party to.
    pub(crate) async fn installments_of_person(
        &self,
        person_id: i64,
    ) -> Result<Vec<InstallmentRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT i.contract_id, i.due_on, i.amount_cents, i.paid_cents, i.paid_on \
             FROM installment i JOIN contract_party cp ON cp.contract_id = i.contract_id \
             WHERE cp.person_id = $1 \
             ORDER BY i.due_on, i.number",
        )
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The parties of a contract the person belongs to (empty otherwise).
    pub(crate) async fn parties_visible_to(
        &self,
        person_id: i64,
        contract_id: i64,
    ) -> Result<Vec<PartyRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT p.name, other.role, p.document FROM contract_party mine \
             JOIN contract_party other ON other.contract_id = mine.contract_id \
             JOIN person p ON p.id = other.person_id \
             WHERE mine.person_id = $1 AND mine.contract_id = $2 \
             ORDER BY CASE other.role WHEN 'titular' THEN 0 ELSE 1 END, p.name",
        )
        .bind(person_id)
        .bind(contract_id)
        .fetch_all(&self.pool)
        .await?)
    }
}
