//! What the back office's document pages show and keep.

use serde::{Deserialize, Serialize};

/// The kinds of document staff publish: code and label (`condominio` goes by its own scope).
pub const PUBLISHED_KINDS: [(&str, &str); 8] = [
    ("contrato", "Contrato"),
    ("quitacao", "Termo de quitação"),
    ("memorial", "Memorial descritivo"),
    ("obra", "Obra"),
    ("manual", "Manual"),
    ("financeiro", "Financeiro"),
    ("pessoal", "Documento pessoal"),
    ("outros", "Outros"),
];

/// Who may see a document, as the page's address names it: code and label.
pub const DOCUMENT_SCOPES: [(&str, &str); 5] = [
    ("pessoa", "Uma pessoa"),
    ("contrato", "Os compradores de um contrato"),
    ("unidade", "Os compradores de uma unidade"),
    ("empreendimento", "Os compradores de um empreendimento"),
    ("condominio", "Os síndicos de um empreendimento (condomínio)"),
];

/// Largest document accepted.
pub const MAX_DOCUMENT_BYTES: usize = 20 * 1024 * 1024;

/// The record a document is published to, and who sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentTarget {
    /// `pessoa`, `contrato`, `unidade`, `empreendimento` or `condominio`.
    pub scope: String,
    pub id: i64,
    /// `Contrato HZ-2024-0117`, `Edifício Mirante do Parque (síndicos)`…
    pub label: String,
    /// The record's page.
    pub page: String,
    /// How many buyers (not blocked) would see it.
    pub audience: i64,
}

/// What the upload form keeps of a refused upload (never the file).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentUploadDraft {
    pub kind: String,
    pub title: String,
    pub notify: bool,
    pub error: String,
}

/// The draft name of the upload and replace forms.
pub const DOCUMENT_DRAFT: &str = "equipe-documento";

/// The documents list's filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffDocumentFilter {
    pub search: String,
    /// `publicados`, `retirados` or empty for all.
    pub situation: String,
    /// `titulo` or `publicado`; `-` first for descending.
    pub order: String,
    pub page: u64,
}

/// The columns the documents list sorts by: code and SQL.
pub const DOCUMENT_ORDERS: [(&str, &str); 2] =
    [("titulo", "LOWER(d.title)"), ("publicado", "d.published_at")];

pub const DOCUMENTS_PER_PAGE: u32 = 25;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffDocumentRow {
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub target: String,
    pub published_on: String,
    pub published: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffDocumentList {
    pub rows: Vec<StaffDocumentRow>,
    pub order: String,
    pub total: i64,
    pub page: u64,
    pub pages: u64,
}

/// One version of a document's file, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentVersion {
    pub id: i64,
    pub file_name: String,
    pub size: String,
    pub published_at: String,
    pub by: String,
    pub current: bool,
}

/// A document's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffDocumentDetail {
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub target: DocumentTarget,
    pub published: bool,
    pub versions: Vec<DocumentVersion>,
    pub can_edit: bool,
}
