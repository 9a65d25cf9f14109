//! Files people upload (message attachments, documents): the type comes from the content, never
//! the name; only PDF, JPG, PNG and WEBP (nothing a browser would run); a safe name with the
//! real extension; images written again without their metadata (a phone photo carries where
//! it was taken), so only the pixels are kept.

use crate::Portal;

/// The types accepted, by content, with the extension they are stored under.
const ALLOWED_TYPES: [(&str, &str); 4] =
    [("application/pdf", "pdf"), ("image/jpeg", "jpg"), ("image/png", "png"), ("image/webp", "webp")];

/// A file that passed the allow-list and the size limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedUpload {
    pub file_name: String,
    pub content_type: &'static str,
}

/// The file as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredUpload {
    pub file_name: String,
    pub content_type: &'static str,
    pub size_bytes: i64,
    pub storage_key: String,
}

/// A file name safe to store and send back: no folders or control characters, at most 100
/// characters, and the extension of its real type.
pub fn safe_file_name(name: &str, extension: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let stem = base.rsplit_once('.').map_or(base, |(stem, _)| stem);
    let clean: String = stem
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | ':' | '|' | '?' | '*'))
        .take(90)
        .collect();
    let clean = clean.trim().trim_start_matches('.');
    let stem = if clean.is_empty() { "anexo" } else { clean };
    format!("{stem}.{extension}")
}

/// Checks one file against the allow-list and `max_bytes`; the refusal is a pt-BR sentence.
pub fn check_upload(file_name: &str, bytes: &[u8], max_bytes: usize) -> Result<CheckedUpload, String> {
    let shown = file_name.rsplit(['/', '\\']).next().unwrap_or("arquivo");
    if bytes.len() > max_bytes {
        return Err(format!(
            "O arquivo \"{shown}\" passa de {} MB. Reduza o tamanho ou envie em partes.",
            max_bytes / (1024 * 1024)
        ));
    }
    let detected = infer::get(bytes).map(|kind| kind.mime_type());
    let Some((content_type, extension)) =
        ALLOWED_TYPES.iter().find(|(mime, _)| Some(*mime) == detected).copied()
    else {
        return Err(format!("O arquivo \"{shown}\" não é PDF, JPG, PNG ou WEBP. Envie um desses formatos."));
    };
    Ok(CheckedUpload { file_name: safe_file_name(file_name, extension), content_type })
}

impl Portal {
    /// Stores a checked file (an image without its metadata). `Ok(Err(sentence))` when the
    /// image cannot be read.
    pub(crate) async fn store_upload(
        &self,
        checked: CheckedUpload,
        bytes: &[u8],
    ) -> Result<Result<StoredUpload, String>, std::io::Error> {
        let extension = checked.file_name.rsplit('.').next().unwrap_or("bin").to_string();
        let kept = if checked.content_type.starts_with("image/") {
            let sent = bytes.to_vec();
            // Decoding and encoding are CPU work: off the threads that answer requests.
            let cleaned = tokio::task::spawn_blocking(move || crate::images::without_metadata(&sent))
                .await
                .map_err(|error| std::io::Error::other(error.to_string()))?;
            match cleaned {
                Ok(cleaned) => cleaned,
                Err(refused) => return Ok(Err(format!("O arquivo \"{}\": {refused}", checked.file_name))),
            }
        } else {
            bytes.to_vec()
        };
        let storage_key = self.storage.put(&extension, &kept).await?;
        Ok(Ok(StoredUpload {
            file_name: checked.file_name,
            content_type: checked.content_type,
            size_bytes: kept.len() as i64,
            storage_key,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_made_safe() {
        assert_eq!(safe_file_name("../../etc/passwd", "pdf"), "passwd.pdf");
        assert_eq!(safe_file_name("C:\\fotos\\sala \"nova\".jpeg", "jpg"), "sala nova.jpg");
        assert_eq!(safe_file_name(".htaccess", "png"), "anexo.png");
    }
}
