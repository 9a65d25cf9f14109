use sqlx::FromRow;

use crate::paging::{PageOf, PageRequest};
use crate::staff::store::person_in_scope;
use crate::staff::StaffScope;
use crate::store::{Store, StoreError};

#[derive(Debug, FromRow)]
pub(crate) struct PersonRecord {
    pub id: i64,
    pub kind: String,
    pub name: String,
    pub trade_name: Option<String>,
    pub document: String,
    pub secondary_document: Option<String>,
    pub birth_date: Option<String>,
    pub gender: Option<String>,
    pub email: String,
    pub phone: Option<String>,
    pub origin: String,
    pub confirmed_at: Option<i64>,
    pub blocked_at: Option<i64>,
    pub has_password: i64,
    pub contracts: i64,
    pub created_at: i64,
}

#[derive(Debug, FromRow)]
pub(crate) struct PersonContractRecord {
    pub id: i64,
    pub number: String,
    pub development: String,
    pub unit_number: String,
    pub block: Option<String>,
    pub role: String,
    pub status: String,
}

#[derive(Debug, FromRow)]
pub(crate) struct TrailRecord {
    pub occurred_at: i64,
    pub actor_kind: String,
    pub staff_name: Option<String>,
    pub action: String,
    pub detail: String,
    pub ip: Option<String>,
}

/// The columns a person's row and page need.
const PERSON_COLUMNS: &str = "SELECT p.id, p.kind, p.name, p.trade_name, p.document, p.secondary_document, \
     p.birth_date, p.gender, p.email, p.phone, p.origin, p.confirmed_at, p.blocked_at, \
     CASE WHEN p.password_hash IS NULL THEN 0 ELSE 1 END AS has_password, \
     (SELECT COUNT(*) FROM contract_party cp WHERE cp.person_id = p.id) AS contracts, p.created_at \
     FROM person p";

/// A SQL condition for the people a staff user may see: a scoped user, only buyers of their
/// empreendimentos (a self-registered person with no contract only for unscoped staff).
fn visible(scope: &StaffScope) -> String {
    person_in_scope(scope, "p.id")
}

/// What the list is cut by; text is bound, never written into the statement.
pub(crate) struct PeopleQuery<'a> {
    pub scope: &'a StaffScope,
    /// Lower-cased `%part%` of the name or e-mail, or empty.
    pub text: &'a str,
    /// `%digits%` of a CPF/CNPJ or phone, or empty.
    pub digits: &'a str,
    pub awaiting_confirmation: bool,
    pub blocked: bool,
    /// Buyers with a contract who never created a password.
    pub without_access: bool,
    /// The `ORDER BY` clause, from `paging::order_by`'s whitelist.
    pub order: &'a str,
}

impl Store {
    pub(crate) async fn people_page(
        &self,
        query: &PeopleQuery<'_>,
        page: PageRequest,
    ) -> Result<PageOf<PersonRecord>, StoreError> {
        let mut conditions = vec![visible(query.scope)];
        conditions.push(
            "($1 = '' OR LOWER(p.name) LIKE $1 OR LOWER(p.email) LIKE $1 OR LOWER(COALESCE(p.trade_name, '')) LIKE $1)"
                .into(),
        );
        conditions.push("($2 = '' OR p.document LIKE $2 OR COALESCE(p.phone, '') LIKE $2)".into());
        if query.awaiting_confirmation {
            conditions.push("p.origin IN ('self', 'partner') AND p.confirmed_at IS NULL".into());
        }
        if query.blocked {
            conditions.push("p.blocked_at IS NOT NULL".into());
        }
        if query.without_access {
            conditions.push(
                "p.password_hash IS NULL AND EXISTS (SELECT 1 FROM contract_party wp WHERE wp.person_id = p.id)".into(),
            );
        }
        let condition = conditions.join(" AND ");
        let (total,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM person p WHERE {condition}"))
            .bind(query.text)
            .bind(query.digits)
            .fetch_one(&self.pool)
            .await?;
        let items = sqlx::query_as(&format!(
            "{PERSON_COLUMNS} WHERE {condition} ORDER BY {} LIMIT $3 OFFSET $4",
            query.order
        ))
        .bind(query.text)
        .bind(query.digits)
        .bind(page.limit())
        .bind(page.offset())
        .fetch_all(&self.pool)
        .await?;
        Ok(PageOf { items, total })
    }

    /// One person, if the staff user may see them.
    pub(crate) async fn person_for_staff(
        &self,
        scope: &StaffScope,
        person_id: i64,
    ) -> Result<Option<PersonRecord>, StoreError> {
        let sql = format!("{PERSON_COLUMNS} WHERE p.id = $1 AND {}", visible(scope));
        Ok(sqlx::query_as(&sql).bind(person_id).fetch_optional(&self.pool).await?)
    }

    pub(crate) async fn contracts_of_person_for_staff(
        &self,
        person_id: i64,
    ) -> Result<Vec<PersonContractRecord>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT c.id, c.number, d.name AS development, u.number AS unit_number, b.name AS block, \
             cp.role, c.status FROM contract_party cp JOIN contract c ON c.id = cp.contract_id \
             JOIN unit u ON u.id = c.unit_id JOIN development d ON d.id = u.development_id \
             LEFT JOIN block b ON b.id = u.block_id WHERE cp.person_id = $1 ORDER BY c.signed_on DESC, c.id DESC",
        )
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// What happened to the person and what they did, newest first.
    pub(crate) async fn trail_of_person(
        &self,
        person_id: i64,
        limit: i64,
    ) -> Result<Vec<TrailRecord>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT e.occurred_at, e.actor_kind, s.name AS staff_name, e.action, e.detail, e.ip \
             FROM audit_event e LEFT JOIN staff_user s ON e.actor_kind = 'staff' AND s.id = e.actor_id \
             WHERE e.subject = $1 OR (e.actor_kind = 'person' AND e.actor_id = $2) \
             ORDER BY e.id DESC LIMIT $3",
        )
        .bind(format!("person:{person_id}"))
        .bind(person_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// A person registered by staff: no password yet (first access), e-mail taken as confirmed
    /// (the company typed it from the contract), confirmed by the staff user who typed it.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn insert_staff_person(
        &self,
        valid: &crate::registration::service::ValidRegistration,
        birth_date: Option<&str>,
        staff_id: i64,
        now: i64,
    ) -> Result<i64, StoreError> {
        self.insert_returning_id(
            sqlx::query_as(
                "INSERT INTO person (kind, name, trade_name, document, secondary_document, birth_date, gender, \
                 email, phone, phone_verified, password_hash, origin, created_at, email_confirmed, confirmed_at, \
                 confirmed_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, NULL, 'staff', $10, 1, $10, $11) \
                 RETURNING id",
            )
            .bind(if valid.company { "PJ" } else { "PF" })
            .bind(&valid.name)
            .bind(valid.trade_name.as_deref())
            .bind(valid.document.canonical())
            .bind(valid.secondary_document.as_deref())
            .bind(birth_date)
            .bind(valid.gender)
            .bind(&valid.email)
            .bind(valid.phone.as_ref().map(crate::br::Phone::digits))
            .bind(now)
            .bind(staff_id),
        )
        .await
    }

    /// Name, trade name, RG/IE, birth date, gender, e-mail and phone; a changed phone is no
    /// longer verified (SMS codes wait until the person confirms it).
    pub(crate) async fn update_staff_person(
        &self,
        person_id: i64,
        valid: &crate::registration::service::ValidRegistration,
        birth_date: Option<&str>,
    ) -> Result<(), StoreError> {
        let phone = valid.phone.as_ref().map(crate::br::Phone::digits);
        sqlx::query(
            "UPDATE person SET name = $2, trade_name = $3, secondary_document = $4, birth_date = $5, gender = $6, \
             email = $7, phone_verified = CASE WHEN phone = $8 THEN phone_verified ELSE 0 END, phone = $8 \
             WHERE id = $1",
        )
        .bind(person_id)
        .bind(&valid.name)
        .bind(valid.trade_name.as_deref())
        .bind(valid.secondary_document.as_deref())
        .bind(birth_date)
        .bind(valid.gender)
        .bind(&valid.email)
        .bind(phone)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Confirms a self-registered person; false when already confirmed (or not self-registered).
    pub(crate) async fn confirm_person(
        &self,
        person_id: i64,
        staff_id: i64,
        now: i64,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE person SET confirmed_at = $3, confirmed_by = $2 \
             WHERE id = $1 AND origin IN ('self', 'partner') AND confirmed_at IS NULL",
        )
        .bind(person_id)
        .bind(staff_id)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Blocks (ending every session in the same transaction) or unblocks; false when it was so
    /// already.
    pub(crate) async fn set_person_blocked(
        &self,
        person_id: i64,
        blocked: bool,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        let done = if blocked {
            sqlx::query("UPDATE person SET blocked_at = $2 WHERE id = $1 AND blocked_at IS NULL")
                .bind(person_id)
                .bind(now)
                .execute(&mut *tx)
                .await?
        } else {
            sqlx::query("UPDATE person SET blocked_at = NULL WHERE id = $1 AND blocked_at IS NOT NULL")
                .bind(person_id)
                .execute(&mut *tx)
                .await?
        };
        if blocked {
            sqlx::query("DELETE FROM session WHERE person_id = $1").bind(person_id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }
}
