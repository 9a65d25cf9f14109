use sqlx::FromRow;

use crate::store::{Store, StoreError};

#[derive(Debug, FromRow)]
pub(crate) struct PersonRow {
    pub kind: String,
    pub name: String,
    pub trade_name: Option<String>,
    pub document: String,
    pub secondary_document: Option<String>,
    pub birth_date: Option<String>,
    pub gender: Option<String>,
    pub email: String,
    pub phone: Option<String>,
    pub phone_verified: i64,
}

#[derive(Debug, FromRow)]
pub(crate) struct AddressRow {
    pub id: i64,
    pub label: String,
    pub cep: String,
    pub street: String,
    pub number: String,
    pub complement: Option<String>,
    pub district: String,
    pub city: String,
    pub state: String,
}

pub(crate) struct AddressValues<'a> {
    pub label: &'a str,
    pub cep: &'a str,
    pub street: &'a str,
    pub number: &'a str,
    pub complement: Option<&'a str>,
    pub district: &'a str,
    pub city: &'a str,
    pub state: &'a str,
}

impl Store {
    pub(crate) async fn person_row(&self, person_id: i64) -> Result<Option<PersonRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT kind, name, trade_name, document, secondary_document, birth_date, gender, email, phone, \
             phone_verified FROM person WHERE id = $1",
        )
        .bind(person_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    pub(crate) async fn update_personal_data(
        &self,
        person_id: i64,
        birth_date: Option<&str>,
        gender: Option<&str>,
        secondary_document: Option<&str>,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE person SET birth_date = $2, gender = $3, secondary_document = $4 WHERE id = $1")
            .bind(person_id)
            .bind(birth_date)
            .bind(gender)
            .bind(secondary_document)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub(crate) async fn addresses_of(&self, person_id: i64) -> Result<Vec<AddressRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, label, cep, street, number, complement, district, city, state FROM address \
             WHERE person_id = $1 ORDER BY id",
        )
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?)
    }

    pub(crate) async fn insert_address(
        &self,
        person_id: i64,
        values: &AddressValues<'_>,
        now: i64,
    ) -> Result<i64, StoreError> {
        self.insert_returning_id(
            sqlx::query_as(
                "INSERT INTO address (person_id, label, cep, street, number, complement, district, city, state, \
                 created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
            )
            .bind(person_id)
            .bind(values.label)
            .bind(values.cep)
            .bind(values.street)
            .bind(values.number)
            .bind(values.complement)
            .bind(values.district)
            .bind(values.city)
            .bind(values.state)
            .bind(now),
        )
        .await
    }

    /// Updates an address of the person; false when it is not theirs.
    pub(crate) async fn update_address(
        &self,
        person_id: i64,
        address_id: i64,
        values: &AddressValues<'_>,
    ) -> Result<bool, StoreError> {
        let result = sqlx::query(
            "UPDATE address SET label = $3, cep = $4, street = $5, number = $6, complement = $7, district = $8, \
             city = $9, state = $10 WHERE id = $2 AND person_id = $1",
        )
        .bind(person_id)
        .bind(address_id)
        .bind(values.label)
        .bind(values.cep)
        .bind(values.street)
        .bind(values.number)
        .bind(values.complement)
        .bind(values.district)
        .bind(values.city)
        .bind(values.state)
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected() == 1)
    }

    /// Removes an address of the person; false when it is not theirs.
    pub(crate) async fn delete_address(&self, person_id: i64, address_id: i64) -> Result<bool, StoreError> {
        let result = sqlx::query("DELETE FROM address WHERE id = $2 AND person_id = $1")
            .bind(person_id)
            .bind(address_id)
            .execute(&self.pool)
            .await?;
        Ok(result.rows_affected() == 1)
    }
}

#[derive(Debug, FromRow)]
pub(crate) struct ContactChangeRow {
    pub id: i64,
    pub channel: String,
    pub new_value: String,
    pub code_hash: String,
}

impl Store {
    /// Records a pending change, replacing any earlier pending one of the person.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn insert_contact_change(
        &self,
        public_id: &str,
        person_id: i64,
        channel: &str,
        new_value: &str,
        code_hash: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE contact_change SET used_at = $2 WHERE person_id = $1 AND used_at IS NULL")
            .bind(person_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO contact_change (public_id, person_id, channel, new_value, code_hash, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(public_id)
        .bind(person_id)
        .bind(channel)
        .bind(new_value)
        .bind(code_hash)
        .bind(now)
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A live pending change of the person (not used, not expired, not burnt).
    pub(crate) async fn live_contact_change(
        &self,
        person_id: i64,
        public_id: &str,
        now: i64,
        max_attempts: i64,
    ) -> Result<Option<ContactChangeRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, channel, new_value, code_hash FROM contact_change WHERE public_id = $1 AND person_id = $2 \
             AND used_at IS NULL AND expires_at > $3 AND failed_attempts < $4",
        )
        .bind(public_id)
        .bind(person_id)
        .bind(now)
        .bind(max_attempts)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Takes one of the change's `max_attempts` guesses before its code is compared, in one
    /// statement, so a burst of requests never gets more guesses than that.
    pub(crate) async fn reserve_contact_change_attempt(
        &self,
        id: i64,
        max_attempts: i64,
    ) -> Result<bool, StoreError> {
        let result = sqlx::query(
            "UPDATE contact_change SET failed_attempts = failed_attempts + 1 \
             WHERE id = $1 AND used_at IS NULL AND failed_attempts < $2",
        )
        .bind(id)
        .bind(max_attempts)
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected() == 1)
    }

    /// Applies a confirmed change; false when it was used a moment ago.
    /// Uses the change (once) and applies it in one transaction. An e-mail another account
    /// holds, also one registered since the code was sent, is refused and the change used up.
    pub(crate) async fn apply_contact_change(
        &self,
        change: &ContactChangeRow,
        person_id: i64,
        now: i64,
    ) -> Result<ContactChangeApplied, StoreError> {
        let mut tx = self.pool.begin().await?;
        let used = sqlx::query("UPDATE contact_change SET used_at = $2 WHERE id = $1 AND used_at IS NULL")
            .bind(change.id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        if used.rows_affected() != 1 {
            return Ok(ContactChangeApplied::AlreadyUsed);
        }
        let sql = if change.channel == "email" {
            "UPDATE person SET email = $2 WHERE id = $1 AND NOT EXISTS \
             (SELECT 1 FROM person other WHERE other.email = $2 AND other.id <> $1)"
        } else {
            "UPDATE person SET phone = $2, phone_verified = 1 WHERE id = $1"
        };
        // In a savepoint: a UNIQUE violation (another account committed the address a moment
        // ago) aborts only the write, and the change stays used, so it answers exactly once.
        let mut write = sqlx::Acquire::begin(&mut *tx).await?;
        let applied =
            match sqlx::query(sql).bind(person_id).bind(&change.new_value).execute(&mut *write).await {
                Ok(done) => {
                    write.commit().await?;
                    done.rows_affected() == 1
                }
                Err(sqlx::Error::Database(error)) if error.is_unique_violation() => {
                    write.rollback().await?;
                    false
                }
                Err(error) => return Err(error.into()),
            };
        tx.commit().await?;
        if !applied {
            return Ok(ContactChangeApplied::AddressTaken);
        }
        Ok(ContactChangeApplied::Yes)
    }
}

/// What [`Store::apply_contact_change`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ContactChangeApplied {
    Yes,
    /// Used by a request that came at the same time.
    AlreadyUsed,
    /// The e-mail is another account's.
    AddressTaken,
}

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

impl Store {
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
}
