use serde::{Deserialize, Serialize};

/// `contrato` → `Contratos`: the group heading of a document type.
pub fn document_kind_label(kind: &str) -> &'static str {
    match kind {
        "contrato" => "Contratos",
        "memorial" => "Memoriais descritivos",
        "obra" => "Obra",
        "manual" => "Manuais",
        "condominio" => "Condomínio",
        "financeiro" => "Financeiro",
        "pessoal" => "Documentos pessoais",
        _ => "Outros",
    }
}

/// `12.345` bytes → `12,1 KB`.
pub fn format_size(bytes: i64) -> String {
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let (value, unit) = if bytes < 1024 * 1024 {
        (bytes as f64 / 1024.0, "KB")
    } else {
        (bytes as f64 / (1024.0 * 1024.0), "MB")
    };
    format!("{value:.1} {unit}").replace('.', ",")
}

/// A document the buyer may see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentItem {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    /// `dd/mm/aaaa`.
    pub published_on: String,
    /// What it belongs to: `Contrato HZ-2024-0117`, an empreendimento, or `Seu cadastro`.
    pub context: String,
}

/// Documents of one type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentGroup {
    pub kind: String,
    pub label: String,
    pub documents: Vec<DocumentItem>,
}

/// `/documentos`: the visible documents grouped by type (filtered), and every type there is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentList {
    pub groups: Vec<DocumentGroup>,
    /// `(code, label)` of every type the buyer has, for the filter.
    pub kinds: Vec<(String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_brazilians_write_them() {
        assert_eq!(format_size(512), "512 bytes");
        assert_eq!(format_size(12_400), "12,1 KB");
        assert_eq!(format_size(3 * 1024 * 1024 + 400_000), "3,4 MB");
    }
}
