use sqlx::FromRow;

use crate::paging::{PageOf, PageRequest};
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
    /// The payment position, summed in SQL (see [`CONTRACT_COLUMNS`]).
    pub paid_cents: i64,
    pub installments_paid: i64,
    pub installments_open: i64,
    pub installments_overdue: i64,
    pub overdue_cents: i64,
    pub next_due_id: Option<i64>,
    pub next_due_on: Option<String>,
    pub next_due_cents: Option<i64>,
}

#[derive(Debug, FromRow)]
pub(crate) struct PartyRow {
    pub person_id: i64,
    pub name: String,
    pub role: String,
    pub document: String,
    /// Hundredths of a percent, when staff set the parts.
    pub share_basis_points: Option<i64>,
}

impl PartyRow {
    /// The part staff set, as the domain counts it (a stored value out of range counts as unset).
    pub fn share_basis_points(&self) -> Option<u32> {
        self.share_basis_points.and_then(|share| u32::try_from(share).ok())
    }
}

/// `$1` is the person, `$2` today (`aaaa-mm-dd`). The payment position is summed per contract in
/// the same statement (correlated subqueries over the `(contract_id, number)` index), so a page
/// reads a few numbers instead of every installment. PostgreSQL's SUM of BIGINT is NUMERIC:
/// hence the casts.
const CONTRACT_COLUMNS: &str = "\
    c.id AS contract_id, c.number, c.status, cp.role, c.signed_on, c.total_cents, \
    d.id AS development_id, d.name AS development_name, d.address, d.city, d.state, d.stage, \
    d.progress_percent, d.expected_delivery, d.delivered_on, \
    CASE WHEN EXISTS (SELECT 1 FROM development_syndic ds \
        WHERE ds.development_id = d.id AND ds.person_id = cp.person_id) THEN 1 ELSE 0 END AS is_syndic, \
    u.id AS unit_id, b.name AS block_name, u.number AS unit_number, u.floor, u.kind AS unit_kind, \
    u.private_area_centi_m2, u.parking_spaces, \
    CAST(COALESCE((SELECT SUM(i.paid_cents) FROM installment i WHERE i.contract_id = c.id), 0) AS BIGINT) \
        AS paid_cents, \
    (SELECT COUNT(*) FROM installment i WHERE i.contract_id = c.id AND i.paid_on IS NOT NULL) \
        AS installments_paid, \
    (SELECT COUNT(*) FROM installment i WHERE i.contract_id = c.id AND i.paid_on IS NULL) \
        AS installments_open, \
    (SELECT COUNT(*) FROM installment i WHERE i.contract_id = c.id AND i.paid_on IS NULL AND i.due_on < $2) \
        AS installments_overdue, \
    CAST(COALESCE((SELECT SUM(i.amount_cents + i.correction_cents) FROM installment i \
        WHERE i.contract_id = c.id AND i.paid_on IS NULL AND i.due_on < $2), 0) AS BIGINT) AS overdue_cents, \
    nx.id AS next_due_id, nx.due_on AS next_due_on, nx.amount_cents + nx.correction_cents AS next_due_cents \
    FROM contract_party cp \
    JOIN contract c ON c.id = cp.contract_id \
    JOIN unit u ON u.id = c.unit_id \
    JOIN development d ON d.id = u.development_id \
    LEFT JOIN block b ON b.id = u.block_id \
    LEFT JOIN installment nx ON nx.id = (SELECT i.id FROM installment i \
        WHERE i.contract_id = c.id AND i.paid_on IS NULL AND i.due_on >= $2 ORDER BY i.due_on, i.number LIMIT 1)";

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

    /// The person's contracts with their payment position on `today`; the person filter is part
    /// of the query itself.
    pub(crate) async fn contracts_of_person(
        &self,
        person_id: i64,
        today: &str,
    ) -> Result<Vec<ContractRow>, StoreError> {
        let sql = format!("SELECT {CONTRACT_COLUMNS} WHERE cp.person_id = $1 ORDER BY d.name, c.number");
        Ok(sqlx::query_as(&sql).bind(person_id).bind(today).fetch_all(&self.pool).await?)
    }

    /// One page of the person's contracts, in the order of [`Store::contracts_of_person`].
    pub(crate) async fn contract_page_of_person(
        &self,
        person_id: i64,
        today: &str,
        page: PageRequest,
    ) -> Result<PageOf<ContractRow>, StoreError> {
        let sql = format!(
            "SELECT {CONTRACT_COLUMNS} WHERE cp.person_id = $1 ORDER BY d.name, c.number LIMIT $3 OFFSET $4"
        );
        self.page_of_person_with(
            "SELECT COUNT(*) FROM contract_party WHERE person_id = $1",
            &sql,
            person_id,
            &[today],
            page,
        )
        .await
    }

    /// True when the person is party to a contract of a unit of the empreendimento.
    pub(crate) async fn buys_in_development(
        &self,
        person_id: i64,
        development_id: i64,
    ) -> Result<bool, StoreError> {
        let found: Option<(i64,)> = sqlx::query_as(
            "SELECT u.id FROM unit u JOIN contract c ON c.unit_id = u.id \
             JOIN contract_party cp ON cp.contract_id = c.id \
             WHERE cp.person_id = $1 AND u.development_id = $2 LIMIT 1",
        )
        .bind(person_id)
        .bind(development_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(found.is_some())
    }

    /// One contract with its payment position on `today`, only if the person is a party to it.
    pub(crate) async fn contract_of_person(
        &self,
        person_id: i64,
        contract_id: i64,
        today: &str,
    ) -> Result<Option<ContractRow>, StoreError> {
        let sql = format!("SELECT {CONTRACT_COLUMNS} WHERE cp.person_id = $1 AND c.id = $3");
        Ok(sqlx::query_as(&sql)
            .bind(person_id)
            .bind(today)
            .bind(contract_id)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// The parties of a contract the person belongs to (empty otherwise).
    pub(crate) async fn parties_visible_to(
        &self,
        person_id: i64,
        contract_id: i64,
    ) -> Result<Vec<PartyRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT p.id AS person_id, p.name, other.role, p.document, other.share_basis_points \
             FROM contract_party mine \
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

impl Store {
    pub(crate) async fn insert_block(&self, development_id: i64, name: &str) -> Result<i64, StoreError> {
        self.insert_returning_id(
            sqlx::query_as("INSERT INTO block (development_id, name) VALUES ($1, $2) RETURNING id")
                .bind(development_id)
                .bind(name),
        )
        .await
    }
}
