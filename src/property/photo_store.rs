//! The store of the works photos: who may see which, and the rows staff add and remove.

use sqlx::FromRow;

use super::model::WorksPhoto;
use crate::paging::{PageOf, PageRequest};
use crate::store::{Store, StoreError};
use crate::time_br::display_iso_date;

#[derive(Debug, Clone, FromRow)]
pub(crate) struct PhotoRow {
    pub id: i64,
    pub development_id: i64,
    pub taken_on: String,
    pub caption: String,
    pub storage_key: String,
    pub width: i64,
    pub height: i64,
    pub thumbnail_key: String,
    pub thumbnail_width: i64,
    pub thumbnail_height: i64,
}

impl From<PhotoRow> for WorksPhoto {
    fn from(row: PhotoRow) -> Self {
        Self {
            id: row.id,
            development_id: row.development_id,
            taken_on: display_iso_date(&row.taken_on),
            taken_on_iso: row.taken_on,
            caption: row.caption,
            width: row.width,
            height: row.height,
            thumbnail_width: row.thumbnail_width,
            thumbnail_height: row.thumbnail_height,
        }
    }
}

/// Photos person `$1` may see: those of the empreendimentos they buy in.
const VISIBLE_PHOTOS: &str = "SELECT p.id, p.development_id, p.taken_on, p.caption, p.storage_key, \
     p.width, p.height, p.thumbnail_key, p.thumbnail_width, p.thumbnail_height \
     FROM development_photo p WHERE p.development_id IN \
     (SELECT u.development_id FROM unit u JOIN contract c ON c.unit_id = u.id \
      JOIN contract_party cp ON cp.contract_id = c.id WHERE cp.person_id = $1)";

const NEWEST_FIRST: &str = "ORDER BY p.taken_on DESC, p.id DESC";

pub(crate) struct NewPhotoRow<'a> {
    pub development_id: i64,
    pub taken_on: &'a str,
    pub caption: &'a str,
    pub storage_key: &'a str,
    pub size: (u32, u32),
    pub thumbnail_key: &'a str,
    pub thumbnail_size: (u32, u32),
    pub published_at: i64,
}

/// A newest photo of an empreendimento, with how many it has in all.
#[derive(Debug, FromRow)]
pub(crate) struct RecentPhotoRow {
    #[sqlx(flatten)]
    pub photo: PhotoRow,
    pub photo_count: i64,
}

impl Store {
    /// The `per_development` newest photos of each empreendimento the person buys in, newest
    /// first, each with its empreendimento's photo count: cut in SQL, not from every photo.
    pub(crate) async fn recent_photos_visible_to(
        &self,
        person_id: i64,
        per_development: i64,
    ) -> Result<Vec<RecentPhotoRow>, StoreError> {
        let sql = format!(
            "SELECT id, development_id, taken_on, caption, storage_key, width, height, thumbnail_key, \
             thumbnail_width, thumbnail_height, photo_count FROM \
             (SELECT p.*, ROW_NUMBER() OVER (PARTITION BY p.development_id {NEWEST_FIRST}) AS newness, \
              COUNT(*) OVER (PARTITION BY p.development_id) AS photo_count FROM ({VISIBLE_PHOTOS}) AS p) \
             AS ranked WHERE newness <= $2 ORDER BY development_id, newness"
        );
        Ok(sqlx::query_as(&sql).bind(person_id).bind(per_development).fetch_all(&self.pool).await?)
    }

    pub(crate) async fn photos_visible_to(&self, person_id: i64) -> Result<Vec<PhotoRow>, StoreError> {
        let sql = format!("{VISIBLE_PHOTOS} {NEWEST_FIRST}");
        Ok(sqlx::query_as(&sql).bind(person_id).fetch_all(&self.pool).await?)
    }

    /// One page of the photos of one empreendimento the person buys in, newest first.
    pub(crate) async fn photo_page_of_development(
        &self,
        person_id: i64,
        development_id: i64,
        page: PageRequest,
    ) -> Result<PageOf<PhotoRow>, StoreError> {
        let count_sql =
            format!("SELECT COUNT(*) FROM ({VISIBLE_PHOTOS} AND p.development_id = $2) AS visible");
        let (total,): (i64,) =
            sqlx::query_as(&count_sql).bind(person_id).bind(development_id).fetch_one(&self.pool).await?;
        let sql = format!("{VISIBLE_PHOTOS} AND p.development_id = $2 {NEWEST_FIRST} LIMIT $3 OFFSET $4");
        let items = sqlx::query_as(&sql)
            .bind(person_id)
            .bind(development_id)
            .bind(page.limit())
            .bind(page.offset())
            .fetch_all(&self.pool)
            .await?;
        Ok(PageOf { items, total })
    }

    pub(crate) async fn photo_visible_to(
        &self,
        person_id: i64,
        photo_id: i64,
    ) -> Result<Option<PhotoRow>, StoreError> {
        let sql = format!("{VISIBLE_PHOTOS} AND p.id = $2");
        Ok(sqlx::query_as(&sql).bind(person_id).bind(photo_id).fetch_optional(&self.pool).await?)
    }

    pub(crate) async fn development_exists(&self, development_id: i64) -> Result<bool, StoreError> {
        let found: Option<i64> = sqlx::query_scalar("SELECT id FROM development WHERE id = $1")
            .bind(development_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(found.is_some())
    }

    pub(crate) async fn photo(&self, photo_id: i64) -> Result<Option<PhotoRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, development_id, taken_on, caption, storage_key, width, height, thumbnail_key, \
             thumbnail_width, thumbnail_height FROM development_photo WHERE id = $1",
        )
        .bind(photo_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    pub(crate) async fn delete_photo(&self, photo_id: i64) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM development_photo WHERE id = $1").bind(photo_id).execute(&self.pool).await?;
        Ok(())
    }

    pub(crate) async fn insert_photo(&self, photo: &NewPhotoRow<'_>) -> Result<i64, StoreError> {
        self.insert_returning_id(
            sqlx::query_as(
                "INSERT INTO development_photo (development_id, taken_on, caption, storage_key, width, \
                 height, thumbnail_key, thumbnail_width, thumbnail_height, published_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
            )
            .bind(photo.development_id)
            .bind(photo.taken_on)
            .bind(photo.caption)
            .bind(photo.storage_key)
            .bind(i64::from(photo.size.0))
            .bind(i64::from(photo.size.1))
            .bind(photo.thumbnail_key)
            .bind(i64::from(photo.thumbnail_size.0))
            .bind(i64::from(photo.thumbnail_size.1))
            .bind(photo.published_at),
        )
        .await
    }
}
