use sqlx::FromRow;

use super::{InstallmentFilter, InstallmentStatus};
use crate::paging::{PageOf, PageRequest};
use crate::store::{Store, StoreError};
use crate::time_br::iso_date;
use time::Date;

#[derive(Debug, Clone, FromRow)]
pub(crate) struct InstallmentRow {
    pub id: i64,
    pub contract_id: i64,
    pub contract_number: String,
    pub number: i64,
    pub kind: String,
    pub due_on: String,
    /// What is owed: the original amount plus its correction.
    pub amount_cents: i64,
    pub original_cents: i64,
    pub paid_on: Option<String>,
    pub paid_cents: Option<i64>,
    pub nosso_numero: String,
}

impl InstallmentRow {
    pub fn correction_cents(&self) -> i64 {
        self.amount_cents - self.original_cents
    }
}

const INSTALLMENT_COLUMNS: &str =
    "i.id, i.contract_id, c.number AS contract_number, i.number, i.kind, i.due_on, \
     i.amount_cents + i.correction_cents AS amount_cents, i.amount_cents AS original_cents, \
     i.paid_on, i.paid_cents, i.nosso_numero \
     FROM installment i JOIN contract c ON c.id = i.contract_id \
     JOIN contract_party cp ON cp.contract_id = i.contract_id";

impl Store {
    /// The company selling an empreendimento's units: its name and CNPJ (canonical).
    pub(crate) async fn seller_of_development(
        &self,
        development_id: i64,
    ) -> Result<Option<(String, String)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT co.name, co.cnpj FROM development d JOIN company co ON co.id = d.company_id WHERE d.id = $1",
        )
        .bind(development_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Every installment of the contracts the person is party to.
    pub(crate) async fn installment_lines_of_person(
        &self,
        person_id: i64,
    ) -> Result<Vec<InstallmentRow>, StoreError> {
        let sql = format!(
            "SELECT {INSTALLMENT_COLUMNS} WHERE cp.person_id = $1 ORDER BY i.due_on, c.number, i.number"
        );
        Ok(sqlx::query_as(&sql).bind(person_id).fetch_all(&self.pool).await?)
    }

    /// One installment, only if the person is party to its contract.
    pub(crate) async fn installment_of_person(
        &self,
        person_id: i64,
        installment_id: i64,
    ) -> Result<Option<InstallmentRow>, StoreError> {
        let sql = format!("SELECT {INSTALLMENT_COLUMNS} WHERE cp.person_id = $1 AND i.id = $2");
        Ok(sqlx::query_as(&sql).bind(person_id).bind(installment_id).fetch_optional(&self.pool).await?)
    }

    /// One page of the person's installments that match `filter` (situation as of `today`, an
    /// ISO date), oldest first, with how many match in all.
    pub(crate) async fn installment_page_of_person(
        &self,
        person_id: i64,
        filter: &InstallmentFilter,
        today: &str,
        page: PageRequest,
    ) -> Result<PageOf<InstallmentRow>, StoreError> {
        // Only fixed SQL fragments are added; every value is a bound parameter.
        let mut conditions = String::from("cp.person_id = $1");
        match filter.status {
            Some(InstallmentStatus::Paid) => conditions.push_str(" AND i.paid_on IS NOT NULL"),
            Some(InstallmentStatus::Overdue) => {
                conditions.push_str(" AND i.paid_on IS NULL AND i.due_on < $2")
            }
            Some(InstallmentStatus::Open) => conditions.push_str(" AND i.paid_on IS NULL AND i.due_on >= $2"),
            None => conditions.push_str(" AND $2 = $2"),
        }
        conditions.push_str(if filter.contract_id.is_some() {
            " AND i.contract_id = $3"
        } else {
            " AND $3 = $3"
        });
        conditions.push_str(if filter.year.is_some() { " AND i.due_on LIKE $4" } else { " AND $4 = $4" });
        let year_prefix = filter.year.map(|year| format!("{year:04}-%")).unwrap_or_default();
        let contract = filter.contract_id.unwrap_or(0);
        let count_sql = format!("SELECT COUNT(*) FROM installment i JOIN contract_party cp ON cp.contract_id = i.contract_id WHERE {conditions}");
        let (total,): (i64,) = sqlx::query_as(&count_sql)
            .bind(person_id)
            .bind(today)
            .bind(contract)
            .bind(&year_prefix)
            .fetch_one(&self.pool)
            .await?;
        let sql = format!(
            "SELECT {INSTALLMENT_COLUMNS} WHERE {conditions} ORDER BY i.due_on, c.number, i.number LIMIT $5 OFFSET $6"
        );
        let items = sqlx::query_as(&sql)
            .bind(person_id)
            .bind(today)
            .bind(contract)
            .bind(&year_prefix)
            .bind(page.limit())
            .bind(page.offset())
            .fetch_all(&self.pool)
            .await?;
        Ok(PageOf { items, total })
    }

    /// The person's next installment to pay: the earliest open one not yet due on `today`.
    pub(crate) async fn next_open_installment_of_person(
        &self,
        person_id: i64,
        today: &str,
    ) -> Result<Option<i64>, StoreError> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT i.id FROM installment i JOIN contract c ON c.id = i.contract_id \
             JOIN contract_party cp ON cp.contract_id = i.contract_id \
             WHERE cp.person_id = $1 AND i.paid_on IS NULL AND i.due_on >= $2 \
             ORDER BY i.due_on, c.number, i.number LIMIT 1",
        )
        .bind(person_id)
        .bind(today)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(id,)| id))
    }
}

pub(crate) struct NewInstallment {
    pub kind: &'static str,
    pub due_on: Date,
    pub amount_cents: i64,
    pub paid_on: Option<Date>,
}

impl NewInstallment {
    pub fn new(kind: &'static str, due_on: Date, amount_cents: i64) -> Self {
        Self { kind, due_on, amount_cents, paid_on: None }
    }
}

impl Store {
    pub(crate) async fn insert_installments(
        &self,
        contract_id: i64,
        installments: &[NewInstallment],
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        for (index, installment) in installments.iter().enumerate() {
            let number = index as i64 + 1;
            sqlx::query(
                "INSERT INTO installment (contract_id, number, kind, due_on, amount_cents, paid_on, paid_cents, nosso_numero) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(contract_id)
            .bind(number)
            .bind(installment.kind)
            .bind(iso_date(installment.due_on))
            .bind(installment.amount_cents)
            .bind(installment.paid_on.map(iso_date))
            .bind(installment.paid_on.map(|_| installment.amount_cents))
            .bind(format!("{contract_id:05}{number:05}"))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
