//! Small text PDFs made by the portal (demo documents now; boletos and statements later).

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};

const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 56.0;
const LINE_HEIGHT: f32 = 16.0;

/// Helvetica's WinAnsi encoding covers Latin-1, which is all of Portuguese.
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c as u32 {
            code @ (0x20..=0x7e | 0xa0..=0xff) => code as u8,
            0x2013 | 0x2014 => 0x96,
            _ => b'?',
        })
        .collect()
}

/// A one-page A4 PDF with a bold title and one line per entry of `lines`.
pub fn text_document(title: &str, lines: &[String]) -> Vec<u8> {
    document(title, lines, None)
}

/// A boleto: the text lines, then the ITF barcode (`true` = bar, one entry per narrow module)
/// at the size FEBRABAN asks for (13 mm high, narrow bar about 0.25 mm).
pub fn boleto_document(title: &str, lines: &[String], barcode: Option<&[bool]>) -> Vec<u8> {
    document(title, lines, barcode)
}

fn document(title: &str, lines: &[String], barcode: Option<&[bool]>) -> Vec<u8> {
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let page = Ref::new(3);
    let regular = Ref::new(4);
    let bold = Ref::new(5);
    let contents = Ref::new(6);

    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids([page]).count(1);
    let mut page_writer = pdf.page(page);
    page_writer.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT)).parent(tree).contents(contents);
    page_writer.resources().fonts().pair(Name(b"F1"), regular).pair(Name(b"F2"), bold);
    page_writer.finish();
    pdf.type1_font(regular).base_font(Name(b"Helvetica")).encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(bold).base_font(Name(b"Helvetica-Bold")).encoding_predefined(Name(b"WinAnsiEncoding"));

    let mut content = Content::new();
    let mut y = PAGE_HEIGHT - MARGIN;
    content
        .begin_text()
        .set_font(Name(b"F2"), 16.0)
        .next_line(MARGIN, y)
        .show(Str(&win_ansi(title)))
        .end_text();
    y -= LINE_HEIGHT * 2.0;
    for line in lines {
        if y < MARGIN {
            break;
        }
        content
            .begin_text()
            .set_font(Name(b"F1"), 11.0)
            .next_line(MARGIN, y)
            .show(Str(&win_ansi(line)))
            .end_text();
        y -= LINE_HEIGHT;
    }
    if let Some(modules) = barcode {
        // 0.72 pt per narrow module (0.254 mm) and 36.85 pt (13 mm) high, below the text.
        let module = 0.72;
        let height = 36.85;
        let bottom = (y - height - LINE_HEIGHT).max(MARGIN);
        content.set_fill_gray(0.0);
        let mut index = 0;
        while index < modules.len() {
            if modules[index] {
                let start = index;
                while index < modules.len() && modules[index] {
                    index += 1;
                }
                content.rect(MARGIN + start as f32 * module, bottom, (index - start) as f32 * module, height);
            } else {
                index += 1;
            }
        }
        content.fill_nonzero();
    }
    pdf.stream(contents, &content.finish());
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_pdf_with_latin1_text() {
        let bytes = text_document("Contrato de compra e venda", &["Cláusula 1ª — preço".to_string()]);
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(bytes.windows(5).any(|w| w == b"%%EOF"));
        let latin1: Vec<u8> = win_ansi("Cláusula");
        assert_eq!(latin1, b"Cl\xe1usula");
    }

    #[test]
    fn draws_the_barcode_as_filled_rectangles() {
        let with_bars = boleto_document("Boleto", &["Linha".to_string()], Some(&[true, false, true, true]));
        let without = boleto_document("Boleto", &["Linha".to_string()], None);
        let text = String::from_utf8_lossy(&with_bars);
        assert!(text.contains(" re") && text.contains("\nf"), "rectangles filled");
        assert!(!String::from_utf8_lossy(&without).contains(" re\n"));
    }
}
