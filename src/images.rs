//! Reading uploaded images safely and writing them back without what the camera or phone put
//! in them (GPS position, device, owner): works photos and message attachments alike.
//!
//! Decoding has limits, so a small file cannot claim a huge canvas, and the EXIF orientation is
//! applied before the metadata goes, so a phone photo stays upright.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

/// Widest and tallest image decoded.
pub const MAX_DECODED_SIDE: u32 = 12_000;
const MAX_DECODE_ALLOCATION: u64 = 512 * 1024 * 1024;

/// Why an image was refused, as a sentence for whoever sent it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ImageRefused(pub String);

fn refused(text: &str) -> ImageRefused {
    ImageRefused(text.to_string())
}

/// The image format of `bytes` by their content: JPEG, PNG or WEBP.
pub fn format_of(bytes: &[u8]) -> Option<ImageFormat> {
    match infer::get(bytes).map(|kind| kind.mime_type()) {
        Some("image/jpeg") => Some(ImageFormat::Jpeg),
        Some("image/png") => Some(ImageFormat::Png),
        Some("image/webp") => Some(ImageFormat::WebP),
        _ => None,
    }
}

/// Decodes `bytes` (of `format`) under the limits and turns the picture upright.
pub fn decode_upright(bytes: &[u8], format: ImageFormat) -> Result<DynamicImage, ImageRefused> {
    let too_big = || refused("A imagem é grande demais: use no máximo 12.000 px de lado.");
    let unreadable = || refused("Não foi possível ler esta imagem: o arquivo parece danificado.");
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DECODED_SIDE);
    limits.max_image_height = Some(MAX_DECODED_SIDE);
    limits.max_alloc = Some(MAX_DECODE_ALLOCATION);
    reader.limits(limits);
    let classify = |error: image::ImageError| match error {
        image::ImageError::Limits(_) => too_big(),
        _ => unreadable(),
    };
    let mut decoder = reader.into_decoder().map_err(classify)?;
    // A damaged EXIF block is common in real photos: the pixels still count.
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut picture = DynamicImage::from_decoder(decoder).map_err(classify)?;
    picture.apply_orientation(orientation);
    Ok(picture)
}

/// The picture as a JPEG of `quality`, without metadata.
pub fn jpeg(image: &DynamicImage, quality: u8) -> Result<Vec<u8>, ImageRefused> {
    let mut bytes = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, quality);
    image.to_rgb8().write_with_encoder(encoder).map_err(|error| {
        tracing::error!(%error, "JPEG encoding failed");
        refused("Não foi possível processar esta imagem. Tente outra foto.")
    })?;
    Ok(bytes)
}

/// An uploaded image written again in its own format, at its own size, with nothing but its
/// pixels: JPEG at quality 90, PNG and WEBP losslessly.
pub fn without_metadata(bytes: &[u8]) -> Result<Vec<u8>, ImageRefused> {
    let format = format_of(bytes).ok_or_else(|| refused("A imagem deve ser JPG, PNG ou WEBP."))?;
    let picture = decode_upright(bytes, format)?;
    if format == ImageFormat::Jpeg {
        return jpeg(&picture, 90);
    }
    let mut out = Cursor::new(Vec::new());
    let written = match format {
        ImageFormat::Png => picture.write_to(&mut out, ImageFormat::Png),
        _ => picture.write_with_encoder(image::codecs::webp::WebPEncoder::new_lossless(&mut out)),
    };
    written.map_err(|error| {
        tracing::error!(%error, "image encoding failed");
        refused("Não foi possível processar esta imagem. Tente outra.")
    })?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JPEG with an EXIF block carrying a GPS position and "rotate 90°".
    fn jpeg_with_gps(width: u32, height: u32) -> Vec<u8> {
        let picture = DynamicImage::new_rgb8(width, height);
        let plain = jpeg(&picture, 90).unwrap();
        // TIFF header (little endian) with IFD0: Orientation = 6, and a GPS IFD pointer.
        let mut tiff = b"II*\0\x08\0\0\0".to_vec();
        tiff.extend_from_slice(&2u16.to_le_bytes());
        tiff.extend_from_slice(&[0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]);
        tiff.extend_from_slice(&[0x25, 0x88, 4, 0, 1, 0, 0, 0, 38, 0, 0, 0]);
        tiff.extend_from_slice(&[0, 0, 0, 0]);
        // GPS IFD: GPSLatitudeRef = "S".
        tiff.extend_from_slice(&1u16.to_le_bytes());
        tiff.extend_from_slice(&[0x01, 0x00, 2, 0, 2, 0, 0, 0, b'S', 0, 0, 0]);
        tiff.extend_from_slice(&[0, 0, 0, 0]);
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend_from_slice(&tiff);
        let mut out = plain[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(&app1);
        out.extend_from_slice(&plain[2..]);
        out
    }

    #[test]
    fn an_attached_phone_photo_loses_its_metadata_and_stays_upright() {
        let sent = jpeg_with_gps(120, 80);
        assert!(sent.windows(4).any(|part| part == b"Exif"));
        let kept = without_metadata(&sent).unwrap();
        assert!(!kept.windows(4).any(|part| part == b"Exif"), "no EXIF (and so no GPS) left");
        let decoded = image::load_from_memory(&kept).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (80, 120), "turned by its orientation");
    }

    #[test]
    fn png_and_webp_keep_their_format_and_lose_their_text_chunks() {
        let picture = DynamicImage::new_rgba8(40, 30);
        let mut png = Cursor::new(Vec::new());
        picture.write_to(&mut png, ImageFormat::Png).unwrap();
        let mut png = png.into_inner();
        // A tEXt chunk ("Author" = "Ana") right after IHDR (signature 8 + IHDR 25 bytes).
        let crc = crc::Crc::<u32>::new(&crc::CRC_32_ISO_HDLC).checksum(b"tEXtAuthor\0Ana");
        let chunk = [&10u32.to_be_bytes()[..], b"tEXtAuthor\0Ana", &crc.to_be_bytes()].concat();
        png.splice(33..33, chunk);
        let kept = without_metadata(&png).unwrap();
        assert_eq!(format_of(&kept), Some(ImageFormat::Png));
        assert!(png.windows(6).any(|part| part == b"Author"));
        assert!(!kept.windows(6).any(|part| part == b"Author"));

        let mut webp = Cursor::new(Vec::new());
        picture.write_with_encoder(image::codecs::webp::WebPEncoder::new_lossless(&mut webp)).unwrap();
        let kept = without_metadata(&webp.into_inner()).unwrap();
        assert_eq!(format_of(&kept), Some(ImageFormat::WebP));
    }

    #[test]
    fn refuses_what_is_not_an_image_or_is_damaged() {
        assert!(without_metadata(b"%PDF-1.7 not an image").is_err());
        let mut broken = jpeg(&DynamicImage::new_rgb8(64, 64), 90).unwrap();
        broken.truncate(40);
        assert!(without_metadata(&broken).is_err());
    }
}
