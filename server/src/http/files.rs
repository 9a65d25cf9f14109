//! File responses: downloads (`attachment`) and images shown in a page (`inline`), with a safe
//! ASCII name plus the exact one (RFC 6266), never cached; and the plain-text answers of file
//! routes.

use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use portal::documents::DocumentFile;

pub fn plain(status: StatusCode, text: &'static str) -> Response {
    (status, [(CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()
}

/// A file as an attachment.
pub fn attachment(content_type: &'static str, file_name: &str, bytes: Vec<u8>) -> Response {
    file_response("attachment", HeaderValue::from_static(content_type), file_name, bytes)
}

/// `Content-Disposition` with an ASCII name for every client (`março 1.pdf` → `marco-1.pdf`)
/// and the real name for those that read RFC 6266's `filename*`.
fn content_disposition(disposition: &str, file_name: &str) -> HeaderValue {
    let mut ascii = String::new();
    for c in deunicode::deunicode(file_name).chars() {
        let c = if c.is_ascii_alphanumeric() || matches!(c, '.' | '_') { c } else { '-' };
        if !(c == '-' && (ascii.is_empty() || ascii.ends_with('-'))) {
            ascii.push(c);
        }
    }
    let ascii = ascii.trim_end_matches('-');
    let ascii = if ascii.trim_matches('.').is_empty() { "arquivo" } else { ascii };
    let exact = percent_encoding::utf8_percent_encode(file_name, percent_encoding::NON_ALPHANUMERIC);
    HeaderValue::from_str(&format!("{disposition}; filename=\"{ascii}\"; filename*=UTF-8''{exact}"))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

/// `disposition` is `attachment` (download) or `inline` (shown in the page); never cached.
fn file_response(disposition: &str, content_type: HeaderValue, file_name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (CONTENT_TYPE, content_type),
            (CONTENT_DISPOSITION, content_disposition(disposition, file_name)),
            (CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        bytes,
    )
        .into_response()
}

pub fn unavailable() -> Response {
    plain(StatusCode::SERVICE_UNAVAILABLE, "O portal não conseguiu concluir agora. Tente novamente.")
}

/// A stored image to show in the page; it keeps a safe name for "save image as".
pub fn inline_image(file: &DocumentFile) -> Response {
    file_response("inline", stored_type(file), &file.file_name, file.bytes.clone())
}

fn stored_type(file: &DocumentFile) -> HeaderValue {
    HeaderValue::from_str(&file.content_type)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"))
}

/// A stored document as an attachment, with its recorded type.
pub fn attachment_of(file: &DocumentFile) -> Response {
    file_response("attachment", stored_type(file), &file.file_name, file.bytes.clone())
}

#[cfg(test)]
mod tests {
    use super::content_disposition;

    #[test]
    fn names_are_ascii_for_everyone_and_exact_for_rfc_6266_clients() {
        let header = |name: &str| content_disposition("attachment", name).to_str().unwrap().to_string();
        assert_eq!(
            header("comprovante março.pdf"),
            "attachment; filename=\"comprovante-marco.pdf\"; filename*=UTF-8''comprovante%20mar%C3%A7o%2Epdf"
        );
        assert!(header("contrato-HZ-2024-0117.pdf")
            .starts_with("attachment; filename=\"contrato-HZ-2024-0117.pdf\""));
        assert!(header("\"; evil=1 \r\n.pdf").starts_with("attachment; filename=\"evil-1-.pdf\""));
        assert!(header("..").starts_with("attachment; filename=\"arquivo\""));
    }
}
