//! SQL of the back office's empreendimentos and unidades. Every read takes the staff user's
//! scope, applied inside the query: a record outside it is not found.

use sqlx::FromRow;

use super::rules::{UnitBatch, ValidUnit};
use crate::staff::store::scope_condition;
use crate::staff::StaffScope;
use crate::store::{Store, StoreError};

#[derive(Debug, FromRow)]
pub(crate) struct DevelopmentRecord {
    pub id: i64,
    pub company_id: i64,
    pub company: String,
    pub name: String,
    pub address: String,
    pub neighborhood: String,
    pub city: String,
    pub state: String,
    pub stage: String,
    pub progress_percent: i64,
    pub expected_delivery: Option<String>,
    pub delivered_on: Option<String>,
    pub listing_description: String,
    pub units: i64,
    pub available: i64,
    pub sold: i64,
}

#[derive(Debug, FromRow)]
pub(crate) struct UnitRecord {
    pub id: i64,
    pub development_id: i64,
    pub development: String,
    pub block_id: Option<i64>,
    pub block: Option<String>,
    pub number: String,
    pub floor: i64,
    pub kind: String,
    pub private_area_centi_m2: i64,
    pub parking_spaces: i64,
    pub list_price_cents: Option<i64>,
    pub bedrooms: Option<i64>,
    pub bathrooms: Option<i64>,
    pub status: String,
    pub contract_id: Option<i64>,
    pub contract_number: Option<String>,
}

/// A valid empreendimento, ready to store.
pub(crate) struct NewDevelopmentRow<'a> {
    pub company_id: i64,
    pub name: &'a str,
    pub address: &'a str,
    pub neighborhood: &'a str,
    pub city: &'a str,
    pub state: &'a str,
    pub stage: &'a str,
    pub progress: i64,
    pub expected_delivery: Option<&'a str>,
    pub delivered_on: Option<&'a str>,
    pub syndic: Option<i64>,
    pub listing_description: &'a str,
}

const DEVELOPMENT_COLUMNS: &str = "SELECT d.id, d.company_id, c.name AS company, d.name, d.address, d.neighborhood, \
     d.city, d.state, d.stage, d.progress_percent, d.expected_delivery, d.delivered_on, d.listing_description, \
     (SELECT COUNT(*) FROM unit u WHERE u.development_id = d.id) AS units, \
     (SELECT COUNT(*) FROM unit u WHERE u.development_id = d.id AND u.status = 'disponivel') AS available, \
     (SELECT COUNT(*) FROM unit u WHERE u.development_id = d.id AND u.status = 'vendida') AS sold \
     FROM development d JOIN company c ON c.id = d.company_id";

const UNIT_COLUMNS: &str =
    "SELECT u.id, u.development_id, d.name AS development, u.block_id, b.name AS block, \
     u.number, u.floor, u.kind, u.private_area_centi_m2, u.parking_spaces, u.list_price_cents, u.bedrooms, \
     u.bathrooms, u.status, c.id AS contract_id, c.number AS contract_number \
     FROM unit u JOIN development d ON d.id = u.development_id LEFT JOIN block b ON b.id = u.block_id \
     LEFT JOIN contract c ON c.unit_id = u.id AND c.status <> 'distratado'";

impl Store {
    pub(crate) async fn companies(&self) -> Result<Vec<(i64, String)>, StoreError> {
        Ok(sqlx::query_as("SELECT id, name FROM company ORDER BY name").fetch_all(&self.pool).await?)
    }

    pub(crate) async fn developments_for_staff(
        &self,
        scope: &StaffScope,
    ) -> Result<Vec<DevelopmentRecord>, StoreError> {
        let sql = format!("{DEVELOPMENT_COLUMNS} WHERE {} ORDER BY d.name", scope_condition(scope, "d.id"));
        Ok(sqlx::query_as(&sql).fetch_all(&self.pool).await?)
    }

    pub(crate) async fn development_for_staff(
        &self,
        scope: &StaffScope,
        id: i64,
    ) -> Result<Option<DevelopmentRecord>, StoreError> {
        let sql = format!("{DEVELOPMENT_COLUMNS} WHERE d.id = $1 AND {}", scope_condition(scope, "d.id"));
        Ok(sqlx::query_as(&sql).bind(id).fetch_optional(&self.pool).await?)
    }

    pub(crate) async fn stages_of(&self, development_id: i64) -> Result<Vec<(String, i64)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT name, percent FROM development_stage WHERE development_id = $1 ORDER BY position",
        )
        .bind(development_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The síndicos: name and CPF/CNPJ.
    pub(crate) async fn syndics_of(&self, development_id: i64) -> Result<Vec<(String, String)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT p.name, p.document FROM development_syndic s JOIN person p ON p.id = s.person_id \
             WHERE s.development_id = $1 ORDER BY p.name",
        )
        .bind(development_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Blocks: id, name, units.
    pub(crate) async fn blocks_of(&self, development_id: i64) -> Result<Vec<(i64, String, i64)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT b.id, b.name, (SELECT COUNT(*) FROM unit u WHERE u.block_id = b.id) FROM block b \
             WHERE b.development_id = $1 ORDER BY b.name",
        )
        .bind(development_id)
        .fetch_all(&self.pool)
        .await?)
    }

    pub(crate) async fn units_of_development(
        &self,
        development_id: i64,
    ) -> Result<Vec<UnitRecord>, StoreError> {
        let sql = format!(
            "{UNIT_COLUMNS} WHERE u.development_id = $1 \
             ORDER BY COALESCE(b.name, ''), u.floor, LENGTH(u.number), u.number"
        );
        Ok(sqlx::query_as(&sql).bind(development_id).fetch_all(&self.pool).await?)
    }

    pub(crate) async fn unit_for_staff(
        &self,
        scope: &StaffScope,
        unit_id: i64,
    ) -> Result<Option<UnitRecord>, StoreError> {
        let sql =
            format!("{UNIT_COLUMNS} WHERE u.id = $1 AND {}", scope_condition(scope, "u.development_id"));
        Ok(sqlx::query_as(&sql).bind(unit_id).fetch_optional(&self.pool).await?)
    }

    /// Photos of the works, newest first: id, caption, day taken.
    pub(crate) async fn photos_of_development(
        &self,
        development_id: i64,
    ) -> Result<Vec<(i64, String, String)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, caption, taken_on FROM development_photo WHERE development_id = $1 \
             ORDER BY taken_on DESC, id DESC",
        )
        .bind(development_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Inserts an empreendimento (`id` None) or changes one, and replaces its síndico, in one
    /// transaction; its id.
    pub(crate) async fn save_staff_development(
        &self,
        id: Option<i64>,
        row: &NewDevelopmentRow<'_>,
    ) -> Result<i64, StoreError> {
        let sql = match id {
            None => {
                "INSERT INTO development (company_id, name, address, city, state, stage, progress_percent, \
                 expected_delivery, delivered_on, neighborhood, listing_description) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id"
            }
            Some(_) => {
                "UPDATE development SET company_id = $1, name = $2, address = $3, city = $4, state = $5, \
                 stage = $6, progress_percent = $7, expected_delivery = $8, delivered_on = $9, \
                 neighborhood = $10, listing_description = $11 WHERE id = $12 RETURNING id"
            }
        };
        let mut tx = self.pool.begin().await?;
        let mut query = sqlx::query_as::<_, (i64,)>(sql)
            .bind(row.company_id)
            .bind(row.name)
            .bind(row.address)
            .bind(row.city)
            .bind(row.state)
            .bind(row.stage)
            .bind(row.progress)
            .bind(row.expected_delivery)
            .bind(row.delivered_on)
            .bind(row.neighborhood)
            .bind(row.listing_description);
        if let Some(id) = id {
            query = query.bind(id);
        }
        let (id,) = query.fetch_one(&mut *tx).await?;
        sqlx::query("DELETE FROM development_syndic WHERE development_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if let Some(person) = row.syndic {
            sqlx::query("INSERT INTO development_syndic (development_id, person_id) VALUES ($1, $2)")
                .bind(id)
                .bind(person)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// Replaces the construction stages, all or nothing.
    pub(crate) async fn replace_stages(
        &self,
        development_id: i64,
        stages: &[(String, i64)],
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM development_stage WHERE development_id = $1")
            .bind(development_id)
            .execute(&mut *tx)
            .await?;
        for (position, (name, percent)) in stages.iter().enumerate() {
            sqlx::query(
                "INSERT INTO development_stage (development_id, position, name, percent) VALUES ($1, $2, $3, $4)",
            )
            .bind(development_id)
            .bind(position as i64)
            .bind(name)
            .bind(*percent)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub(crate) async fn rename_block(&self, block_id: i64, name: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE block SET name = $2 WHERE id = $1")
            .bind(block_id)
            .bind(name)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Inserts every unit of a batch, or none (a number already taken undoes the lot).
    pub(crate) async fn insert_unit_batch(
        &self,
        development_id: i64,
        batch: &UnitBatch,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        for (floor, number) in &batch.units {
            sqlx::query(
                "INSERT INTO unit (development_id, block_id, number, floor, kind, private_area_centi_m2, \
                 parking_spaces) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(development_id)
            .bind(batch.block)
            .bind(number)
            .bind(*floor)
            .bind(&batch.kind)
            .bind(batch.area_centi_m2)
            .bind(batch.parking)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The numbers among `numbers` already used in the block (or the empreendimento without one).
    pub(crate) async fn taken_unit_numbers(
        &self,
        development_id: i64,
        block: Option<i64>,
    ) -> Result<Vec<String>, StoreError> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT number FROM unit WHERE development_id = $1 AND COALESCE(block_id, 0) = COALESCE($2, 0)",
        )
        .bind(development_id)
        .bind(block)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(number,)| number).collect())
    }

    pub(crate) async fn update_unit(&self, unit_id: i64, unit: &ValidUnit) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE unit SET block_id = $2, number = $3, floor = $4, kind = $5, private_area_centi_m2 = $6, \
             parking_spaces = $7, list_price_cents = $8, bedrooms = $9, bathrooms = $10 WHERE id = $1",
        )
        .bind(unit_id)
        .bind(unit.block)
        .bind(&unit.number)
        .bind(unit.floor)
        .bind(&unit.kind)
        .bind(unit.area_centi_m2)
        .bind(unit.parking)
        .bind(unit.list_price_cents)
        .bind(unit.bedrooms)
        .bind(unit.bathrooms)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub(crate) async fn set_unit_status(&self, unit_id: i64, status: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE unit SET status = $2 WHERE id = $1")
            .bind(unit_id)
            .bind(status)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
