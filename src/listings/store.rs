//! The tables of seed 004: the portal catalogue, each company's portals and feeds, the
//! partners that may manage a company, and the units a feed publishes.

use sqlx::FromRow;

use crate::store::{Store, StoreError};

/// A catalogue portal, with one company's side of it when released for that company.
#[derive(Debug, Clone, FromRow)]
pub(crate) struct PortalRecord {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub needs_user: i64,
    pub needs_site_id: i64,
    pub needs_password: i64,
    pub needs_token: i64,
    pub oauth: i64,
    pub feed_format: Option<String>,
    pub is_online: i64,
    pub company_id: Option<i64>,
    pub active: Option<i64>,
    pub remove_all: Option<i64>,
    pub user_name: Option<String>,
    pub site_id: Option<String>,
    pub password_sealed: Option<String>,
    pub token_sealed: Option<String>,
    pub feed_key: Option<String>,
    pub feed_body: Option<String>,
    pub feed_etag: Option<String>,
    pub feed_units: Option<i64>,
    pub feed_generated_at: Option<i64>,
}

const PORTAL_COLUMNS: &str = "SELECT p.id, p.slug, p.name, p.needs_user, p.needs_site_id, p.needs_password, \
     p.needs_token, p.oauth, p.feed_format, p.is_online, c.company_id, c.active, c.remove_all, c.user_name, \
     c.site_id, c.password_sealed, c.token_sealed, c.feed_key, c.feed_body, c.feed_etag, c.feed_units, \
     c.feed_generated_at FROM listing_portal p";

/// A unit for sale with what its listing shows.
#[derive(Debug, Clone, FromRow)]
pub(crate) struct SaleUnitRecord {
    pub unit_id: i64,
    pub development_id: i64,
    pub development: String,
    pub address: String,
    pub neighborhood: String,
    pub city: String,
    pub state: String,
    pub stage: String,
    pub progress_percent: i64,
    pub expected_delivery: Option<String>,
    pub listing_description: String,
    pub block: Option<String>,
    pub number: String,
    pub floor: i64,
    pub kind: String,
    pub private_area_centi_m2: i64,
    pub parking_spaces: i64,
    pub status: String,
    pub list_price_cents: Option<i64>,
    pub bedrooms: Option<i64>,
    pub bathrooms: Option<i64>,
}

/// A works photo a feed may show, by its empreendimento.
#[derive(Debug, Clone, FromRow)]
pub(crate) struct FeedPhotoRecord {
    pub id: i64,
    pub development_id: i64,
    pub caption: String,
    pub published_at: i64,
}

/// The credential columns to write; `None` secrets keep what is stored.
pub(crate) struct CredentialsUpdate<'a> {
    pub active: bool,
    pub remove_all: bool,
    pub user: &'a str,
    pub site_id: &'a str,
    pub password_sealed: Option<&'a str>,
    pub token_sealed: Option<&'a str>,
}

impl Store {
    /// Every catalogue portal with `company_id`'s side where it was released.
    pub(crate) async fn company_portals(&self, company_id: i64) -> Result<Vec<PortalRecord>, StoreError> {
        let sql = format!(
            "{PORTAL_COLUMNS} LEFT JOIN company_listing_portal c ON c.portal_id = p.id AND c.company_id = $1 \
             ORDER BY LOWER(p.name), p.id"
        );
        Ok(sqlx::query_as(&sql).bind(company_id).fetch_all(&self.pool).await?)
    }

    pub(crate) async fn company_portal(
        &self,
        company_id: i64,
        portal_id: i64,
    ) -> Result<Option<PortalRecord>, StoreError> {
        let sql = format!(
            "{PORTAL_COLUMNS} LEFT JOIN company_listing_portal c ON c.portal_id = p.id AND c.company_id = $1 \
             WHERE p.id = $2"
        );
        Ok(sqlx::query_as(&sql).bind(company_id).bind(portal_id).fetch_optional(&self.pool).await?)
    }

    pub(crate) async fn listing_portal_name(&self, slug: &str) -> Result<Option<String>, StoreError> {
        let row: Option<(String,)> = sqlx::query_as("SELECT name FROM listing_portal WHERE slug = $1")
            .bind(slug)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|(name,)| name))
    }

    pub(crate) async fn portal_by_feed_key(
        &self,
        feed_key: &str,
    ) -> Result<Option<PortalRecord>, StoreError> {
        let sql = format!(
            "{PORTAL_COLUMNS} JOIN company_listing_portal c ON c.portal_id = p.id WHERE c.feed_key = $1"
        );
        Ok(sqlx::query_as(&sql).bind(feed_key).fetch_optional(&self.pool).await?)
    }

    /// Releases a portal for a company; false when it already was.
    pub(crate) async fn release_listing_portal(
        &self,
        company_id: i64,
        portal_id: i64,
        feed_key: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO company_listing_portal (company_id, portal_id, feed_key, released_at, updated_at) \
             VALUES ($1, $2, $3, $4, $4) ON CONFLICT (company_id, portal_id) DO NOTHING",
        )
        .bind(company_id)
        .bind(portal_id)
        .bind(feed_key)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub(crate) async fn save_listing_credentials(
        &self,
        company_id: i64,
        portal_id: i64,
        update: &CredentialsUpdate<'_>,
        now: i64,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE company_listing_portal SET active = $3, remove_all = $4, user_name = $5, site_id = $6, \
             password_sealed = COALESCE($7, password_sealed), token_sealed = COALESCE($8, token_sealed), \
             updated_at = $9 WHERE company_id = $1 AND portal_id = $2",
        )
        .bind(company_id)
        .bind(portal_id)
        .bind(i64::from(update.active))
        .bind(i64::from(update.remove_all))
        .bind(update.user)
        .bind(update.site_id)
        .bind(update.password_sealed)
        .bind(update.token_sealed)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Switches an OAuth portal off and forgets its tokens; false when it held none and was off.
    pub(crate) async fn forget_listing_secrets(
        &self,
        company_id: i64,
        portal_id: i64,
        now: i64,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE company_listing_portal SET active = 0, password_sealed = NULL, token_sealed = NULL, updated_at = $3 \
             WHERE company_id = $1 AND portal_id = $2 AND (active = 1 OR token_sealed IS NOT NULL)",
        )
        .bind(company_id)
        .bind(portal_id)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Keeps a feed generation when its content differs from the stored one; false when it is
    /// the same (its Last-Modified then stays).
    pub(crate) async fn store_feed_generation(
        &self,
        feed_key: &str,
        body: &str,
        etag: &str,
        units: i64,
        now: i64,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE company_listing_portal SET feed_body = $2, feed_etag = $3, feed_units = $4, \
             feed_generated_at = $5 WHERE feed_key = $1 AND (feed_etag IS NULL OR feed_etag <> $3)",
        )
        .bind(feed_key)
        .bind(body)
        .bind(etag)
        .bind(units)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The company's units marked disponível, reservada or vendida are all returned: the
    /// caller decides (and says) which are left out.
    pub(crate) async fn company_units(&self, company_id: i64) -> Result<Vec<SaleUnitRecord>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT u.id AS unit_id, d.id AS development_id, d.name AS development, d.address, d.neighborhood, \
             d.city, d.state, d.stage, d.progress_percent, d.expected_delivery, d.listing_description, \
             b.name AS block, u.number, u.floor, u.kind, u.private_area_centi_m2, u.parking_spaces, u.status, \
             u.list_price_cents, u.bedrooms, u.bathrooms \
             FROM unit u JOIN development d ON d.id = u.development_id LEFT JOIN block b ON b.id = u.block_id \
             WHERE d.company_id = $1 ORDER BY d.name, d.id, b.name, u.floor, u.number, u.id",
        )
        .bind(company_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The works photos of the company's empreendimentos, newest first.
    pub(crate) async fn company_feed_photos(
        &self,
        company_id: i64,
    ) -> Result<Vec<FeedPhotoRecord>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT f.id, f.development_id, f.caption, f.published_at FROM development_photo f \
             JOIN development d ON d.id = f.development_id WHERE d.company_id = $1 \
             ORDER BY f.taken_on DESC, f.id DESC",
        )
        .bind(company_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The stored file of a works photo of the company behind a feed.
    pub(crate) async fn feed_photo_key(
        &self,
        company_id: i64,
        photo_id: i64,
    ) -> Result<Option<String>, StoreError> {
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT f.storage_key FROM development_photo f JOIN development d ON d.id = f.development_id \
             WHERE f.id = $1 AND d.company_id = $2",
        )
        .bind(photo_id)
        .bind(company_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(key,)| key))
    }

    pub(crate) async fn partner_manages_company(
        &self,
        partner_id: i64,
        company_id: i64,
    ) -> Result<bool, StoreError> {
        let row: Option<(i64,)> =
            sqlx::query_as("SELECT 1 FROM partner_listing_company WHERE partner_id = $1 AND company_id = $2")
                .bind(partner_id)
                .bind(company_id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.is_some())
    }

    /// Live partners holding the listings scope, each with whether it manages `company_id`.
    pub(crate) async fn listing_partners(
        &self,
        company_id: i64,
    ) -> Result<Vec<(i64, String, i64)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT a.id, a.name, CASE WHEN l.company_id IS NULL THEN 0 ELSE 1 END \
             FROM partner_app a LEFT JOIN partner_listing_company l ON l.partner_id = a.id AND l.company_id = $1 \
             WHERE a.revoked_at IS NULL AND (' ' || a.scopes || ' ') LIKE '% listings %' ORDER BY LOWER(a.name), a.id",
        )
        .bind(company_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Lets a partner manage a company, or stops it; false when nothing changed.
    pub(crate) async fn set_partner_listing_company(
        &self,
        partner_id: i64,
        company_id: i64,
        allowed: bool,
    ) -> Result<bool, StoreError> {
        let sql = if allowed {
            "INSERT INTO partner_listing_company (partner_id, company_id) VALUES ($1, $2) \
             ON CONFLICT (partner_id, company_id) DO NOTHING"
        } else {
            "DELETE FROM partner_listing_company WHERE partner_id = $1 AND company_id = $2"
        };
        let done = sqlx::query(sql).bind(partner_id).bind(company_id).execute(&self.pool).await?;
        Ok(done.rows_affected() == 1)
    }
}
