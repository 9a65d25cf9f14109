use sqlx::FromRow;

use crate::store::{Store, StoreError};

#[derive(Debug, Clone, FromRow)]
pub(crate) struct DocumentRow {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub storage_key: String,
    pub published_at: i64,
    pub contract_number: Option<String>,
    pub development_name: Option<String>,
}

/// Documents person `$1` may see: their own; their contracts' and units'; their empreendimentos'
/// (except condominium documents, which only the síndicos of that empreendimento see).
const VISIBLE_DOCUMENTS: &str = "SELECT d.id, d.kind, d.title, d.file_name, d.content_type, d.size_bytes, \
     d.storage_key, d.published_at, c.number AS contract_number, dev.name AS development_name \
     FROM document d \
     LEFT JOIN contract c ON c.id = d.contract_id \
     LEFT JOIN development dev ON dev.id = d.development_id \
     WHERE ((d.scope = 'person' AND d.person_id = $1) \
     OR (d.scope = 'contract' AND d.contract_id IN \
         (SELECT contract_id FROM contract_party WHERE person_id = $1)) \
     OR (d.scope = 'unit' AND d.unit_id IN (SELECT mc.unit_id FROM contract mc \
         JOIN contract_party mp ON mp.contract_id = mc.id WHERE mp.person_id = $1)) \
     OR (d.scope = 'development' AND d.kind <> 'condominio' AND d.development_id IN \
         (SELECT mu.development_id FROM unit mu JOIN contract mc ON mc.unit_id = mu.id \
          JOIN contract_party mp ON mp.contract_id = mc.id WHERE mp.person_id = $1)) \
     OR (d.scope = 'development' AND d.kind = 'condominio' AND d.development_id IN \
         (SELECT development_id FROM development_syndic WHERE person_id = $1)))";

impl Store {
    pub(crate) async fn documents_visible_to(&self, person_id: i64) -> Result<Vec<DocumentRow>, StoreError> {
        let sql = format!("{VISIBLE_DOCUMENTS} ORDER BY d.kind, d.published_at DESC, d.id");
        Ok(sqlx::query_as(&sql).bind(person_id).fetch_all(&self.pool).await?)
    }

    pub(crate) async fn document_visible_to(
        &self,
        person_id: i64,
        document_id: i64,
    ) -> Result<Option<DocumentRow>, StoreError> {
        let sql = format!("{VISIBLE_DOCUMENTS} AND d.id = $2");
        Ok(sqlx::query_as(&sql).bind(person_id).bind(document_id).fetch_optional(&self.pool).await?)
    }
}
