//! Generating and serving a company's feed for one portal. A feed is generated when a portal
//! (or the back office) reads it; its content, ETag and Last-Modified change only when what it
//! lists changes. An active portal lists the company's units for sale; an inactive one keeps
//! its last generation (`remove_all: false`) or lists nothing (`remove_all: true`), which tells
//! the portal to take every listing down.

use sha2::{Digest, Sha256};

use super::feed::{render, FeedPhoto, Listing, PropertyKind, Publisher};
use super::model::{FeedFormat, ListedUnit};
use super::store::{FeedPhotoRecord, PortalRecord, SaleUnitRecord};
use crate::br::Centavos;
use crate::records::rules::area_text;
use crate::records::unit_status_label;
use crate::store::StoreError;
use crate::time_br::SAO_PAULO;
use crate::Portal;

/// Most works photos a listing carries.
const PHOTOS_PER_LISTING: usize = 12;

/// A feed as served.
#[derive(Debug, Clone)]
pub struct FeedDocument {
    pub body: String,
    pub etag: String,
    /// Unix seconds of the last change of content.
    pub last_modified: i64,
}

/// Why a unit stays out of the feeds, or `None` when it is in them.
pub(crate) fn left_out(unit: &SaleUnitRecord) -> Option<String> {
    if unit.status != "disponivel" {
        Some(unit_status_label(&unit.status).to_lowercase())
    } else if unit.list_price_cents.is_none() {
        Some("sem preço de venda".into())
    } else if unit.neighborhood.trim().is_empty() {
        Some("empreendimento sem bairro".into())
    } else {
        None
    }
}

pub(crate) fn unit_label(unit: &SaleUnitRecord) -> String {
    match &unit.block {
        Some(block) => format!("{} {} · {}", unit.kind, unit.number, block),
        None => format!("{} {}", unit.kind, unit.number),
    }
}

pub(crate) fn listed_unit(unit: &SaleUnitRecord) -> ListedUnit {
    ListedUnit {
        unit_id: unit.unit_id,
        development: unit.development.clone(),
        label: unit_label(unit),
        price: unit.list_price_cents.map(|cents| Centavos(cents).to_string()),
        missing: left_out(unit).unwrap_or_default(),
    }
}

fn plural(count: i64, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

fn title(unit: &SaleUnitRecord) -> String {
    let mut title = unit.kind.clone();
    if let Some(bedrooms) = unit.bedrooms.filter(|bedrooms| *bedrooms > 0) {
        title.push_str(&format!(" de {}", plural(bedrooms, "quarto", "quartos")));
    }
    title.push_str(&format!(", {} m², no {}", area_text(unit.private_area_centi_m2), unit.development));
    // VRSync takes 10 to 100 characters.
    title.chars().take(100).collect()
}

fn description(unit: &SaleUnitRecord) -> String {
    let mut facts = format!("{} {}", unit.kind, unit.number);
    if let Some(block) = &unit.block {
        facts.push_str(&format!(", {block}"));
    }
    if unit.floor > 0 {
        facts.push_str(&format!(", {}º andar", unit.floor));
    } else {
        facts.push_str(", térreo");
    }
    facts.push_str(&format!(", {} m² privativos", area_text(unit.private_area_centi_m2)));
    if let Some(bedrooms) = unit.bedrooms {
        facts.push_str(&format!(", {}", plural(bedrooms, "quarto", "quartos")));
    }
    if let Some(bathrooms) = unit.bathrooms {
        facts.push_str(&format!(", {}", plural(bathrooms, "banheiro", "banheiros")));
    }
    facts.push_str(&format!(", {}.", plural(unit.parking_spaces, "vaga", "vagas")));
    // Addresses often carry their bairro already ("Avenida Brasil, 455 – Cambuí").
    let address = if unit.address.contains(unit.neighborhood.trim()) {
        unit.address.clone()
    } else {
        format!("{}, {}", unit.address, unit.neighborhood)
    };
    let place = format!("{}: {address}, {}/{}.", unit.development, unit.city, unit.state);
    let stage = match unit.stage.as_str() {
        "lancamento" => "Lançamento.".to_string(),
        "entregue" => "Pronto para morar.".to_string(),
        _ => {
            let delivery = unit
                .expected_delivery
                .as_deref()
                .and_then(crate::time_br::parse_iso_date)
                .map(|date| format!(", entrega prevista em {:02}/{}", u8::from(date.month()), date.year()))
                .unwrap_or_default();
            format!("Em obras: {}% concluído{delivery}.", unit.progress_percent)
        }
    };
    let text = [unit.listing_description.trim(), &facts, &place, &stage]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    text.chars().take(3000).collect()
}

fn local_time(unix: i64) -> String {
    let Ok(at) = time::OffsetDateTime::from_unix_timestamp(unix) else { return String::new() };
    let at = at.to_offset(SAO_PAULO);
    format!(
        "{}-{:02}-{:02} {:02}:{:02}:{:02}",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

impl Portal {
    fn feed_photo_url(&self, feed_key: &str, photo_id: i64) -> String {
        format!("{}/anuncios/{feed_key}/fotos/{photo_id}.jpg", self.public_url)
    }

    pub(crate) fn feed_url(&self, feed_key: &str) -> String {
        format!("{}/anuncios/{feed_key}.xml", self.public_url)
    }

    /// The listings of the company's units for sale, with their works photos.
    async fn listings(&self, company_id: i64, feed_key: &str) -> Result<Vec<Listing>, StoreError> {
        let units = self.store.company_units(company_id).await?;
        let photos = self.store.company_feed_photos(company_id).await?;
        let photos_of = |development_id: i64| -> Vec<FeedPhoto> {
            photos
                .iter()
                .filter(|photo: &&FeedPhotoRecord| photo.development_id == development_id)
                .take(PHOTOS_PER_LISTING)
                .map(|photo| FeedPhoto {
                    url: self.feed_photo_url(feed_key, photo.id),
                    caption: photo.caption.clone(),
                    published_at: local_time(photo.published_at),
                })
                .collect()
        };
        Ok(units
            .iter()
            .filter(|unit| left_out(unit).is_none())
            .map(|unit| Listing {
                id: format!("UN-{}", unit.unit_id),
                title: title(unit),
                description: description(unit),
                kind: PropertyKind::of(&unit.kind),
                price_cents: unit.list_price_cents.unwrap_or_default(),
                area_centi_m2: unit.private_area_centi_m2,
                bedrooms: unit.bedrooms,
                bathrooms: unit.bathrooms,
                parking: unit.parking_spaces,
                state: unit.state.clone(),
                city: unit.city.clone(),
                neighborhood: unit.neighborhood.clone(),
                address: unit.address.clone(),
                photos: photos_of(unit.development_id),
            })
            .collect())
    }

    /// Generates the feed of a released portal (see the module's rules) and keeps it when its
    /// content changed. `None` for a portal without a feed (OAuth portals).
    pub(crate) async fn refresh_feed(
        &self,
        record: &PortalRecord,
    ) -> Result<Option<FeedDocument>, StoreError> {
        let (Some(format), Some(company_id), Some(feed_key)) = (
            record.feed_format.as_deref().and_then(FeedFormat::parse),
            record.company_id,
            record.feed_key.as_deref(),
        ) else {
            return Ok(None);
        };
        let active = record.active == Some(1);
        let frozen = !active && record.remove_all != Some(1);
        if let (true, Some(body), Some(etag)) = (frozen, &record.feed_body, &record.feed_etag) {
            return Ok(Some(FeedDocument {
                body: body.clone(),
                etag: etag.clone(),
                last_modified: record.feed_generated_at.unwrap_or_default(),
            }));
        }
        let listings = if active { self.listings(company_id, feed_key).await? } else { Vec::new() };
        let company =
            self.store.company_record(company_id).await?.map(|company| company.name).unwrap_or_default();
        let email = record.user_name.clone().filter(|user| user.contains('@')).unwrap_or_default();
        let body = render(format, &Publisher { name: company, email }, &listings);
        let etag = format!("\"{}\"", hex::encode(&Sha256::digest(body.as_bytes())[..16]));
        let now = self.now();
        let changed =
            self.store.store_feed_generation(feed_key, &body, &etag, listings.len() as i64, now).await?;
        let last_modified = if changed { now } else { record.feed_generated_at.unwrap_or(now) };
        Ok(Some(FeedDocument { body, etag, last_modified }))
    }

    /// The logo seed 004 lists for a portal: a plain badge with its name (the product ships no
    /// third-party trademarks).
    pub async fn listing_portal_logo(&self, slug: &str) -> Result<Option<String>, StoreError> {
        let Some(name) = self.store.listing_portal_name(slug).await? else { return Ok(None) };
        let name = name.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        Ok(Some(format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"240\" height=\"64\" viewBox=\"0 0 240 64\" role=\"img\" \
             aria-label=\"{name}\"><rect width=\"240\" height=\"64\" rx=\"10\" fill=\"#0b5cab\"/><text x=\"120\" y=\"40\" \
             font-family=\"sans-serif\" font-size=\"18\" font-weight=\"700\" fill=\"#fff\" text-anchor=\"middle\">{name}</text></svg>"
        )))
    }

    /// The feed at an unguessable address, or `None` (404) for any other address.
    pub async fn listing_feed(&self, feed_key: &str) -> Result<Option<FeedDocument>, StoreError> {
        if !is_feed_key(feed_key) {
            return Ok(None);
        }
        match self.store.portal_by_feed_key(feed_key).await? {
            Some(record) if record.is_online == 1 => self.refresh_feed(&record).await,
            _ => Ok(None),
        }
    }

    /// A works photo a feed links to: only photos of the feed's company, only through a live
    /// feed address.
    pub async fn listing_feed_photo(
        &self,
        feed_key: &str,
        photo_id: i64,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        if !is_feed_key(feed_key) {
            return Ok(None);
        }
        let Some(company_id) =
            self.store.portal_by_feed_key(feed_key).await?.and_then(|record| record.company_id)
        else {
            return Ok(None);
        };
        let Some(storage_key) = self.store.feed_photo_key(company_id, photo_id).await? else {
            return Ok(None);
        };
        match self.storage.get(&storage_key).await {
            Ok(bytes) => Ok(Some(bytes)),
            Err(error) => {
                tracing::error!(%error, photo_id, "works photo missing from storage");
                Ok(None)
            }
        }
    }
}

/// Feed keys are 64 hex digits (256 random bits).
pub(crate) fn new_feed_key() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

fn is_feed_key(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|byte| byte.is_ascii_hexdigit() && !byte.is_ascii_uppercase())
}
