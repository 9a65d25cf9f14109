use sqlx::FromRow;

use super::model::SessionInfo;
use super::vocabulary::Identifier;
use crate::store::{Store, StoreError};

#[derive(Debug, FromRow)]
pub(crate) struct CodeRecipient {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub phone_verified: i64,
}

#[derive(Debug, FromRow)]
pub(crate) struct ChallengeRow {
    pub id: i64,
    pub person_id: Option<i64>,
    pub code_hash: String,
    pub channel: String,
}

pub(crate) struct NewChallenge<'a> {
    pub public_id: &'a str,
    pub person_id: Option<i64>,
    pub purpose: &'a str,
    pub channel: &'a str,
    pub code_hash: &'a str,
    pub now: i64,
    pub expires_at: i64,
}

#[derive(Debug, FromRow)]
pub(crate) struct LoginCandidate {
    pub id: i64,
    pub password_hash: Option<String>,
    pub email_confirmed: i64,
}

#[derive(Debug, FromRow)]
pub(crate) struct SessionPerson {
    pub session_id: i64,
    pub person_id: i64,
    pub name: String,
    pub last_seen_at: i64,
    pub syndic: i64,
}

impl SessionPerson {
    pub fn user(self) -> super::model::CurrentUser {
        super::model::CurrentUser {
            is_syndic: self.syndic != 0,
            ..super::model::CurrentUser::new(self.person_id, self.name)
        }
    }
}

pub(crate) struct NewSessionRow<'a> {
    pub token_hash: &'a str,
    pub person_id: i64,
    pub kind: &'a str,
    pub syndic: bool,
    pub now: i64,
    pub expires_at: i64,
    pub ip: Option<&'a str>,
    pub user_agent: Option<&'a str>,
}

impl Store {
    pub(crate) async fn person_by_email(&self, email: &str) -> Result<Option<LoginCandidate>, StoreError> {
        Ok(sqlx::query_as("SELECT id, CASE WHEN blocked_at IS NULL THEN password_hash END AS password_hash, email_confirmed \
             FROM person WHERE email = $1")
            .bind(email)
            .fetch_optional(&self.pool)
            .await?)
    }

    pub(crate) async fn person_by_document(
        &self,
        document: &str,
    ) -> Result<Option<LoginCandidate>, StoreError> {
        Ok(sqlx::query_as("SELECT id, CASE WHEN blocked_at IS NULL THEN password_hash END AS password_hash, email_confirmed \
             FROM person WHERE document = $1")
            .bind(document)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// Marks the person's e-mail confirmed; true if it was not yet (the first time only).
    pub(crate) async fn confirm_email(&self, person_id: i64) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE person SET email_confirmed = 1 WHERE id = $1 AND email_confirmed = 0")
            .bind(person_id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    pub(crate) async fn insert_session(&self, row: NewSessionRow<'_>) -> Result<i64, StoreError> {
        self.insert_returning_id(
            sqlx::query_as(
                "INSERT INTO session (token_hash, person_id, kind, created_at, last_seen_at, expires_at, ip, \
                 user_agent, syndic) VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8) RETURNING id",
            )
            .bind(row.token_hash)
            .bind(row.person_id)
            .bind(row.kind)
            .bind(row.now)
            .bind(row.expires_at)
            .bind(row.ip)
            .bind(row.user_agent)
            .bind(i64::from(row.syndic)),
        )
        .await
    }

    pub(crate) async fn is_syndic(&self, person_id: i64) -> Result<bool, StoreError> {
        let row: Option<(i64,)> =
            sqlx::query_as("SELECT person_id FROM development_syndic WHERE person_id = $1 LIMIT 1")
                .bind(person_id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.is_some())
    }

    pub(crate) async fn person_name(&self, person_id: i64) -> Result<Option<String>, StoreError> {
        let row: Option<(String,)> = sqlx::query_as("SELECT name FROM person WHERE id = $1")
            .bind(person_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|(name,)| name))
    }

    pub(crate) async fn live_api_session(
        &self,
        session_id: i64,
        now: i64,
    ) -> Result<Option<SessionPerson>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT s.id AS session_id, p.id AS person_id, p.name, s.last_seen_at, s.syndic \
             FROM session s JOIN person p ON p.id = s.person_id \
             WHERE s.id = $1 AND s.kind = 'api' AND s.expires_at > $2 AND p.blocked_at IS NULL",
        )
        .bind(session_id)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Ends a session; false when it had already ended (a race lost, or a second logout).
    pub(crate) async fn delete_session_by_id(&self, session_id: i64) -> Result<bool, StoreError> {
        let result =
            sqlx::query("DELETE FROM session WHERE id = $1").bind(session_id).execute(&self.pool).await?;
        Ok(result.rows_affected() == 1)
    }

    pub(crate) async fn code_recipient(
        &self,
        identifier: &Identifier,
    ) -> Result<Option<CodeRecipient>, StoreError> {
        let (column, value) = match identifier {
            Identifier::Email(email) => ("email", email),
            Identifier::Document(document) => ("document", document),
            Identifier::Unusable => return Ok(None),
        };
        // A blocked person gets no code, exactly like an unknown one.
        let sql = format!(
            "SELECT id, name, email, phone, phone_verified FROM person WHERE {column} = $1 AND blocked_at IS NULL"
        );
        Ok(sqlx::query_as(&sql).bind(value).fetch_optional(&self.pool).await?)
    }

    /// Ends every open challenge of a person for a purpose (a new code replaces the old).
    pub(crate) async fn invalidate_challenges(
        &self,
        person_id: i64,
        purpose: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE code_challenge SET used_at = $1 WHERE person_id = $2 AND purpose = $3 AND used_at IS NULL")
            .bind(now)
            .bind(person_id)
            .bind(purpose)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub(crate) async fn insert_challenge(&self, challenge: &NewChallenge<'_>) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO code_challenge (public_id, person_id, purpose, channel, code_hash, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(challenge.public_id)
        .bind(challenge.person_id)
        .bind(challenge.purpose)
        .bind(challenge.channel)
        .bind(challenge.code_hash)
        .bind(challenge.now)
        .bind(challenge.expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// An unused, unexpired, unburnt challenge.
    pub(crate) async fn live_challenge(
        &self,
        public_id: &str,
        purpose: &str,
        now: i64,
    ) -> Result<Option<ChallengeRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, person_id, code_hash, channel FROM code_challenge \
             WHERE public_id = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
        )
        .bind(public_id)
        .bind(purpose)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Takes one of the challenge's `max_attempts` guesses before the code is compared, in one
    /// statement: however many requests arrive at once, at most `max_attempts` are compared.
    /// False when none is left (or the challenge was used meanwhile).
    pub(crate) async fn reserve_code_attempt(
        &self,
        challenge_id: i64,
        max_attempts: i64,
    ) -> Result<bool, StoreError> {
        let result = sqlx::query(
            "UPDATE code_challenge SET failed_attempts = failed_attempts + 1 \
             WHERE id = $1 AND used_at IS NULL AND failed_attempts < $2",
        )
        .bind(challenge_id)
        .bind(max_attempts)
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected() == 1)
    }

    /// A right code gives its reserved guess back, so only wrong ones count.
    pub(crate) async fn return_code_attempt(&self, challenge_id: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE code_challenge SET failed_attempts = failed_attempts - 1 WHERE id = $1")
            .bind(challenge_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// After a wrong code: burns the challenge once its guesses are used up.
    pub(crate) async fn burn_exhausted_challenge(
        &self,
        challenge_id: i64,
        max_attempts: i64,
        now: i64,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE code_challenge SET used_at = $1 \
             WHERE id = $2 AND used_at IS NULL AND failed_attempts >= $3",
        )
        .bind(now)
        .bind(challenge_id)
        .bind(max_attempts)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Marks a challenge used; false when it was already used (a race lost).
    pub(crate) async fn use_challenge(&self, challenge_id: i64, now: i64) -> Result<bool, StoreError> {
        let result = sqlx::query("UPDATE code_challenge SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
            .bind(now)
            .bind(challenge_id)
            .execute(&self.pool)
            .await?;
        Ok(result.rows_affected() == 1)
    }

    pub(crate) async fn live_person_session(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<SessionPerson>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT s.id AS session_id, p.id AS person_id, p.name, s.last_seen_at, s.syndic \
             FROM session s JOIN person p ON p.id = s.person_id \
             WHERE s.token_hash = $1 AND s.kind = 'browser' AND s.expires_at > $2 AND p.blocked_at IS NULL",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?)
    }

    pub(crate) async fn touch_session(&self, session_id: i64, now: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE session SET last_seen_at = $1 WHERE id = $2")
            .bind(now)
            .bind(session_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Deletes the session with this token hash; returns its person, if there was one.
    pub(crate) async fn delete_session(&self, token_hash: &str) -> Result<Option<i64>, StoreError> {
        let deleted: Option<(Option<i64>,)> =
            sqlx::query_as("DELETE FROM session WHERE token_hash = $1 RETURNING person_id")
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?;
        Ok(deleted.and_then(|(person,)| person))
    }

    pub(crate) async fn session_id_of(&self, token_hash: &str) -> Result<Option<i64>, StoreError> {
        let row: Option<(i64,)> = sqlx::query_as("SELECT id FROM session WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|(id,)| id))
    }

    pub(crate) async fn sessions_of_person(
        &self,
        person_id: i64,
        now: i64,
    ) -> Result<Vec<SessionInfo>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, kind, user_agent, ip, created_at, last_seen_at FROM session \
             WHERE person_id = $1 AND expires_at > $2 ORDER BY last_seen_at DESC, id DESC",
        )
        .bind(person_id)
        .bind(now)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Deletes the session only if it is the person's; true when one was deleted.
    pub(crate) async fn delete_session_of_person(
        &self,
        person_id: i64,
        session_id: i64,
    ) -> Result<bool, StoreError> {
        let result = sqlx::query("DELETE FROM session WHERE id = $1 AND person_id = $2")
            .bind(session_id)
            .bind(person_id)
            .execute(&self.pool)
            .await?;
        Ok(result.rows_affected() == 1)
    }

    pub(crate) async fn delete_other_sessions(
        &self,
        person_id: i64,
        keep_token_hash: &str,
    ) -> Result<u64, StoreError> {
        let result = sqlx::query("DELETE FROM session WHERE person_id = $1 AND token_hash <> $2")
            .bind(person_id)
            .bind(keep_token_hash)
            .execute(&self.pool)
            .await?;
        Ok(result.rows_affected())
    }

    pub(crate) async fn account_of(&self, person_id: i64) -> Result<Option<AccountRow>, StoreError> {
        Ok(sqlx::query_as("SELECT name, email, document, password_hash FROM person WHERE id = $1")
            .bind(person_id)
            .fetch_optional(&self.pool)
            .await?)
    }

    pub(crate) async fn delete_all_sessions(&self, person_id: i64) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM session WHERE person_id = $1").bind(person_id).execute(&self.pool).await?;
        Ok(())
    }

    pub(crate) async fn set_password(&self, person_id: i64, hash: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE person SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(person_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

#[derive(Debug, FromRow)]
pub(crate) struct AccountRow {
    pub name: String,
    pub email: String,
    pub document: String,
    pub password_hash: Option<String>,
}
