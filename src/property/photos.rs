//! Dated photos of the works: staff add them, buyers of the empreendimento see them.
//!
//! An upload is decoded under size limits (a small file cannot claim a huge canvas), turned
//! upright by its EXIF orientation, and re-encoded as two JPEGs, the photo (at most
//! [`MAX_PHOTO_SIDE`] px) and its thumbnail: neither keeps the camera's metadata (location,
//! device), and nothing the uploader sent is ever served as it came.

use image::imageops::FilterType;

use super::model::{PhotoSize, WorksGallery, WorksPhoto};
use super::photo_store::NewPhotoRow;
use super::PropertyError;
use crate::audit::Actor;
use crate::documents::DocumentFile;
use crate::images;
use crate::paging::{PageOf, PageRequest};
use crate::store::StoreError;
use crate::time_br::{iso_date, parse_iso_date, today_in_sao_paulo};
use crate::Portal;

/// Longest side of the stored photo.
pub const MAX_PHOTO_SIDE: u32 = 2048;
/// Longest side of the thumbnail.
pub const THUMBNAIL_SIDE: u32 = 480;
/// Largest upload accepted.
pub const MAX_UPLOAD_BYTES: usize = 20 * 1024 * 1024;
/// Largest canvas a decoder may claim (a 48-megapixel phone photo is about 8000 × 6000).

#[derive(Debug, thiserror::Error)]
pub enum PhotoError {
    /// A sentence for whoever sent the photo.
    #[error("{0}")]
    Invalid(String),
    #[error("empreendimento not found")]
    DevelopmentNotFound,
    #[error("photo not found")]
    PhotoNotFound,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("storage: {0}")]
    Storage(#[from] std::io::Error),
}

/// A photo to add: its bytes as uploaded, the day it was taken (`aaaa-mm-dd`) and what it shows.
#[derive(Debug, Clone, Copy)]
pub struct NewWorksPhoto<'a> {
    pub development_id: i64,
    pub taken_on: &'a str,
    pub caption: &'a str,
    pub bytes: &'a [u8],
}

/// The two re-encoded JPEGs of an upload.
struct EncodedPhoto {
    full: Vec<u8>,
    full_size: (u32, u32),
    thumbnail: Vec<u8>,
    thumbnail_size: (u32, u32),
}

fn invalid(message: &str) -> PhotoError {
    PhotoError::Invalid(message.to_string())
}

/// Decodes with limits, applies the EXIF orientation, and re-encodes photo and thumbnail.
fn encode_photo(bytes: &[u8]) -> Result<EncodedPhoto, PhotoError> {
    let refused = |error: images::ImageRefused| PhotoError::Invalid(error.0);
    let format = images::format_of(bytes).ok_or_else(|| invalid("A foto deve ser JPG, PNG ou WEBP."))?;
    let mut picture = images::decode_upright(bytes, format).map_err(refused)?;
    if picture.width() < 64 || picture.height() < 64 {
        return Err(invalid("A imagem é pequena demais: envie uma foto com pelo menos 64 px de lado."));
    }
    if picture.width().max(picture.height()) > MAX_PHOTO_SIDE {
        picture = picture.resize(MAX_PHOTO_SIDE, MAX_PHOTO_SIDE, FilterType::Triangle);
    }
    // `thumbnail` would also enlarge a small photo.
    let thumbnail = if picture.width().max(picture.height()) > THUMBNAIL_SIDE {
        picture.thumbnail(THUMBNAIL_SIDE, THUMBNAIL_SIDE)
    } else {
        picture.clone()
    };
    Ok(EncodedPhoto {
        full: images::jpeg(&picture, 85).map_err(refused)?,
        full_size: (picture.width(), picture.height()),
        thumbnail: images::jpeg(&thumbnail, 80).map_err(refused)?,
        thumbnail_size: (thumbnail.width(), thumbnail.height()),
    })
}

impl Portal {
    /// Adds a photo of the works (staff: the admin area, the `add-photo` command, the demo).
    #[tracing::instrument(skip_all, fields(actor = ?actor))]
    pub async fn add_works_photo(&self, photo: NewWorksPhoto<'_>, actor: Actor) -> Result<i64, PhotoError> {
        self.publish_works_photo(photo, actor, None).await
    }

    /// Adds a photo of the works, audited about its empreendimento with the request's IP.
    pub(crate) async fn publish_works_photo(
        &self,
        photo: NewWorksPhoto<'_>,
        actor: Actor,
        ip: Option<&str>,
    ) -> Result<i64, PhotoError> {
        let caption = photo.caption.split_whitespace().collect::<Vec<_>>().join(" ");
        if !(5..=200).contains(&caption.chars().count()) {
            return Err(invalid(
                "Descreva a foto em uma frase de 5 a 200 caracteres: é o texto que os leitores de tela leem.",
            ));
        }
        let taken_on = parse_iso_date(photo.taken_on.trim())
            .ok_or_else(|| invalid("Informe a data da foto como aaaa-mm-dd."))?;
        if taken_on > today_in_sao_paulo(self.clock.now()) {
            return Err(invalid("A data da foto não pode ser depois de hoje."));
        }
        if photo.bytes.len() > MAX_UPLOAD_BYTES {
            return Err(invalid("A foto passa de 20 MB. Envie uma versão menor."));
        }
        if !self.store.development_exists(photo.development_id).await? {
            return Err(PhotoError::DevelopmentNotFound);
        }
        let bytes = photo.bytes.to_vec();
        // Decoding and encoding are CPU work: keep them off the threads that answer requests.
        let encoded = tokio::task::spawn_blocking(move || encode_photo(&bytes))
            .await
            .map_err(|error| std::io::Error::other(error.to_string()))??;
        let storage_key = self.storage.put("jpg", &encoded.full).await?;
        let thumbnail_key = self.storage.put("jpg", &encoded.thumbnail).await?;
        let taken_on = iso_date(taken_on);
        let id = self
            .store
            .insert_photo(&NewPhotoRow {
                development_id: photo.development_id,
                taken_on: &taken_on,
                caption: &caption,
                storage_key: &storage_key,
                size: encoded.full_size,
                thumbnail_key: &thumbnail_key,
                thumbnail_size: encoded.thumbnail_size,
                published_at: self.now(),
            })
            .await?;
        self.store
            .record_audit_about(
                self.now(),
                actor,
                "works_photo_added",
                ip,
                &format!("development:{}", photo.development_id),
                &format!("foto {id}: {caption}"),
            )
            .await?;
        Ok(id)
    }

    /// Takes a photo down (one published by mistake): buyers stop seeing it at once and both
    /// files are deleted. Returns the caption of the photo removed.
    #[tracing::instrument(skip_all, fields(actor = ?actor))]
    pub async fn remove_works_photo(&self, photo_id: i64, actor: Actor) -> Result<String, PhotoError> {
        self.take_down_works_photo(photo_id, actor, None).await
    }

    /// Takes a photo down, audited about its empreendimento with the request's IP.
    pub(crate) async fn take_down_works_photo(
        &self,
        photo_id: i64,
        actor: Actor,
        ip: Option<&str>,
    ) -> Result<String, PhotoError> {
        let photo = self.store.photo(photo_id).await?.ok_or(PhotoError::PhotoNotFound)?;
        self.store.delete_photo(photo_id).await?;
        self.store
            .record_audit_about(
                self.now(),
                actor,
                "works_photo_removed",
                ip,
                &format!("development:{}", photo.development_id),
                &format!("foto {photo_id}: {}", photo.caption),
            )
            .await?;
        for key in [&photo.storage_key, &photo.thumbnail_key] {
            // The row is gone, so nobody can reach the file: a failure here only leaves a stray file.
            if let Err(error) = self.storage.delete(key).await {
                tracing::warn!(%error, photo = photo_id, "could not delete a removed photo's file");
            }
        }
        Ok(photo.caption)
    }

    /// Every photo of the empreendimento's works, if the person buys in it.
    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn my_works_gallery(
        &self,
        person_id: i64,
        development_id: i64,
    ) -> Result<WorksGallery, PropertyError> {
        let property = self.my_property(person_id).await?;
        let development = property
            .contracts
            .into_iter()
            .map(|contract| contract.development)
            .find(|development| development.id == development_id)
            .ok_or(PropertyError::NotFound)?;
        let photos = self
            .store
            .photos_visible_to(person_id)
            .await?
            .into_iter()
            .filter(|row| row.development_id == development_id)
            .map(WorksPhoto::from)
            .collect();
        Ok(WorksGallery { development_id, development_name: development.name, photos })
    }

    /// One page of the photos of an empreendimento the person buys in, newest first, cut in
    /// SQL (the partner API); anyone else's empreendimento is [`PropertyError::NotFound`].
    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn my_works_photo_page(
        &self,
        person_id: i64,
        development_id: i64,
        page: PageRequest,
    ) -> Result<PageOf<WorksPhoto>, PropertyError> {
        if !self.store.buys_in_development(person_id, development_id).await? {
            return Err(PropertyError::NotFound);
        }
        Ok(self.store.photo_page_of_development(person_id, development_id, page).await?.map(WorksPhoto::from))
    }

    /// Photos of every empreendimento the person buys in, newest first.
    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn my_works_photos(&self, person_id: i64) -> Result<Vec<WorksPhoto>, PropertyError> {
        Ok(self.store.photos_visible_to(person_id).await?.into_iter().map(WorksPhoto::from).collect())
    }

    /// One photo's file, checked against the person on every call.
    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn my_works_photo_file(
        &self,
        person_id: i64,
        photo_id: i64,
        size: PhotoSize,
    ) -> Result<DocumentFile, PropertyError> {
        let row = self.store.photo_visible_to(person_id, photo_id).await?.ok_or(PropertyError::NotFound)?;
        let (key, suffix) = match size {
            PhotoSize::Full => (&row.storage_key, ""),
            PhotoSize::Thumbnail => (&row.thumbnail_key, "-miniatura"),
        };
        let bytes = self.storage.get(key).await.map_err(|error| {
            tracing::error!(%error, photo = row.id, "stored photo missing");
            PropertyError::NotFound
        })?;
        Ok(DocumentFile {
            file_name: format!("obra-{}-{}{suffix}.jpg", row.taken_on, row.id),
            content_type: "image/jpeg".to_string(),
            bytes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::ImageFormat;
    use std::io::Cursor;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let picture = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut bytes = Vec::new();
        picture.write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png).unwrap();
        bytes
    }

    #[test]
    fn re_encodes_as_jpeg_with_a_thumbnail_of_the_same_shape() {
        let encoded = encode_photo(&png(3000, 1500)).unwrap();
        assert_eq!(encoded.full_size, (MAX_PHOTO_SIDE, 1024));
        assert_eq!(encoded.thumbnail_size, (THUMBNAIL_SIDE, 240));
        assert_eq!(infer::get(&encoded.full).unwrap().mime_type(), "image/jpeg");
        assert_eq!(infer::get(&encoded.thumbnail).unwrap().mime_type(), "image/jpeg");
        assert!(encoded.thumbnail.len() < encoded.full.len());
    }

    /// A JPEG as a phone saves it: an EXIF segment saying "rotate 90°" and a comment that
    /// stands for the camera's metadata (location, device).
    fn phone_jpeg(width: u32, height: u32) -> Vec<u8> {
        let picture = image::RgbImage::from_pixel(width, height, image::Rgb([200, 120, 40]));
        let mut plain = Vec::new();
        picture.write_to(&mut Cursor::new(&mut plain), ImageFormat::Jpeg).unwrap();
        // TIFF, big-endian: one IFD entry, Orientation (0x0112) SHORT = 6.
        let tiff: &[u8] =
            &[b'M', b'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0];
        let mut exif = b"Exif\0\0".to_vec();
        exif.extend_from_slice(tiff);
        let mut segments = vec![0xFF, 0xE1];
        segments.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
        segments.extend_from_slice(&exif);
        let comment = b"GPS -25.4284 -49.2733 camera XYZ";
        segments.extend_from_slice(&[0xFF, 0xFE]);
        segments.extend_from_slice(&((comment.len() + 2) as u16).to_be_bytes());
        segments.extend_from_slice(comment);
        let mut bytes = plain[..2].to_vec();
        bytes.extend_from_slice(&segments);
        bytes.extend_from_slice(&plain[2..]);
        bytes
    }

    #[test]
    fn turns_phone_photos_upright_and_drops_their_metadata() {
        let upload = phone_jpeg(300, 100);
        assert!(upload.windows(3).any(|window| window == b"GPS"));
        let encoded = encode_photo(&upload).unwrap();
        assert_eq!(encoded.full_size, (100, 300), "rotated by the EXIF orientation");
        for stored in [&encoded.full, &encoded.thumbnail] {
            assert!(!stored.windows(4).any(|window| window == b"Exif"));
            assert!(!stored.windows(3).any(|window| window == b"GPS"));
        }
    }

    #[test]
    fn keeps_small_photos_at_their_size() {
        let encoded = encode_photo(&png(400, 300)).unwrap();
        assert_eq!(encoded.full_size, (400, 300));
        assert_eq!(encoded.thumbnail_size, (400, 300));
    }

    #[test]
    fn refuses_what_is_not_a_photo() {
        for bytes in [b"%PDF-1.7 not a photo".to_vec(), b"GIF89a".to_vec(), Vec::new()] {
            assert!(matches!(encode_photo(&bytes), Err(PhotoError::Invalid(_))));
        }
        let mut truncated = png(200, 200);
        truncated.truncate(100);
        assert!(matches!(encode_photo(&truncated), Err(PhotoError::Invalid(_))));
        assert!(matches!(encode_photo(&png(40, 40)), Err(PhotoError::Invalid(_))));
    }

    #[test]
    fn refuses_a_small_file_that_claims_a_huge_canvas() {
        // A valid PNG header announcing 60000 × 60000 pixels, with no pixels behind it.
        let mut bomb = png(64, 64);
        bomb[16..20].copy_from_slice(&60_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&60_000u32.to_be_bytes());
        let header_crc = crc::Crc::<u32>::new(&crc::CRC_32_ISO_HDLC).checksum(&bomb[12..29]);
        bomb[29..33].copy_from_slice(&header_crc.to_be_bytes());
        let message = match encode_photo(&bomb) {
            Err(PhotoError::Invalid(message)) => message,
            other => panic!("expected a refusal, got {:?}", other.map(|photo| photo.full_size)),
        };
        assert!(message.contains("grande demais"), "{message}");
    }
}
