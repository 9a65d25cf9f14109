//! The back office's side of Mensagens: every conversation in the staff user's scope, the
//! reply with files (the buyer is e-mailed), close and reopen. Each action is audited.

use super::model::ThreadStatus;
use super::service::Attachment;
use super::staff_model::*;
use super::staff_store::{StaffThreadRecord, ThreadQuery};
use super::store::NewAttachment;
use crate::documents::DocumentFile;
use crate::notifications::templates;
use crate::paging::PageRequest;
use crate::staff::{CurrentStaff, Permission, StaffError};
use crate::time_br::format_timestamp;
use crate::Portal;

impl From<super::MessageError> for StaffError {
    fn from(error: super::MessageError) -> Self {
        match error {
            super::MessageError::NotFound => Self::NotFound,
            super::MessageError::Invalid(reason) => Self::Invalid(reason),
            super::MessageError::Store(error) => Self::Store(error),
            super::MessageError::Storage(error) => Self::Storage(error),
        }
    }
}

fn subject_of(thread_id: i64) -> String {
    format!("thread:{thread_id}")
}

impl Portal {
    /// One page of the conversations `staff` may see, filtered.
    pub async fn staff_threads(
        &self,
        staff: &CurrentStaff,
        filter: &StaffThreadFilter,
    ) -> Result<StaffThreadList, StaffError> {
        staff.require(Permission::ViewMessages)?;
        let search = filter.search.trim().to_lowercase();
        let pattern = if search.is_empty() {
            String::new()
        } else {
            // LIKE's own wildcards typed by staff are taken literally by dropping them.
            format!("%{}%", search.replace(['%', '_'], ""))
        };
        let query = ThreadQuery {
            scope: &staff.scope,
            status: filter.status.map(ThreadStatus::code),
            development: filter.development,
            search: &pattern,
        };
        let page = PageRequest::new(Some(filter.page), Some(u64::from(STAFF_THREADS_PER_PAGE)));
        let found = self.store.staff_thread_page(&query, page).await?;
        let now = self.now();
        let pages = (found.total.max(0) as u64).div_ceil(u64::from(STAFF_THREADS_PER_PAGE)).max(1);
        Ok(StaffThreadList {
            rows: found
                .items
                .into_iter()
                .map(|record| {
                    let status = ThreadStatus::from_code(&record.status);
                    StaffThreadRow {
                        id: record.id,
                        subject: record.subject,
                        status,
                        person_name: record.person_name,
                        contract_number: record.contract_number,
                        development_name: record.development_name,
                        updated_at: format_timestamp(record.updated_at),
                        waiting_for: (status == ThreadStatus::Open)
                            .then(|| waited_for(now - record.updated_at)),
                    }
                })
                .collect(),
            total: found.total,
            page: page.number(),
            pages,
            developments: self.store.developments_in_scope(&staff.scope).await?,
        })
    }

    async fn thread_in_scope(
        &self,
        staff: &CurrentStaff,
        thread_id: i64,
    ) -> Result<StaffThreadRecord, StaffError> {
        self.store.staff_thread(&staff.scope, thread_id).await?.ok_or(StaffError::NotFound)
    }

    /// One conversation; opening it marks the buyer's messages read.
    pub async fn staff_thread(
        &self,
        staff: &CurrentStaff,
        thread_id: i64,
    ) -> Result<StaffThreadDetail, StaffError> {
        staff.require(Permission::ViewMessages)?;
        let thread = self.thread_in_scope(staff, thread_id).await?;
        let messages = self.store.messages_of_thread(thread_id).await?;
        let attachments = self.store.attachments_of_thread(thread_id).await?;
        self.store.mark_buyer_messages_read(thread_id, self.now()).await?;
        Ok(StaffThreadDetail {
            id: thread.id,
            subject: thread.subject,
            status: ThreadStatus::from_code(&thread.status),
            person_id: thread.person_id,
            messages: super::service::message_views(messages, &attachments, |staff_name| match staff_name {
                Some(name) => format!("{name} · equipe"),
                None => thread.person_name.clone(),
            }),
            person_name: thread.person_name,
            person_email: thread.person_email,
            contract_number: thread.contract_number,
            development_name: thread.development_name,
            can_answer: staff.may(Permission::AnswerMessages),
        })
    }

    /// The team answers, with up to 3 files; the buyer is e-mailed. A closed conversation
    /// opens again as answered.
    pub async fn staff_reply(
        &self,
        staff: &CurrentStaff,
        thread_id: i64,
        body: &str,
        files: &[Attachment],
    ) -> Result<(), StaffError> {
        staff.require(Permission::AnswerMessages)?;
        let thread = self.thread_in_scope(staff, thread_id).await?;
        let body = super::service::check_text(body, "a resposta", 1, super::MAX_BODY_CHARS)?;
        let stored = self.store_attachments(files).await?;
        let attachments: Vec<NewAttachment<'_>> = stored.iter().map(super::service::as_new).collect();
        let now = self.now();
        self.store.insert_reply(thread_id, None, Some(staff.id), &body, now, &attachments).await?;
        let detail = format!(
            "situação: {} → {}; anexos: {}",
            ThreadStatus::from_code(&thread.status).label(),
            ThreadStatus::Answered.label(),
            attachments.len()
        );
        self.store
            .record_audit_about(
                now,
                staff.actor(),
                "message_replied",
                staff_ip(staff),
                &subject_of(thread_id),
                &detail,
            )
            .await?;
        self.notify(&templates::staff_replied(&thread.person_email, &thread.person_name, &thread.subject))
            .await?;
        self.emit_webhook(crate::partners::WebhookEvent::MessageAnswered, &[("mensagem_id", thread_id)])
            .await;
        Ok(())
    }

    /// Closes a conversation (`closed`) or opens it again (as answered or waiting, by who wrote
    /// last).
    pub async fn staff_set_thread_closed(
        &self,
        staff: &CurrentStaff,
        thread_id: i64,
        closed: bool,
    ) -> Result<(), StaffError> {
        staff.require(Permission::AnswerMessages)?;
        self.thread_in_scope(staff, thread_id).await?;
        let status = if closed {
            ThreadStatus::Closed
        } else if self.store.last_message_is_staff(thread_id).await? {
            ThreadStatus::Answered
        } else {
            ThreadStatus::Open
        };
        let now = self.now();
        let before =
            self.store.set_thread_status(thread_id, status.code(), now).await?.ok_or(StaffError::NotFound)?;
        let action = if closed { "message_thread_closed" } else { "message_thread_reopened" };
        let detail = format!("situação: {} → {}", ThreadStatus::from_code(&before).label(), status.label());
        self.store
            .record_audit_about(now, staff.actor(), action, staff_ip(staff), &subject_of(thread_id), &detail)
            .await?;
        Ok(())
    }

    /// A file of a conversation in scope.
    pub async fn staff_message_attachment(
        &self,
        staff: &CurrentStaff,
        attachment_id: i64,
    ) -> Result<DocumentFile, StaffError> {
        staff.require(Permission::ViewMessages)?;
        let row =
            self.store.staff_attachment(&staff.scope, attachment_id).await?.ok_or(StaffError::NotFound)?;
        let bytes = self.storage.get(&row.storage_key).await?;
        Ok(DocumentFile { file_name: row.file_name, content_type: row.content_type, bytes })
    }
}

fn staff_ip(staff: &CurrentStaff) -> Option<&str> {
    staff.ip.as_deref()
}
