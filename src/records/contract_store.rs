//! SQL of the back office's contracts and installments, the scope applied inside each query.

use sqlx::FromRow;

use super::plan::PlannedInstallment;
use crate::paging::{PageOf, PageRequest};
use crate::staff::store::scope_condition;
use crate::staff::StaffScope;
use crate::store::{Store, StoreError};
use crate::time_br::iso_date;

#[derive(Debug, FromRow)]
pub(crate) struct ContractRecord {
    pub id: i64,
    pub number: String,
    pub unit_id: i64,
    pub development_id: i64,
    pub development: String,
    pub block: Option<String>,
    pub kind: String,
    pub unit_number: String,
    pub status: String,
    pub signed_on: String,
    pub total_cents: i64,
    pub titular: Option<String>,
    pub co_buyers: i64,
}

#[derive(Debug, FromRow)]
pub(crate) struct InstallmentRecord {
    pub id: i64,
    pub contract_id: i64,
    pub number: i64,
    pub kind: String,
    pub due_on: String,
    /// The amount in the contract; `correction_cents` is added by its index.
    pub amount_cents: i64,
    pub correction_cents: i64,
    pub paid_on: Option<String>,
    pub paid_cents: Option<i64>,
    pub bank_status: String,
}

impl InstallmentRecord {
    /// What is owed: the amount corrected by the contract's index.
    pub fn due_cents(&self) -> i64 {
        self.amount_cents + self.correction_cents
    }

    /// Its boleto is at the bank: its due date and amount are the bank's now.
    pub fn at_the_bank(&self) -> bool {
        matches!(self.bank_status.as_str(), "enviado" | "registrado")
    }
}

/// A person who may become a party: id, name, and whether staff confirmed a self-registration.
#[derive(Debug, FromRow)]
pub(crate) struct PartyCandidate {
    pub id: i64,
    pub name: String,
    pub unconfirmed: i64,
}

/// A valid new contract.
pub(crate) struct NewContract<'a> {
    pub number: &'a str,
    pub unit_id: i64,
    pub status: &'a str,
    pub signed_on: &'a str,
    pub total_cents: i64,
    /// Person ids, the titular first.
    pub parties: &'a [i64],
}

const CONTRACT_COLUMNS: &str = "SELECT c.id, c.number, c.unit_id, u.development_id, d.name AS development, \
     b.name AS block, u.kind, u.number AS unit_number, c.status, c.signed_on, c.total_cents, \
     (SELECT p.name FROM contract_party t JOIN person p ON p.id = t.person_id \
      WHERE t.contract_id = c.id AND t.role = 'titular' ORDER BY p.name LIMIT 1) AS titular, \
     (SELECT COUNT(*) FROM contract_party t WHERE t.contract_id = c.id AND t.role <> 'titular') AS co_buyers \
     FROM contract c JOIN unit u ON u.id = c.unit_id JOIN development d ON d.id = u.development_id \
     LEFT JOIN block b ON b.id = u.block_id";

const INSTALLMENT_COLUMNS: &str =
    "SELECT id, contract_id, number, kind, due_on, amount_cents, correction_cents, paid_on, paid_cents, bank_status \
     FROM installment";

impl Store {
    /// One page of the contracts in scope; `search` (already `%…%`, lower case) matches the
    /// number or a party's name, `status` one status (or empty for all); `order` comes from
    /// `paging::order_by`'s whitelist.
    pub(crate) async fn contracts_page(
        &self,
        scope: &StaffScope,
        search: &str,
        status: &str,
        order: &str,
        page: PageRequest,
    ) -> Result<PageOf<ContractRecord>, StoreError> {
        let condition = format!(
            "WHERE {} AND ($1 = '' OR LOWER(c.number) LIKE $1 OR EXISTS (SELECT 1 FROM contract_party s \
             JOIN person sp ON sp.id = s.person_id WHERE s.contract_id = c.id AND LOWER(sp.name) LIKE $1)) \
             AND ($2 = '' OR c.status = $2)",
            scope_condition(scope, "u.development_id")
        );
        let count_sql =
            format!("SELECT COUNT(*) FROM contract c JOIN unit u ON u.id = c.unit_id {condition}");
        let (total,): (i64,) =
            sqlx::query_as(&count_sql).bind(search).bind(status).fetch_one(&self.pool).await?;
        let items_sql = format!("{CONTRACT_COLUMNS} {condition} ORDER BY {order} LIMIT $3 OFFSET $4");
        let items = sqlx::query_as(&items_sql)
            .bind(search)
            .bind(status)
            .bind(page.limit())
            .bind(page.offset())
            .fetch_all(&self.pool)
            .await?;
        Ok(PageOf { items, total })
    }

    pub(crate) async fn contract_for_staff(
        &self,
        scope: &StaffScope,
        contract_id: i64,
    ) -> Result<Option<ContractRecord>, StoreError> {
        let sql =
            format!("{CONTRACT_COLUMNS} WHERE c.id = $1 AND {}", scope_condition(scope, "u.development_id"));
        Ok(sqlx::query_as(&sql).bind(contract_id).fetch_optional(&self.pool).await?)
    }

    pub(crate) async fn installments_of_contract(
        &self,
        contract_id: i64,
    ) -> Result<Vec<InstallmentRecord>, StoreError> {
        let sql = format!("{INSTALLMENT_COLUMNS} WHERE contract_id = $1 ORDER BY due_on, number");
        Ok(sqlx::query_as(&sql).bind(contract_id).fetch_all(&self.pool).await?)
    }

    pub(crate) async fn installment(
        &self,
        installment_id: i64,
    ) -> Result<Option<InstallmentRecord>, StoreError> {
        let sql = format!("{INSTALLMENT_COLUMNS} WHERE id = $1");
        Ok(sqlx::query_as(&sql).bind(installment_id).fetch_optional(&self.pool).await?)
    }

    pub(crate) async fn party_candidate(&self, document: &str) -> Result<Option<PartyCandidate>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, name, CASE WHEN origin IN ('self', 'partner') AND confirmed_at IS NULL THEN 1 ELSE 0 END AS unconfirmed \
             FROM person WHERE document = $1",
        )
        .bind(document)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// The contract, its parties and the unit sold, in one transaction.
    pub(crate) async fn insert_staff_contract(&self, contract: &NewContract<'_>) -> Result<i64, StoreError> {
        let mut tx = self.pool.begin().await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO contract (number, unit_id, status, signed_on, total_cents) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(contract.number)
        .bind(contract.unit_id)
        .bind(contract.status)
        .bind(contract.signed_on)
        .bind(contract.total_cents)
        .fetch_one(&mut *tx)
        .await?;
        for (index, person) in contract.parties.iter().enumerate() {
            sqlx::query("INSERT INTO contract_party (contract_id, person_id, role) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(person)
                .bind(if index == 0 { "titular" } else { "cocomprador" })
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("UPDATE unit SET status = 'vendida' WHERE id = $1")
            .bind(contract.unit_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Changes the status if it is still `from` (two staff changing it at once: one wins); a
    /// distrato makes the unit available again. True when changed.
    pub(crate) async fn set_contract_status(
        &self,
        contract_id: i64,
        unit_id: i64,
        from: &str,
        to: &str,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        let changed = sqlx::query("UPDATE contract SET status = $3 WHERE id = $1 AND status = $2")
            .bind(contract_id)
            .bind(from)
            .bind(to)
            .execute(&mut *tx)
            .await?
            .rows_affected()
            == 1;
        if changed && to == "distratado" {
            sqlx::query("UPDATE unit SET status = 'disponivel' WHERE id = $1")
                .bind(unit_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(changed)
    }

    /// Appends the plan's installments after the contract's last number, all or none.
    pub(crate) async fn append_installments(
        &self,
        contract_id: i64,
        plan: &[PlannedInstallment],
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        let (last,): (i64,) =
            sqlx::query_as("SELECT COALESCE(MAX(number), 0) FROM installment WHERE contract_id = $1")
                .bind(contract_id)
                .fetch_one(&mut *tx)
                .await?;
        for (index, line) in plan.iter().enumerate() {
            let number = last + 1 + index as i64;
            sqlx::query(
                "INSERT INTO installment (contract_id, number, kind, due_on, amount_cents, nosso_numero) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(contract_id)
            .bind(number)
            .bind(&line.kind)
            .bind(iso_date(line.due_on))
            .bind(line.amount_cents)
            .bind(format!("{contract_id:05}{number:05}"))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Changes an installment that has no payment; false if it has one by now.
    pub(crate) async fn update_unpaid_installment(
        &self,
        installment_id: i64,
        kind: &str,
        due_on: &str,
        amount_cents: i64,
    ) -> Result<bool, StoreError> {
        Ok(sqlx::query(
            "UPDATE installment SET kind = $2, due_on = $3, amount_cents = $4 WHERE id = $1 AND paid_on IS NULL",
        )
        .bind(installment_id)
        .bind(kind)
        .bind(due_on)
        .bind(amount_cents)
        .execute(&self.pool)
        .await?
        .rows_affected()
            == 1)
    }

    /// The trail of a record (`contract:3`): when, who (a staff user's name), what, detail.
    pub(crate) async fn trail_of_subject(
        &self,
        subject: &str,
        limit: i64,
    ) -> Result<Vec<(i64, String, Option<String>, String, String)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT a.occurred_at, a.actor_kind, s.name, a.action, a.detail FROM audit_event a \
             LEFT JOIN staff_user s ON a.actor_kind = 'staff' AND s.id = a.actor_id \
             WHERE a.subject = $1 ORDER BY a.id DESC LIMIT $2",
        )
        .bind(subject)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }
}
