use sqlx::FromRow;

use crate::store::{Store, StoreError};

pub(crate) struct NewRegisteredPerson<'a> {
    pub kind: &'a str,
    pub name: &'a str,
    pub trade_name: Option<&'a str>,
    pub document: &'a str,
    pub secondary_document: Option<&'a str>,
    pub birth_date: Option<&'a str>,
    pub gender: Option<&'a str>,
    pub email: &'a str,
    pub phone: Option<&'a str>,
    pub password_hash: &'a str,
    pub now: i64,
}

#[derive(Debug, FromRow)]
pub(crate) struct CompanyContact {
    pub name: String,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
}

impl Store {
    /// A self-registered buyer: origin `self`, phone not verified (SMS codes wait for that).
    pub(crate) async fn insert_registered_person(
        &self,
        person: &NewRegisteredPerson<'_>,
    ) -> Result<i64, StoreError> {
        self.insert_returning_id(
            sqlx::query_as(
                "INSERT INTO person (kind, name, trade_name, document, secondary_document, birth_date, \
                 gender, email, phone, phone_verified, password_hash, origin, created_at, email_confirmed) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10, 'self', $11, 0) RETURNING id",
            )
            .bind(person.kind)
            .bind(person.name)
            .bind(person.trade_name)
            .bind(person.document)
            .bind(person.secondary_document)
            .bind(person.birth_date)
            .bind(person.gender)
            .bind(person.email)
            .bind(person.phone)
            .bind(person.password_hash)
            .bind(person.now),
        )
        .await
    }

    /// The company that runs this portal (one per installation).
    pub(crate) async fn company_contact(&self) -> Result<Option<CompanyContact>, StoreError> {
        Ok(sqlx::query_as("SELECT name, contact_email, contact_phone FROM company ORDER BY id LIMIT 1")
            .fetch_optional(&self.pool)
            .await?)
    }
}
