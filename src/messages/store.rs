use sqlx::FromRow;

use crate::paging::{PageOf, PageRequest};
use crate::store::{Store, StoreError};

#[derive(Debug, FromRow)]
pub(crate) struct ThreadRow {
    pub id: i64,
    pub subject: String,
    pub status: String,
    pub updated_at: i64,
    pub unread: i64,
    pub contract_number: Option<String>,
}

#[derive(Debug, FromRow)]
pub(crate) struct MessageRow {
    pub id: i64,
    pub staff_name: Option<String>,
    pub body: String,
    pub created_at: i64,
}

#[derive(Debug, FromRow)]
pub(crate) struct AttachmentRow {
    pub id: i64,
    pub message_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub storage_key: String,
}

pub(crate) struct NewAttachment<'a> {
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub storage_key: &'a str,
}

const THREAD_COLUMNS: &str = "SELECT t.id, t.subject, t.status, t.updated_at, \
     (SELECT COUNT(*) FROM message m WHERE m.thread_id = t.id AND m.staff_user_id IS NOT NULL \
      AND m.read_at IS NULL) AS unread, c.number AS contract_number \
     FROM message_thread t LEFT JOIN contract c ON c.id = t.contract_id";

impl Store {
    pub(crate) async fn threads_of_person(&self, person_id: i64) -> Result<Vec<ThreadRow>, StoreError> {
        let sql = format!("{THREAD_COLUMNS} WHERE t.person_id = $1 ORDER BY t.updated_at DESC, t.id DESC");
        Ok(sqlx::query_as(&sql).bind(person_id).fetch_all(&self.pool).await?)
    }

    /// One page of the person's conversations, newest first, with how many there are.
    pub(crate) async fn thread_page_of_person(
        &self,
        person_id: i64,
        page: PageRequest,
    ) -> Result<PageOf<ThreadRow>, StoreError> {
        let items_sql = format!(
            "{THREAD_COLUMNS} WHERE t.person_id = $1 ORDER BY t.updated_at DESC, t.id DESC LIMIT $2 OFFSET $3"
        );
        self.page_of_person(
            "SELECT COUNT(*) FROM message_thread WHERE person_id = $1",
            &items_sql,
            person_id,
            page,
        )
        .await
    }

    pub(crate) async fn thread_of_person(
        &self,
        person_id: i64,
        thread_id: i64,
    ) -> Result<Option<ThreadRow>, StoreError> {
        let sql = format!("{THREAD_COLUMNS} WHERE t.person_id = $1 AND t.id = $2");
        Ok(sqlx::query_as(&sql).bind(person_id).bind(thread_id).fetch_optional(&self.pool).await?)
    }

    /// Messages of a thread; call only after checking the thread is the person's.
    pub(crate) async fn messages_of_thread(&self, thread_id: i64) -> Result<Vec<MessageRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT m.id, s.name AS staff_name, m.body, m.created_at FROM message m \
             LEFT JOIN staff_user s ON s.id = m.staff_user_id WHERE m.thread_id = $1 ORDER BY m.created_at, m.id",
        )
        .bind(thread_id)
        .fetch_all(&self.pool)
        .await?)
    }

    pub(crate) async fn attachments_of_thread(
        &self,
        thread_id: i64,
    ) -> Result<Vec<AttachmentRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT a.id, a.message_id, a.file_name, a.content_type, a.size_bytes, a.storage_key \
             FROM message_attachment a JOIN message m ON m.id = a.message_id WHERE m.thread_id = $1 ORDER BY a.id",
        )
        .bind(thread_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// An attachment, only if its thread is the person's.
    pub(crate) async fn attachment_of_person(
        &self,
        person_id: i64,
        attachment_id: i64,
    ) -> Result<Option<AttachmentRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT a.id, a.message_id, a.file_name, a.content_type, a.size_bytes, a.storage_key \
             FROM message_attachment a JOIN message m ON m.id = a.message_id \
             JOIN message_thread t ON t.id = m.thread_id WHERE t.person_id = $1 AND a.id = $2",
        )
        .bind(person_id)
        .bind(attachment_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    pub(crate) async fn mark_staff_messages_read(&self, thread_id: i64, now: i64) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE message SET read_at = $2 WHERE thread_id = $1 AND staff_user_id IS NOT NULL AND read_at IS NULL",
        )
        .bind(thread_id)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// A new thread with its first message (from the buyer); returns (thread id, message id).
    pub(crate) async fn insert_buyer_thread(
        &self,
        person_id: i64,
        contract_id: Option<i64>,
        subject: &str,
        body: &str,
        now: i64,
        attachments: &[NewAttachment<'_>],
    ) -> Result<i64, StoreError> {
        let mut tx = self.pool.begin().await?;
        let (thread_id,): (i64,) = sqlx::query_as(
            "INSERT INTO message_thread (person_id, contract_id, subject, status, created_at, updated_at) \
             VALUES ($1, $2, $3, 'aberto', $4, $4) RETURNING id",
        )
        .bind(person_id)
        .bind(contract_id)
        .bind(subject)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        insert_message(&mut tx, thread_id, Some(person_id), None, body, now, attachments).await?;
        tx.commit().await?;
        Ok(thread_id)
    }

    /// A message in an existing thread; the thread's status follows who wrote last.
    pub(crate) async fn insert_reply(
        &self,
        thread_id: i64,
        person_id: Option<i64>,
        staff_id: Option<i64>,
        body: &str,
        now: i64,
        attachments: &[NewAttachment<'_>],
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        insert_message(&mut tx, thread_id, person_id, staff_id, body, now, attachments).await?;
        sqlx::query("UPDATE message_thread SET status = $2, updated_at = $3 WHERE id = $1")
            .bind(thread_id)
            .bind(if staff_id.is_some() { "respondido" } else { "aberto" })
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

async fn insert_message(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    thread_id: i64,
    person_id: Option<i64>,
    staff_id: Option<i64>,
    body: &str,
    now: i64,
    attachments: &[NewAttachment<'_>],
) -> Result<(), StoreError> {
    let (message_id,): (i64,) = sqlx::query_as(
        "INSERT INTO message (thread_id, person_id, staff_user_id, body, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(thread_id)
    .bind(person_id)
    .bind(staff_id)
    .bind(body)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    for attachment in attachments {
        sqlx::query(
            "INSERT INTO message_attachment (message_id, file_name, content_type, size_bytes, storage_key) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(message_id)
        .bind(attachment.file_name)
        .bind(attachment.content_type)
        .bind(attachment.size_bytes)
        .bind(attachment.storage_key)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

impl Store {
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
