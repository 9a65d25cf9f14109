use sqlx::FromRow;

use crate::store::{Store, StoreError};

#[derive(Debug, Clone, FromRow)]
pub(crate) struct InstallmentRow {
    pub id: i64,
    pub contract_id: i64,
    pub contract_number: String,
    pub number: i64,
    pub kind: String,
    pub due_on: String,
    pub amount_cents: i64,
    pub paid_on: Option<String>,
    pub paid_cents: Option<i64>,
    pub nosso_numero: String,
}

const INSTALLMENT_COLUMNS: &str =
    "i.id, i.contract_id, c.number AS contract_number, i.number, i.kind, i.due_on, \
     i.amount_cents, i.paid_on, i.paid_cents, i.nosso_numero \
     FROM installment i JOIN contract c ON c.id = i.contract_id \
     JOIN contract_party cp ON cp.contract_id = i.contract_id";

impl Store {
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
}
