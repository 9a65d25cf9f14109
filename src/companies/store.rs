use sqlx::FromRow;

use crate::store::{Store, StoreError};

#[derive(Debug, Clone, FromRow)]
pub(crate) struct CompanyRecord {
    pub id: i64,
    pub name: String,
    pub cnpj: String,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_whatsapp: Option<String>,
    pub brand_colour: Option<String>,
    pub logo_key: Option<String>,
    pub logo_type: Option<String>,
    pub developments: i64,
}

/// A valid company, ready to store (optional parts as `None`).
pub(crate) struct CompanyValues<'a> {
    pub name: &'a str,
    pub cnpj: &'a str,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub whatsapp: Option<&'a str>,
    pub colour: Option<&'a str>,
}

const COMPANY_COLUMNS: &str =
    "SELECT c.id, c.name, c.cnpj, c.contact_email, c.contact_phone, c.contact_whatsapp, \
     c.brand_colour, c.logo_key, c.logo_type, \
     (SELECT COUNT(*) FROM development d WHERE d.company_id = c.id) AS developments FROM company c";

impl Store {
    pub(crate) async fn company_records(&self) -> Result<Vec<CompanyRecord>, StoreError> {
        Ok(sqlx::query_as(&format!("{COMPANY_COLUMNS} ORDER BY c.name")).fetch_all(&self.pool).await?)
    }

    pub(crate) async fn company_record(&self, id: i64) -> Result<Option<CompanyRecord>, StoreError> {
        Ok(sqlx::query_as(&format!("{COMPANY_COLUMNS} WHERE c.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// Inserts (`id` None) or changes a company; its id.
    pub(crate) async fn save_company(
        &self,
        id: Option<i64>,
        values: &CompanyValues<'_>,
    ) -> Result<i64, StoreError> {
        let sql = match id {
            None => {
                "INSERT INTO company (name, cnpj, contact_email, contact_phone, contact_whatsapp, brand_colour) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"
            }
            Some(_) => {
                "UPDATE company SET name = $1, cnpj = $2, contact_email = $3, contact_phone = $4, \
                 contact_whatsapp = $5, brand_colour = $6 WHERE id = $7 RETURNING id"
            }
        };
        let mut query = sqlx::query_as::<_, (i64,)>(sql)
            .bind(values.name)
            .bind(values.cnpj)
            .bind(values.email)
            .bind(values.phone)
            .bind(values.whatsapp)
            .bind(values.colour);
        if let Some(id) = id {
            query = query.bind(id);
        }
        let (id,) = query.fetch_one(&self.pool).await?;
        Ok(id)
    }

    pub(crate) async fn set_company_logo(
        &self,
        id: i64,
        logo: Option<(&str, &str)>,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE company SET logo_key = $2, logo_type = $3 WHERE id = $1")
            .bind(id)
            .bind(logo.map(|(key, _)| key))
            .bind(logo.map(|(_, kind)| kind))
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
