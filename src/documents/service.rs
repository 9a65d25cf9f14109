use super::model::*;
use super::store::DocumentRow;
use crate::paging::{PageOf, PageRequest};
use crate::property::PropertyError;
use crate::time_br::format_timestamp;
use crate::Portal;

/// A file ready to send: its safe name, type and bytes.
#[derive(Debug)]
pub struct DocumentFile {
    pub file_name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

fn item_of(row: DocumentRow) -> DocumentItem {
    let context = match (&row.contract_number, &row.development_name) {
        (Some(number), _) => format!("Contrato {number}"),
        (None, Some(development)) => development.clone(),
        (None, None) => "Seu cadastro".to_string(),
    };
    DocumentItem {
        id: row.id,
        published_on: format_timestamp(row.published_at).chars().take(10).collect(),
        kind: row.kind,
        title: row.title,
        file_name: row.file_name,
        content_type: row.content_type,
        size_bytes: row.size_bytes,
        context,
    }
}

impl Portal {
    /// The documents the person may see, grouped by type; `kind` keeps one type only.
    /// One page of what the buyer may see, of one type or all, cut in SQL (the partner API).
    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn my_document_page(
        &self,
        person_id: i64,
        kind: Option<&str>,
        page: PageRequest,
    ) -> Result<PageOf<DocumentItem>, PropertyError> {
        Ok(self.store.document_page_visible_to(person_id, kind, page).await?.map(item_of))
    }

    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn my_documents(
        &self,
        person_id: i64,
        kind: Option<&str>,
    ) -> Result<DocumentList, PropertyError> {
        let rows = self.store.documents_visible_to(person_id).await?;
        let mut kinds: Vec<(String, String)> = Vec::new();
        let mut groups: Vec<DocumentGroup> = Vec::new();
        for row in rows {
            if !kinds.iter().any(|(code, _)| *code == row.kind) {
                kinds.push((row.kind.clone(), document_kind_label(&row.kind).to_string()));
            }
            if kind.is_some_and(|wanted| wanted != row.kind) {
                continue;
            }
            match groups.iter_mut().find(|group| group.kind == row.kind) {
                Some(group) => group.documents.push(item_of(row)),
                None => groups.push(DocumentGroup {
                    kind: row.kind.clone(),
                    label: document_kind_label(&row.kind).to_string(),
                    documents: vec![item_of(row)],
                }),
            }
        }
        Ok(DocumentList { groups, kinds })
    }

    /// One document's file, checked against the person on every call: anyone else's (or a
    /// missing file) is [`PropertyError::NotFound`].
    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn my_document_file(
        &self,
        person_id: i64,
        document_id: i64,
    ) -> Result<DocumentFile, PropertyError> {
        let row =
            self.store.document_visible_to(person_id, document_id).await?.ok_or(PropertyError::NotFound)?;
        let bytes = self.storage.get(&row.storage_key).await.map_err(|error| {
            tracing::error!(%error, document = row.id, "stored file missing");
            PropertyError::NotFound
        })?;
        Ok(DocumentFile { file_name: row.file_name, content_type: row.content_type, bytes })
    }
}
