use sqlx::FromRow;

use crate::paging::{PageOf, PageRequest};
use crate::staff::store::{person_in_scope, scope_condition};
use crate::staff::StaffScope;
use crate::store::{Store, StoreError};

/// A SQL condition true for a thread (`t`) in `scope`: the empreendimento of its contract, or
/// for a general question, any empreendimento where its buyer has a contract.
pub(crate) fn staff_thread_scope(scope: &StaffScope) -> String {
    match scope {
        StaffScope::Everything => "1 = 1".to_string(),
        scope => format!(
            "((t.contract_id IS NOT NULL AND EXISTS (SELECT 1 FROM contract tc JOIN unit tu ON tu.id = tc.unit_id \
             WHERE tc.id = t.contract_id AND {})) OR (t.contract_id IS NULL AND {}))",
            scope_condition(scope, "tu.development_id"),
            person_in_scope(scope, "t.person_id")
        ),
    }
}

#[derive(Debug, FromRow)]
pub(crate) struct StaffThreadRecord {
    pub id: i64,
    pub subject: String,
    pub status: String,
    pub person_id: i64,
    pub person_name: String,
    pub person_email: String,
    pub contract_number: Option<String>,
    pub development_name: Option<String>,
    pub updated_at: i64,
}

const STAFF_THREAD_COLUMNS: &str =
    "SELECT t.id, t.subject, t.status, p.id AS person_id, p.name AS person_name, \
     p.email AS person_email, c.number AS contract_number, d.name AS development_name, t.updated_at \
     FROM message_thread t JOIN person p ON p.id = t.person_id \
     LEFT JOIN contract c ON c.id = t.contract_id LEFT JOIN unit u ON u.id = c.unit_id \
     LEFT JOIN development d ON d.id = u.development_id";

/// What the list is cut by; text is bound, never written into the statement.
pub(crate) struct ThreadQuery<'a> {
    pub scope: &'a StaffScope,
    pub status: Option<&'static str>,
    pub development: Option<i64>,
    /// Lower-cased `%part%` of the subject or the buyer's name, or empty.
    pub search: &'a str,
}

impl Store {
    /// One page of conversations in scope: those waiting for the team oldest first (who waits
    /// longest is answered first), the others newest first.
    pub(crate) async fn staff_thread_page(
        &self,
        query: &ThreadQuery<'_>,
        page: PageRequest,
    ) -> Result<PageOf<StaffThreadRecord>, StoreError> {
        let mut conditions = vec![staff_thread_scope(query.scope)];
        conditions.push("($1 = '' OR t.status = $1)".into());
        if let Some(development) = query.development {
            conditions.push(format!("u.development_id = {development}"));
        }
        conditions.push("($2 = '' OR LOWER(t.subject) LIKE $2 OR LOWER(p.name) LIKE $2)".into());
        let condition = conditions.join(" AND ");
        let order = if query.status == Some("aberto") {
            "t.updated_at ASC, t.id ASC"
        } else {
            "t.updated_at DESC, t.id DESC"
        };
        let status = query.status.unwrap_or("");
        let (total,): (i64,) = sqlx::query_as(&format!(
            "SELECT COUNT(*) FROM message_thread t JOIN person p ON p.id = t.person_id \
             LEFT JOIN contract c ON c.id = t.contract_id LEFT JOIN unit u ON u.id = c.unit_id WHERE {condition}"
        ))
        .bind(status)
        .bind(query.search)
        .fetch_one(&self.pool)
        .await?;
        let items = sqlx::query_as(&format!(
            "{STAFF_THREAD_COLUMNS} WHERE {condition} ORDER BY {order} LIMIT $3 OFFSET $4"
        ))
        .bind(status)
        .bind(query.search)
        .bind(page.limit())
        .bind(page.offset())
        .fetch_all(&self.pool)
        .await?;
        Ok(PageOf { items, total })
    }

    /// One conversation, if it is in scope.
    pub(crate) async fn staff_thread(
        &self,
        scope: &StaffScope,
        thread_id: i64,
    ) -> Result<Option<StaffThreadRecord>, StoreError> {
        let sql = format!("{STAFF_THREAD_COLUMNS} WHERE t.id = $1 AND {}", staff_thread_scope(scope));
        Ok(sqlx::query_as(&sql).bind(thread_id).fetch_optional(&self.pool).await?)
    }

    /// The empreendimentos in scope, by name (the filter bar's choices).
    pub(crate) async fn developments_in_scope(
        &self,
        scope: &StaffScope,
    ) -> Result<Vec<(i64, String)>, StoreError> {
        let sql = format!(
            "SELECT d.id, d.name FROM development d WHERE {} ORDER BY d.name, d.id",
            scope_condition(scope, "d.id")
        );
        Ok(sqlx::query_as(&sql).fetch_all(&self.pool).await?)
    }

    /// The buyer's messages of a thread count as read once staff open it.
    pub(crate) async fn mark_buyer_messages_read(&self, thread_id: i64, now: i64) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE message SET read_at = $2 WHERE thread_id = $1 AND person_id IS NOT NULL AND read_at IS NULL",
        )
        .bind(thread_id)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Sets a thread's status; the one it had before, or `None` when the thread is gone.
    pub(crate) async fn set_thread_status(
        &self,
        thread_id: i64,
        status: &str,
        now: i64,
    ) -> Result<Option<String>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let before: Option<(String,)> = sqlx::query_as("SELECT status FROM message_thread WHERE id = $1")
            .bind(thread_id)
            .fetch_optional(&mut *tx)
            .await?;
        if before.is_some() {
            sqlx::query("UPDATE message_thread SET status = $2, updated_at = $3 WHERE id = $1")
                .bind(thread_id)
                .bind(status)
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(before.map(|(status,)| status))
    }

    /// Whether the last message of a thread is the team's (a reopened thread goes back to
    /// "respondida" or "aguardando resposta" by it).
    pub(crate) async fn last_message_is_staff(&self, thread_id: i64) -> Result<bool, StoreError> {
        let row: Option<(Option<i64>,)> = sqlx::query_as(
            "SELECT staff_user_id FROM message WHERE thread_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1",
        )
        .bind(thread_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.is_some_and(|(staff,)| staff.is_some()))
    }

    /// A file of a conversation in scope.
    pub(crate) async fn staff_attachment(
        &self,
        scope: &StaffScope,
        attachment_id: i64,
    ) -> Result<Option<super::store::AttachmentRow>, StoreError> {
        let sql = format!(
            "SELECT a.id, a.message_id, a.file_name, a.content_type, a.size_bytes, a.storage_key \
             FROM message_attachment a JOIN message m ON m.id = a.message_id \
             JOIN message_thread t ON t.id = m.thread_id WHERE a.id = $1 AND {}",
            staff_thread_scope(scope)
        );
        Ok(sqlx::query_as(&sql).bind(attachment_id).fetch_optional(&self.pool).await?)
    }
}
