use sqlx::FromRow;

use crate::paging::{PageOf, PageRequest};
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
/// (except condominium documents, which only the síndicos of that empreendimento see). Only the
/// newest version of a replaced file, and nothing staff unpublished.
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
         (SELECT development_id FROM development_syndic WHERE person_id = $1))) \
     AND d.superseded_at IS NULL AND d.unpublished_at IS NULL";

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

    /// One page of what the person may see, of one type (`kind`) or all, ordered by type and
    /// newest first, with how many there are in all.
    pub(crate) async fn document_page_visible_to(
        &self,
        person_id: i64,
        kind: Option<&str>,
        page: PageRequest,
    ) -> Result<PageOf<DocumentRow>, StoreError> {
        let of_kind = if kind.is_some() { "AND d.kind = $2" } else { "AND $2 = $2" };
        let kind = kind.unwrap_or_default();
        let count_sql = format!("SELECT COUNT(*) FROM ({VISIBLE_DOCUMENTS} {of_kind}) AS visible");
        let (total,): (i64,) =
            sqlx::query_as(&count_sql).bind(person_id).bind(kind).fetch_one(&self.pool).await?;
        let sql = format!(
            "{VISIBLE_DOCUMENTS} {of_kind} ORDER BY d.kind, d.published_at DESC, d.id LIMIT $3 OFFSET $4"
        );
        let items = sqlx::query_as(&sql)
            .bind(person_id)
            .bind(kind)
            .bind(page.limit())
            .bind(page.offset())
            .fetch_all(&self.pool)
            .await?;
        Ok(PageOf { items, total })
    }
}
