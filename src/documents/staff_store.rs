//! SQL of the back office's documents: the scope applied inside each query, versions linked by
//! `previous_id`, replacing and unpublishing in one statement or transaction.

use sqlx::FromRow;

use crate::paging::{PageOf, PageRequest};
use crate::staff::store::{person_in_scope, scope_condition};
use crate::staff::StaffScope;
use crate::store::{Store, StoreError};

#[derive(Debug, Clone, FromRow)]
pub(crate) struct StaffDocumentRecord {
    pub id: i64,
    pub scope: String,
    pub person_id: Option<i64>,
    pub contract_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub development_id: Option<i64>,
    pub kind: String,
    pub title: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub storage_key: String,
    pub published_at: i64,
    pub published_by: Option<String>,
    pub previous_id: Option<i64>,
    pub superseded_at: Option<i64>,
    pub unpublished_at: Option<i64>,
    pub target: String,
}

/// Where a new document goes (the `document` columns), already checked against the scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Placement {
    pub scope: &'static str,
    pub person_id: Option<i64>,
    pub contract_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub development_id: Option<i64>,
}

pub(crate) struct NewStaffDocument<'a> {
    pub placement: Placement,
    pub kind: &'a str,
    pub title: &'a str,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub storage_key: &'a str,
    pub published_at: i64,
    pub published_by: i64,
    pub previous_id: Option<i64>,
}

/// A SQL condition true for a document `d` about a record in `scope`.
fn document_in_scope(scope: &StaffScope) -> String {
    if matches!(scope, StaffScope::Everything) {
        return "1 = 1".to_string();
    }
    format!(
        "((d.scope = 'person' AND {}) OR (d.scope = 'development' AND {}) \
         OR (d.scope = 'unit' AND EXISTS (SELECT 1 FROM unit du WHERE du.id = d.unit_id AND {})) \
         OR (d.scope = 'contract' AND EXISTS (SELECT 1 FROM contract dc JOIN unit dcu ON dcu.id = dc.unit_id \
             WHERE dc.id = d.contract_id AND {})))",
        person_in_scope(scope, "d.person_id"),
        scope_condition(scope, "d.development_id"),
        scope_condition(scope, "du.development_id"),
        scope_condition(scope, "dcu.development_id"),
    )
}

/// The columns of a document with a label of its record (`target`).
const DOCUMENT_COLUMNS: &str = "SELECT d.id, d.scope, d.person_id, d.contract_id, d.unit_id, d.development_id, \
     d.kind, d.title, d.file_name, d.content_type, d.size_bytes, d.storage_key, d.published_at, \
     s.name AS published_by, d.previous_id, d.superseded_at, d.unpublished_at, \
     CASE d.scope WHEN 'person' THEN p.name WHEN 'contract' THEN 'Contrato ' || c.number \
       WHEN 'unit' THEN ud.name || ' · ' || COALESCE(ub.name || ' · ', '') || u.kind || ' ' || u.number \
       ELSE dev.name END AS target \
     FROM document d LEFT JOIN staff_user s ON s.id = d.published_by \
     LEFT JOIN person p ON p.id = d.person_id LEFT JOIN contract c ON c.id = d.contract_id \
     LEFT JOIN unit u ON u.id = d.unit_id LEFT JOIN block ub ON ub.id = u.block_id \
     LEFT JOIN development ud ON ud.id = u.development_id LEFT JOIN development dev ON dev.id = d.development_id";

impl Store {
    /// One page of current documents (the newest version of each) in scope.
    pub(crate) async fn staff_document_page(
        &self,
        scope: &StaffScope,
        search: &str,
        situation: &str,
        order: &str,
        page: PageRequest,
    ) -> Result<PageOf<StaffDocumentRecord>, StoreError> {
        let condition = format!(
            "WHERE d.superseded_at IS NULL AND {} AND ($1 = '' OR LOWER(d.title) LIKE $1) \
             AND ($2 = '' OR ($2 = 'publicados' AND d.unpublished_at IS NULL) \
                  OR ($2 = 'retirados' AND d.unpublished_at IS NOT NULL))",
            document_in_scope(scope)
        );
        let (total,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM document d {condition}"))
            .bind(search)
            .bind(situation)
            .fetch_one(&self.pool)
            .await?;
        let sql = format!("{DOCUMENT_COLUMNS} {condition} ORDER BY {order} LIMIT $3 OFFSET $4");
        let items = sqlx::query_as(&sql)
            .bind(search)
            .bind(situation)
            .bind(page.limit())
            .bind(page.offset())
            .fetch_all(&self.pool)
            .await?;
        Ok(PageOf { items, total })
    }

    pub(crate) async fn staff_document(
        &self,
        scope: &StaffScope,
        document_id: i64,
    ) -> Result<Option<StaffDocumentRecord>, StoreError> {
        let sql = format!("{DOCUMENT_COLUMNS} WHERE d.id = $1 AND {}", document_in_scope(scope));
        Ok(sqlx::query_as(&sql).bind(document_id).fetch_optional(&self.pool).await?)
    }

    /// The people (not blocked) who see documents placed so: name and e-mail.
    pub(crate) async fn document_audience(
        &self,
        placement: &Placement,
        kind: &str,
    ) -> Result<Vec<(String, String)>, StoreError> {
        let in_force = "SELECT cp.person_id FROM contract_party cp JOIN contract c ON c.id = cp.contract_id \
             WHERE c.status <> 'distratado'";
        let (who, id) = match (placement.scope, kind) {
            ("person", _) => ("SELECT id FROM person WHERE id = $1".to_string(), placement.person_id),
            ("contract", _) => (
                "SELECT person_id FROM contract_party WHERE contract_id = $1".to_string(),
                placement.contract_id,
            ),
            ("unit", _) => (format!("{in_force} AND c.unit_id = $1"), placement.unit_id),
            (_, "condominio") => (
                "SELECT person_id FROM development_syndic WHERE development_id = $1".to_string(),
                placement.development_id,
            ),
            _ => (
                format!("{in_force} AND c.unit_id IN (SELECT id FROM unit WHERE development_id = $1)"),
                placement.development_id,
            ),
        };
        let sql = format!(
            "SELECT name, email FROM person WHERE blocked_at IS NULL AND id IN ({who}) ORDER BY name"
        );
        Ok(sqlx::query_as(&sql).bind(id.unwrap_or_default()).fetch_all(&self.pool).await?)
    }

    /// Inserts a document; a new version also marks the one it replaces superseded, unless
    /// someone replaced it first (then nothing is kept and `None` comes back).
    pub(crate) async fn insert_staff_document(
        &self,
        document: &NewStaffDocument<'_>,
    ) -> Result<Option<i64>, StoreError> {
        let mut tx = self.pool.begin().await?;
        if let Some(previous) = document.previous_id {
            let superseded =
                sqlx::query("UPDATE document SET superseded_at = $2 WHERE id = $1 AND superseded_at IS NULL")
                    .bind(previous)
                    .bind(document.published_at)
                    .execute(&mut *tx)
                    .await?;
            if superseded.rows_affected() != 1 {
                return Ok(None);
            }
        }
        let placement = document.placement;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO document (scope, person_id, contract_id, unit_id, development_id, kind, title, file_name, \
             content_type, size_bytes, storage_key, published_at, published_by, previous_id, unpublished_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, \
             (SELECT unpublished_at FROM document WHERE id = $14)) RETURNING id",
        )
        .bind(placement.scope)
        .bind(placement.person_id)
        .bind(placement.contract_id)
        .bind(placement.unit_id)
        .bind(placement.development_id)
        .bind(document.kind)
        .bind(document.title)
        .bind(document.file_name)
        .bind(document.content_type)
        .bind(document.size_bytes)
        .bind(document.storage_key)
        .bind(document.published_at)
        .bind(document.published_by)
        .bind(document.previous_id)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Some(id))
    }

    /// Unpublishes (`at` set) or publishes again (`None`); true if it changed.
    pub(crate) async fn set_document_unpublished(
        &self,
        document_id: i64,
        at: Option<i64>,
    ) -> Result<bool, StoreError> {
        let sql = if at.is_some() {
            "UPDATE document SET unpublished_at = $2 WHERE id = $1 AND unpublished_at IS NULL"
        } else {
            "UPDATE document SET unpublished_at = $2 WHERE id = $1 AND unpublished_at IS NOT NULL"
        };
        Ok(sqlx::query(sql).bind(document_id).bind(at).execute(&self.pool).await?.rows_affected() == 1)
    }
}
