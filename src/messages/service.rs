use super::model::*;
use super::store::{AttachmentRow, NewAttachment, ThreadRow};
use crate::audit::Actor;
use crate::documents::DocumentFile;
use crate::paging::{PageOf, PageRequest};
use crate::store::StoreError;
use crate::time_br::format_timestamp;
use crate::uploads::{check_upload, CheckedUpload};
use crate::Portal;

/// A file as the buyer sent it.
#[derive(Debug, Clone)]
pub struct Attachment {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum MessageError {
    /// Someone else's thread or file, or none at all.
    #[error("not found")]
    NotFound,
    /// A rule of the form, as a sentence for the person.
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("file storage: {0}")]
    Storage(#[from] std::io::Error),
}

/// A checked file, already in storage.
pub(super) type StoredFile = crate::uploads::StoredUpload;

pub(super) fn as_new(file: &StoredFile) -> NewAttachment<'_> {
    NewAttachment {
        file_name: &file.file_name,
        content_type: file.content_type,
        size_bytes: file.size_bytes,
        storage_key: &file.storage_key,
    }
}

pub(super) fn check_text(text: &str, what: &str, min: usize, max: usize) -> Result<String, MessageError> {
    let trimmed = text.trim();
    let count = trimmed.chars().count();
    if count < min || count > max {
        return Err(MessageError::Invalid(format!("Escreva {what} de {min} a {max} caracteres.")));
    }
    Ok(trimmed.to_string())
}

/// Checks the files against the allow-list and limits.
fn check_attachments(files: &[Attachment]) -> Result<Vec<(CheckedUpload, &[u8])>, MessageError> {
    let files: Vec<&Attachment> = files.iter().filter(|file| !file.bytes.is_empty()).collect();
    if files.len() > MAX_ATTACHMENTS {
        return Err(MessageError::Invalid(format!(
            "Envie no máximo {MAX_ATTACHMENTS} arquivos por mensagem."
        )));
    }
    files
        .into_iter()
        .map(|file| {
            check_upload(&file.file_name, &file.bytes, MAX_ATTACHMENT_BYTES)
                .map(|checked| (checked, file.bytes.as_slice()))
                .map_err(MessageError::Invalid)
        })
        .collect()
}

/// A thread's messages as a page shows them, each with its files; `author` names the writer
/// from the staff member's name (`None`: the buyer).
pub(super) fn message_views(
    messages: Vec<super::store::MessageRow>,
    attachments: &[super::store::AttachmentRow],
    author: impl Fn(Option<&str>) -> String,
) -> Vec<MessageView> {
    messages
        .into_iter()
        .map(|message| MessageView {
            id: message.id,
            from_staff: message.staff_name.is_some(),
            author: author(message.staff_name.as_deref()),
            body: message.body,
            sent_at: format_timestamp(message.created_at),
            attachments: attachments
                .iter()
                .filter(|attachment| attachment.message_id == message.id)
                .map(|attachment| AttachmentView {
                    id: attachment.id,
                    file_name: attachment.file_name.clone(),
                    size_bytes: attachment.size_bytes,
                })
                .collect(),
        })
        .collect()
}

fn summary_of(row: ThreadRow) -> ThreadSummary {
    ThreadSummary {
        id: row.id,
        subject: row.subject,
        status: ThreadStatus::from_code(&row.status),
        updated_at: format_timestamp(row.updated_at),
        unread: row.unread,
        contract_number: row.contract_number,
    }
}

impl Portal {
    /// The buyer's conversations, newest first, with unread staff answers counted.
    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn my_threads(&self, person_id: i64) -> Result<Vec<ThreadSummary>, MessageError> {
        Ok(self.store.threads_of_person(person_id).await?.into_iter().map(summary_of).collect())
    }

    /// One page of the buyer's conversations, newest first, cut in SQL (the partner API).
    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn my_thread_page(
        &self,
        person_id: i64,
        page: PageRequest,
    ) -> Result<PageOf<ThreadSummary>, MessageError> {
        Ok(self.store.thread_page_of_person(person_id, page).await?.map(summary_of))
    }

    /// One conversation of the buyer (anyone else's is [`MessageError::NotFound`]); opening it
    /// marks the staff's answers as read.
    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn my_thread(&self, person_id: i64, thread_id: i64) -> Result<ThreadDetail, MessageError> {
        let thread =
            self.store.thread_of_person(person_id, thread_id).await?.ok_or(MessageError::NotFound)?;
        let messages = self.store.messages_of_thread(thread_id).await?;
        let attachments = self.store.attachments_of_thread(thread_id).await?;
        self.store.mark_staff_messages_read(thread_id, self.now()).await?;
        Ok(ThreadDetail {
            id: thread.id,
            subject: thread.subject,
            status: ThreadStatus::from_code(&thread.status),
            contract_number: thread.contract_number,
            messages: message_views(messages, &attachments, |staff_name| match staff_name {
                Some(name) => format!("{name} · equipe da construtora"),
                None => "Você".to_string(),
            }),
        })
    }

    /// Stores the checked files; images are written again without their metadata (a phone
    /// photo carries where it was taken), so nothing but the pixels reaches the company.
    pub(super) async fn store_attachments(
        &self,
        files: &[Attachment],
    ) -> Result<Vec<StoredFile>, MessageError> {
        let checked = check_attachments(files)?;
        let mut stored = Vec::new();
        for (checked, bytes) in checked {
            stored.push(self.store_upload(checked, bytes).await?.map_err(MessageError::Invalid)?);
        }
        Ok(stored)
    }

    /// Starts a conversation with the company; `contract_id` must be one of the buyer's.
    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn start_thread(
        &self,
        person_id: i64,
        contract_id: Option<i64>,
        subject: &str,
        body: &str,
        files: &[Attachment],
    ) -> Result<i64, MessageError> {
        let subject = check_text(subject, "um assunto", 3, MAX_SUBJECT_CHARS)?;
        let body = check_text(body, "a mensagem", 1, MAX_BODY_CHARS)?;
        if let Some(contract_id) = contract_id {
            self.store
                .contract_of_person(person_id, contract_id, &self.today_iso())
                .await?
                .ok_or(MessageError::NotFound)?;
        }
        let stored = self.store_attachments(files).await?;
        let attachments: Vec<NewAttachment<'_>> = stored.iter().map(as_new).collect();
        let now = self.now();
        let thread_id = self
            .store
            .insert_buyer_thread(person_id, contract_id, &subject, &body, now, &attachments)
            .await?;
        self.store.record_audit(now, Actor::Person(person_id), "message_thread_started", None, "").await?;
        Ok(thread_id)
    }

    /// The buyer answers in one of their conversations (a closed one opens again).
    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn reply_to_thread(
        &self,
        person_id: i64,
        thread_id: i64,
        body: &str,
        files: &[Attachment],
    ) -> Result<(), MessageError> {
        self.store.thread_of_person(person_id, thread_id).await?.ok_or(MessageError::NotFound)?;
        let body = check_text(body, "a mensagem", 1, MAX_BODY_CHARS)?;
        let stored = self.store_attachments(files).await?;
        let attachments: Vec<NewAttachment<'_>> = stored.iter().map(as_new).collect();
        self.store.insert_reply(thread_id, Some(person_id), None, &body, self.now(), &attachments).await?;
        Ok(())
    }

    /// A file of one of the buyer's conversations.
    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn my_attachment(
        &self,
        person_id: i64,
        attachment_id: i64,
    ) -> Result<DocumentFile, MessageError> {
        let AttachmentRow { file_name, content_type, storage_key, .. } =
            self.store.attachment_of_person(person_id, attachment_id).await?.ok_or(MessageError::NotFound)?;
        let bytes = self.storage.get(&storage_key).await?;
        Ok(DocumentFile { file_name, content_type, bytes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n";
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";

    fn file(name: &str, bytes: &[u8]) -> Attachment {
        Attachment { file_name: name.into(), bytes: bytes.to_vec() }
    }

    #[test]
    fn types_come_from_the_content_not_the_name() {
        let files = [file("comprovante.png", PDF), file("foto", PNG)];
        let checked = check_attachments(&files).unwrap();
        assert_eq!(
            (checked[0].0.file_name.as_str(), checked[0].0.content_type),
            ("comprovante.pdf", "application/pdf")
        );
        assert_eq!((checked[1].0.file_name.as_str(), checked[1].0.content_type), ("foto.png", "image/png"));
        let disguised = [file("nota.pdf", b"<html><script>alert(1)</script>")];
        let html = check_attachments(&disguised);
        assert!(
            matches!(html, Err(MessageError::Invalid(text)) if text.contains("não é PDF, JPG, PNG ou WEBP"))
        );
    }

    #[test]
    fn limits_count_and_size() {
        let four = vec![file("a.pdf", PDF); 4];
        let empty = [file("", b"")];
        assert!(
            matches!(check_attachments(&four), Err(MessageError::Invalid(text)) if text.contains("no máximo 3"))
        );
        let mut big = PDF.to_vec();
        big.resize(MAX_ATTACHMENT_BYTES + 1, b' ');
        assert!(
            matches!(check_attachments(&[file("grande.pdf", &big)]), Err(MessageError::Invalid(text)) if text.contains("passa de 10 MB"))
        );
        assert!(check_attachments(&empty).unwrap().is_empty(), "an empty file input sends nothing");
    }
}
