//! Inserts used by the demo loader (the admin area will reuse them to keep real data).

use time::Date;

use crate::store::{Store, StoreError};
use crate::time_br::iso_date;

pub(crate) struct NewPerson<'a> {
    pub kind: &'a str,
    pub name: &'a str,
    pub document: &'a str,
    pub email: &'a str,
    pub phone: Option<&'a str>,
    pub birth_date: Option<&'a str>,
    pub password_hash: Option<&'a str>,
    pub now: i64,
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

#[derive(Clone, Copy)]
pub(crate) enum DocumentScope {
    Contract(i64),
    Development(i64),
}

pub(crate) struct NewDocument<'a> {
    pub scope: DocumentScope,
    pub kind: &'a str,
    pub title: &'a str,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub storage_key: &'a str,
    pub published_at: i64,
}

impl Store {
    pub(crate) async fn insert_company(
        &self,
        name: &str,
        cnpj: &str,
        contact_email: &str,
        contact_phone: &str,
    ) -> Result<i64, StoreError> {
        self.insert_returning_id(
            sqlx::query_as(
                "INSERT INTO company (name, cnpj, contact_email, contact_phone) VALUES ($1, $2, $3, $4) \
                 RETURNING id",
            )
            .bind(name)
            .bind(cnpj)
            .bind(contact_email)
            .bind(contact_phone),
        )
        .await
    }

    pub(crate) async fn insert_development(
        &self,
        company_id: i64,
        name: &str,
        address: &str,
        (city, state): (&str, &str),
        (stage, progress): (&str, i64),
        (expected_delivery, delivered_on): (Option<String>, Option<String>),
    ) -> Result<i64, StoreError> {
        self.insert_returning_id(
            sqlx::query_as(
                "INSERT INTO development (company_id, name, address, city, state, stage, progress_percent, \
                 expected_delivery, delivered_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            )
            .bind(company_id)
            .bind(name)
            .bind(address)
            .bind(city)
            .bind(state)
            .bind(stage)
            .bind(progress)
            .bind(expected_delivery)
            .bind(delivered_on),
        )
        .await
    }

    pub(crate) async fn insert_stages(
        &self,
        development_id: i64,
        stages: &[(&str, i64)],
    ) -> Result<(), StoreError> {
        for (position, (name, percent)) in stages.iter().enumerate() {
            sqlx::query(
                "INSERT INTO development_stage (development_id, position, name, percent) VALUES ($1, $2, $3, $4)",
            )
            .bind(development_id)
            .bind(position as i64)
            .bind(*name)
            .bind(*percent)
            .execute(&self.pool)
            .await?;
        }
        Ok(())
    }

    pub(crate) async fn insert_syndic(&self, development_id: i64, person_id: i64) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO development_syndic (development_id, person_id) VALUES ($1, $2)")
            .bind(development_id)
            .bind(person_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub(crate) async fn insert_block(&self, development_id: i64, name: &str) -> Result<i64, StoreError> {
        self.insert_returning_id(
            sqlx::query_as("INSERT INTO block (development_id, name) VALUES ($1, $2) RETURNING id")
                .bind(development_id)
                .bind(name),
        )
        .await
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn insert_unit(
        &self,
        development_id: i64,
        block_id: Option<i64>,
        number: &str,
        floor: i64,
        kind: &str,
        private_area_centi_m2: i64,
        parking_spaces: i64,
    ) -> Result<i64, StoreError> {
        self.insert_returning_id(
            sqlx::query_as(
                "INSERT INTO unit (development_id, block_id, number, floor, kind, private_area_centi_m2, parking_spaces) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            )
            .bind(development_id)
            .bind(block_id)
            .bind(number)
            .bind(floor)
            .bind(kind)
            .bind(private_area_centi_m2)
            .bind(parking_spaces),
        )
        .await
    }

    pub(crate) async fn insert_person(&self, person: &NewPerson<'_>) -> Result<i64, StoreError> {
        self.insert_returning_id(
            sqlx::query_as(
                "INSERT INTO person (kind, name, document, email, phone, phone_verified, birth_date, password_hash, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            )
            .bind(person.kind)
            .bind(person.name)
            .bind(person.document)
            .bind(person.email)
            .bind(person.phone)
            .bind(i64::from(person.phone.is_some()))
            .bind(person.birth_date)
            .bind(person.password_hash)
            .bind(person.now),
        )
        .await
    }

    pub(crate) async fn insert_contract(
        &self,
        number: &str,
        unit_id: i64,
        status: &str,
        signed_on: &str,
        total_cents: i64,
    ) -> Result<i64, StoreError> {
        self.insert_returning_id(
            sqlx::query_as(
                "INSERT INTO contract (number, unit_id, status, signed_on, total_cents) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(number)
            .bind(unit_id)
            .bind(status)
            .bind(signed_on)
            .bind(total_cents),
        )
        .await
    }

    pub(crate) async fn insert_party(
        &self,
        contract_id: i64,
        person_id: i64,
        role: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO contract_party (contract_id, person_id, role) VALUES ($1, $2, $3)")
            .bind(contract_id)
            .bind(person_id)
            .bind(role)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

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

    pub(crate) async fn insert_document(&self, document: &NewDocument<'_>) -> Result<(), StoreError> {
        let (scope, contract_id, development_id) = match document.scope {
            DocumentScope::Contract(id) => ("contract", Some(id), None),
            DocumentScope::Development(id) => ("development", None, Some(id)),
        };
        sqlx::query(
            "INSERT INTO document (scope, contract_id, development_id, kind, title, file_name, content_type, \
             size_bytes, storage_key, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(scope)
        .bind(contract_id)
        .bind(development_id)
        .bind(document.kind)
        .bind(document.title)
        .bind(document.file_name)
        .bind(document.content_type)
        .bind(document.size_bytes)
        .bind(document.storage_key)
        .bind(document.published_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// A thread with its messages: `(Some(staff_id), ..)` is a staff reply, `None` the buyer.
    pub(crate) async fn insert_thread(
        &self,
        person_id: i64,
        contract_id: Option<i64>,
        subject: &str,
        created_at: i64,
        messages: &[(Option<i64>, &str, i64)],
    ) -> Result<(), StoreError> {
        let replied = messages.last().is_some_and(|(staff, _, _)| staff.is_some());
        let updated_at = messages.last().map_or(created_at, |(_, _, at)| *at);
        let mut tx = self.pool.begin().await?;
        let (thread_id,): (i64,) = sqlx::query_as(
            "INSERT INTO message_thread (person_id, contract_id, subject, status, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(person_id)
        .bind(contract_id)
        .bind(subject)
        .bind(if replied { "respondido" } else { "aberto" })
        .bind(created_at)
        .bind(updated_at)
        .fetch_one(&mut *tx)
        .await?;
        for (staff, body, at) in messages {
            sqlx::query(
                "INSERT INTO message (thread_id, person_id, staff_user_id, body, created_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(thread_id)
            .bind(if staff.is_some() { None } else { Some(person_id) })
            .bind(*staff)
            .bind(*body)
            .bind(*at)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
