//! Documentos in the back office: publish a file (PDF, JPG, PNG, WEBP by content, up to 20 MB)
//! to a person, contract, unit, empreendimento or its condomínio; replace it keeping every
//! version for staff; unpublish and publish again; optionally e-mail whoever can see it.

use super::staff_model::*;
use super::staff_store::{NewStaffDocument, Placement, StaffDocumentRecord};
use super::{format_size, DocumentFile};
use crate::notifications::staff_templates;
use crate::paging::PageRequest;
use crate::property::UnitSummary;
use crate::staff::{CurrentStaff, Permission, StaffError};
use crate::time_br::format_timestamp;
use crate::uploads::check_upload;
use crate::Portal;

fn subject_of(document_id: i64) -> String {
    format!("document:{document_id}")
}

/// A file to publish: where, what, and the bytes as uploaded.
#[derive(Debug, Clone, Copy)]
pub struct NewDocumentUpload<'a> {
    /// `pessoa`, `contrato`, `unidade`, `empreendimento` or `condominio`.
    pub scope: &'a str,
    pub id: i64,
    pub kind: &'a str,
    pub title: &'a str,
    pub file_name: &'a str,
    pub bytes: &'a [u8],
    /// E-mail whoever can see it.
    pub notify: bool,
}

fn scope_code(record: &StaffDocumentRecord) -> &'static str {
    match (record.scope.as_str(), record.kind.as_str()) {
        ("person", _) => "pessoa",
        ("contract", _) => "contrato",
        ("unit", _) => "unidade",
        (_, "condominio") => "condominio",
        _ => "empreendimento",
    }
}

fn placement_of(record: &StaffDocumentRecord) -> Placement {
    Placement {
        scope: match record.scope.as_str() {
            "person" => "person",
            "contract" => "contract",
            "unit" => "unit",
            _ => "development",
        },
        person_id: record.person_id,
        contract_id: record.contract_id,
        unit_id: record.unit_id,
        development_id: record.development_id,
    }
}

fn kind_label(kind: &str) -> String {
    if kind == "condominio" {
        return "Condomínio".to_string();
    }
    PUBLISHED_KINDS.iter().find(|(code, _)| *code == kind).map_or("Outros", |(_, label)| label).to_string()
}

impl Portal {
    /// Where a document for (`scope`, `id`) goes, if the record is in the staff user's scope.
    async fn placement(
        &self,
        staff: &CurrentStaff,
        scope: &str,
        id: i64,
    ) -> Result<(Placement, DocumentTarget), StaffError> {
        let none = Placement {
            scope: "development",
            person_id: None,
            contract_id: None,
            unit_id: None,
            development_id: None,
        };
        let (placement, label, page) = match scope {
            "pessoa" => {
                let person =
                    self.store.person_for_staff(&staff.scope, id).await?.ok_or(StaffError::NotFound)?;
                (
                    Placement { scope: "person", person_id: Some(id), ..none },
                    person.name,
                    format!("/equipe/pessoas/{id}"),
                )
            }
            "contrato" => {
                let contract =
                    self.store.contract_for_staff(&staff.scope, id).await?.ok_or(StaffError::NotFound)?;
                (
                    Placement { scope: "contract", contract_id: Some(id), ..none },
                    format!("Contrato {}", contract.number),
                    format!("/equipe/contratos/{id}"),
                )
            }
            "unidade" => {
                let unit = self.store.unit_for_staff(&staff.scope, id).await?.ok_or(StaffError::NotFound)?;
                let label = UnitSummary::label_of(unit.block.as_deref(), &unit.kind, &unit.number);
                (
                    Placement { scope: "unit", unit_id: Some(id), ..none },
                    format!("{} · {label}", unit.development),
                    format!("/equipe/unidades/{id}"),
                )
            }
            "empreendimento" | "condominio" => {
                let development = self.development_in_scope(staff, id).await?;
                let label = if scope == "condominio" {
                    format!("{} (síndicos)", development.name)
                } else {
                    development.name
                };
                (
                    Placement { scope: "development", development_id: Some(id), ..none },
                    label,
                    format!("/equipe/empreendimentos/{id}"),
                )
            }
            _ => return Err(StaffError::NotFound),
        };
        let kind = if scope == "condominio" { "condominio" } else { "" };
        let audience = self.store.document_audience(&placement, kind).await?.len() as i64;
        Ok((placement, DocumentTarget { scope: scope.to_string(), id, label, page, audience }))
    }

    /// The record a new document would go to, for the upload page.
    pub async fn staff_document_target(
        &self,
        staff: &CurrentStaff,
        scope: &str,
        id: i64,
    ) -> Result<DocumentTarget, StaffError> {
        staff.require(Permission::EditRecords)?;
        Ok(self.placement(staff, scope, id).await?.1)
    }

    /// E-mails whoever can see the document (the outbox keeps each message).
    async fn notify_audience(
        &self,
        placement: &Placement,
        kind: &str,
        title: &str,
    ) -> Result<usize, StaffError> {
        let audience = self.store.document_audience(placement, kind).await?;
        let link = format!("{}/documentos", self.public_url);
        for (name, email) in &audience {
            self.notify(&staff_templates::document_published(email, name, title, &link)).await?;
        }
        Ok(audience.len())
    }

    /// Publishes a file to a record in scope; its id.
    pub async fn publish_document(
        &self,
        staff: &CurrentStaff,
        upload: NewDocumentUpload<'_>,
    ) -> Result<i64, StaffError> {
        staff.require(Permission::EditRecords)?;
        let (placement, target) = self.placement(staff, upload.scope, upload.id).await?;
        let kind = if upload.scope == "condominio" { "condominio" } else { upload.kind };
        if kind != "condominio" && !PUBLISHED_KINDS.iter().any(|(code, _)| *code == kind) {
            return Err(StaffError::Invalid("Escolha o tipo do documento.".into()));
        }
        let title = crate::records::rules::tidy(upload.title);
        if !(3..=120).contains(&title.chars().count()) {
            return Err(StaffError::Invalid("Dê ao documento um título de 3 a 120 caracteres.".into()));
        }
        let id =
            self.store_document(staff, placement, kind, &title, upload.file_name, upload.bytes, None).await?;
        let notified = if upload.notify { self.notify_audience(&placement, kind, &title).await? } else { 0 };
        let detail = format!("{title}; {}; {}; avisados: {notified}", kind_label(kind), target.label);
        self.store
            .record_audit_about(
                self.now(),
                staff.actor(),
                "document_published",
                staff.ip.as_deref(),
                &subject_of(id),
                &detail,
            )
            .await?;
        self.emit_webhook(crate::partners::WebhookEvent::DocumentPublished, &[("documento_id", id)]).await;
        Ok(id)
    }

    #[allow(clippy::too_many_arguments)]
    async fn store_document(
        &self,
        staff: &CurrentStaff,
        placement: Placement,
        kind: &str,
        title: &str,
        file_name: &str,
        bytes: &[u8],
        previous_id: Option<i64>,
    ) -> Result<i64, StaffError> {
        if bytes.is_empty() {
            return Err(StaffError::Invalid("Escolha o arquivo a publicar.".into()));
        }
        let checked = check_upload(file_name, bytes, MAX_DOCUMENT_BYTES).map_err(StaffError::Invalid)?;
        let stored = self
            .store_upload(checked, bytes)
            .await
            .map_err(StaffError::Storage)?
            .map_err(StaffError::Invalid)?;
        let inserted = self
            .store
            .insert_staff_document(&NewStaffDocument {
                placement,
                kind,
                title,
                file_name: &stored.file_name,
                content_type: stored.content_type,
                size_bytes: stored.size_bytes,
                storage_key: &stored.storage_key,
                published_at: self.now(),
                published_by: staff.id,
                previous_id,
            })
            .await;
        match inserted {
            Ok(Some(id)) => Ok(id),
            other => {
                // Nothing refers to the file: do not leave it behind.
                if let Err(error) = self.storage.delete(&stored.storage_key).await {
                    tracing::warn!(%error, "could not delete an unused document file");
                }
                match other {
                    Ok(_) => Err(StaffError::Invalid(
                        "Outra pessoa substituiu este arquivo agora há pouco: confira a versão atual.".into(),
                    )),
                    Err(error) => Err(error.into()),
                }
            }
        }
    }

    async fn document_in_scope(
        &self,
        staff: &CurrentStaff,
        document_id: i64,
    ) -> Result<StaffDocumentRecord, StaffError> {
        self.store.staff_document(&staff.scope, document_id).await?.ok_or(StaffError::NotFound)
    }

    /// Replaces a document's file: buyers see the new one; staff keep seeing every version.
    /// Returns the new version's id.
    pub async fn replace_document(
        &self,
        staff: &CurrentStaff,
        document_id: i64,
        file_name: &str,
        bytes: &[u8],
        notify: bool,
    ) -> Result<i64, StaffError> {
        staff.require(Permission::EditRecords)?;
        let current = self.document_in_scope(staff, document_id).await?;
        if current.superseded_at.is_some() {
            return Err(StaffError::Invalid(
                "Esta versão já foi substituída: substitua a versão atual.".into(),
            ));
        }
        let placement = placement_of(&current);
        let id = self
            .store_document(
                staff,
                placement,
                &current.kind,
                &current.title,
                file_name,
                bytes,
                Some(document_id),
            )
            .await?;
        let notified = if notify && current.unpublished_at.is_none() {
            self.notify_audience(&placement, &current.kind, &current.title).await?
        } else {
            0
        };
        let detail = format!("{}: {} → nova versão; avisados: {notified}", current.title, current.file_name);
        self.store
            .record_audit_about(
                self.now(),
                staff.actor(),
                "document_replaced",
                staff.ip.as_deref(),
                &subject_of(id),
                &detail,
            )
            .await?;
        Ok(id)
    }

    /// Unpublishes a document (buyers stop seeing it; staff keep it) or publishes it again.
    pub async fn set_document_published(
        &self,
        staff: &CurrentStaff,
        document_id: i64,
        published: bool,
    ) -> Result<(), StaffError> {
        staff.require(Permission::EditRecords)?;
        let current = self.document_in_scope(staff, document_id).await?;
        if current.superseded_at.is_some() {
            return Err(StaffError::Invalid("Esta versão já foi substituída: use a versão atual.".into()));
        }
        let at = (!published).then(|| self.now());
        if self.store.set_document_unpublished(document_id, at).await? {
            let action = if published { "document_republished" } else { "document_unpublished" };
            self.store
                .record_audit_about(
                    self.now(),
                    staff.actor(),
                    action,
                    staff.ip.as_deref(),
                    &subject_of(document_id),
                    &current.title,
                )
                .await?;
            if published {
                let event = crate::partners::WebhookEvent::DocumentPublished;
                self.emit_webhook(event, &[("documento_id", document_id)]).await;
            }
        }
        Ok(())
    }

    /// One page of the current documents in scope, searched by title.
    pub async fn staff_documents(
        &self,
        staff: &CurrentStaff,
        filter: &StaffDocumentFilter,
    ) -> Result<StaffDocumentList, StaffError> {
        staff.require(Permission::ViewRecords)?;
        let search = crate::records::rules::tidy(&filter.search).to_lowercase().replace(['%', '_'], "");
        let search = if search.is_empty() { search } else { format!("%{search}%") };
        let situation = if ["publicados", "retirados"].contains(&filter.situation.as_str()) {
            &filter.situation
        } else {
            ""
        };
        let page = PageRequest::new(Some(filter.page), Some(u64::from(DOCUMENTS_PER_PAGE)));
        let (order, order_sql) =
            crate::paging::order_by(&filter.order, &DOCUMENT_ORDERS, "-publicado", "d.id");
        let found =
            self.store.staff_document_page(&staff.scope, &search, situation, &order_sql, page).await?;
        Ok(StaffDocumentList {
            rows: found
                .items
                .into_iter()
                .map(|record| StaffDocumentRow {
                    id: record.id,
                    kind: kind_label(&record.kind),
                    published_on: format_timestamp(record.published_at),
                    published: record.unpublished_at.is_none(),
                    target: record.target,
                    title: record.title,
                })
                .collect(),
            total: found.total,
            order,
            page: page.number(),
            pages: (found.total.max(0) as u64).div_ceil(u64::from(DOCUMENTS_PER_PAGE)).max(1),
        })
    }

    /// A document's page: the current version and every earlier one.
    pub async fn staff_document_detail(
        &self,
        staff: &CurrentStaff,
        document_id: i64,
    ) -> Result<StaffDocumentDetail, StaffError> {
        staff.require(Permission::ViewRecords)?;
        let record = self.document_in_scope(staff, document_id).await?;
        let (_, target) = self.placement(staff, scope_code(&record), target_id(&record)).await?;
        let mut versions = Vec::new();
        let mut next = Some(record.clone());
        while let Some(version) = next.take() {
            versions.push(DocumentVersion {
                id: version.id,
                file_name: version.file_name.clone(),
                size: format_size(version.size_bytes),
                published_at: format_timestamp(version.published_at),
                by: version.published_by.clone().unwrap_or_else(|| "sistema".to_string()),
                current: version.superseded_at.is_none(),
            });
            if versions.len() < 100 {
                if let Some(previous) = version.previous_id {
                    next = self.store.staff_document(&staff.scope, previous).await?;
                }
            }
        }
        Ok(StaffDocumentDetail {
            id: record.id,
            title: record.title.clone(),
            kind: kind_label(&record.kind),
            target,
            published: record.unpublished_at.is_none(),
            versions,
            can_edit: staff.may(Permission::EditRecords) && record.superseded_at.is_none(),
        })
    }

    /// A version's file, for staff whose scope has its record.
    pub async fn staff_document_file(
        &self,
        staff: &CurrentStaff,
        document_id: i64,
    ) -> Result<DocumentFile, StaffError> {
        staff.require(Permission::ViewRecords)?;
        let record = self.document_in_scope(staff, document_id).await?;
        Ok(DocumentFile {
            file_name: record.file_name,
            content_type: record.content_type,
            bytes: self.storage.get(&record.storage_key).await.map_err(StaffError::Storage)?,
        })
    }
}

fn target_id(record: &StaffDocumentRecord) -> i64 {
    record.person_id.or(record.contract_id).or(record.unit_id).or(record.development_id).unwrap_or_default()
}
