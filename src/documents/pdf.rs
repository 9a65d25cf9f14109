//! PDFs made by the portal: pages drawn on a small canvas (text in the PDF's standard
//! Helvetica and Courier, measured with their Adobe metrics so text can be fitted and wrapped,
//! lines, bar codes and QR modules), and plain text documents that run over as many pages as
//! they need.

use std::collections::HashMap;
use std::sync::LazyLock;

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};

/// A4 in points.
pub const PAGE_WIDTH: f32 = 595.0;
pub const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 56.0;
const LINE_HEIGHT: f32 = 16.0;

/// The three faces the portal prints with (none is embedded: every reader has them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Font {
    Regular,
    Bold,
    Mono,
}

impl Font {
    fn resource(self) -> Name<'static> {
        match self {
            Font::Regular => Name(b"F1"),
            Font::Bold => Name(b"F2"),
            Font::Mono => Name(b"F3"),
        }
    }
}

/// Glyph widths (1/1000 em) by glyph name, from the fonts' AFM files.
fn glyph_widths(afm: &'static str) -> HashMap<&'static str, u16> {
    afm.lines()
        .filter(|line| line.starts_with("C "))
        .filter_map(|line| {
            let mut width = None;
            let mut name = None;
            for field in line.split(';').map(str::trim) {
                if let Some(value) = field.strip_prefix("WX ") {
                    width = value.parse().ok();
                } else if let Some(value) = field.strip_prefix("N ") {
                    name = Some(value);
                }
            }
            Some((name?, width?))
        })
        .collect()
}

static HELVETICA: LazyLock<HashMap<&str, u16>> =
    LazyLock::new(|| glyph_widths(pdf_core_14_font_afms::HELVETICA));
static HELVETICA_BOLD: LazyLock<HashMap<&str, u16>> =
    LazyLock::new(|| glyph_widths(pdf_core_14_font_afms::HELVETICA_BOLD));
/// The AFM's names of the ASCII glyphs, by WinAnsi code (32..=126).
static ASCII_NAMES: LazyLock<HashMap<u8, &str>> = LazyLock::new(|| {
    let mut names: HashMap<u8, &str> = pdf_core_14_font_afms::HELVETICA
        .lines()
        .filter_map(|line| {
            let mut parts = line.split(';').map(str::trim);
            let code: u8 = parts.next()?.strip_prefix("C ")?.parse().ok()?;
            let name = parts.find_map(|field| field.strip_prefix("N "))?;
            (32..=126).contains(&code).then_some((code, name))
        })
        .collect();
    // The AFM lists StandardEncoding; WinAnsi puts these glyphs at 39 and 96.
    names.insert(b'\'', "quotesingle");
    names.insert(b'`', "grave");
    names
});

/// Width of one character in 1/1000 em: accented letters as their base letter (the same
/// width in Helvetica), the few symbols the portal prints by name.
fn char_width(font: Font, c: char) -> f32 {
    if font == Font::Mono {
        return 600.0;
    }
    let table = if font == Font::Bold { &*HELVETICA_BOLD } else { &*HELVETICA };
    let by_name = |name: &str| table.get(name).copied();
    let named = match c {
        '·' => by_name("periodcentered"),
        'º' => by_name("ordmasculine"),
        'ª' => by_name("ordfeminine"),
        '–' => by_name("endash"),
        '—' => by_name("emdash"),
        '°' => by_name("degree"),
        c if c.is_ascii() => ASCII_NAMES.get(&(c as u8)).and_then(|name| by_name(name)),
        c => deunicode::deunicode_char(c)
            .and_then(|base| base.chars().next())
            .filter(char::is_ascii_alphanumeric)
            .and_then(|base| ASCII_NAMES.get(&(base as u8)))
            .and_then(|name| by_name(name)),
    };
    f32::from(named.unwrap_or(556))
}

/// How wide `text` is at `size` points.
pub fn text_width(font: Font, size: f32, text: &str) -> f32 {
    text.chars().map(|c| char_width(font, c)).sum::<f32>() * size / 1000.0
}

/// `text` cut to `width` with an ellipsis when it does not fit.
pub fn fit(font: Font, size: f32, width: f32, text: &str) -> String {
    if text_width(font, size, text) <= width {
        return text.to_string();
    }
    let mut cut: String = text.to_string();
    while !cut.is_empty() && text_width(font, size, &format!("{cut}…")) > width {
        cut.pop();
    }
    format!("{}…", cut.trim_end())
}

/// `text` broken into lines of at most `width`, between words (a word longer than a line is
/// broken where it must be).
pub fn wrap(font: Font, size: f32, width: f32, text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() { word.to_string() } else { format!("{current} {word}") };
        if text_width(font, size, &candidate) <= width {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        let mut rest = word.to_string();
        while text_width(font, size, &rest) > width {
            let mut head = String::new();
            for c in rest.chars() {
                if text_width(font, size, &format!("{head}{c}")) > width && !head.is_empty() {
                    break;
                }
                head.push(c);
            }
            rest = rest[head.len()..].to_string();
            lines.push(head);
        }
        current = rest;
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// Helvetica's WinAnsi encoding covers Latin-1, which is all of Portuguese.
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c as u32 {
            code @ (0x20..=0x7e | 0xa0..=0xff) => code as u8,
            0x2013 => 0x96,
            0x2014 => 0x97,
            0x2026 => 0x85,
            _ => b'?',
        })
        .collect()
}

/// One page's drawing, in points from the bottom-left corner.
pub struct Page {
    content: Content,
}

impl Default for Page {
    fn default() -> Self {
        Self::new()
    }
}

impl Page {
    pub fn new() -> Self {
        Self { content: Content::new() }
    }

    /// `text` with its baseline starting at (`x`, `y`).
    pub fn text(&mut self, x: f32, y: f32, font: Font, size: f32, text: &str) {
        self.content
            .begin_text()
            .set_font(font.resource(), size)
            .next_line(x, y)
            .show(Str(&win_ansi(text)))
            .end_text();
    }

    /// `text` ending at `right`.
    pub fn text_right(&mut self, right: f32, y: f32, font: Font, size: f32, text: &str) {
        self.text(right - text_width(font, size, text), y, font, size, text);
    }

    /// A straight line `width` points thick.
    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32) {
        self.content.set_line_width(width).move_to(from.0, from.1).line_to(to.0, to.1).stroke();
    }

    /// A rectangle's outline, `line_width` points thick.
    pub fn outline(&mut self, x: f32, y: f32, width: f32, height: f32, line_width: f32) {
        self.content.set_line_width(line_width).rect(x, y, width, height).stroke();
    }

    /// A dashed line (where a page is cut).
    pub fn dashed_line(&mut self, from: (f32, f32), to: (f32, f32)) {
        self.content.save_state().set_dash_pattern([3.0, 2.0], 0.0);
        self.line(from, to, 0.5);
        self.content.restore_state();
    }

    /// Bars of a linear bar code: `modules[i]` true is a bar `module` points wide.
    pub fn bars(&mut self, x: f32, bottom: f32, module: f32, height: f32, modules: &[bool]) {
        let mut index = 0;
        while index < modules.len() {
            if modules[index] {
                let start = index;
                while index < modules.len() && modules[index] {
                    index += 1;
                }
                self.content.rect(x + start as f32 * module, bottom, (index - start) as f32 * module, height);
            } else {
                index += 1;
            }
        }
        self.content.set_fill_gray(0.0).fill_nonzero();
    }

    /// A square matrix (a QR code): `dark` row by row, `side` modules a side, top-left at
    /// (`x`, `top`).
    pub fn matrix(&mut self, x: f32, top: f32, module: f32, side: usize, dark: &[bool]) {
        for (index, _) in dark.iter().enumerate().filter(|(_, dark)| **dark) {
            let (row, column) = (index / side, index % side);
            self.content.rect(x + column as f32 * module, top - (row + 1) as f32 * module, module, module);
        }
        self.content.set_fill_gray(0.0).fill_nonzero();
    }
}

/// A PDF of A4 pages with the portal's three fonts.
pub fn document_of(pages: Vec<Page>) -> Vec<u8> {
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let fonts = [
        (Font::Regular, Ref::new(3), "Helvetica"),
        (Font::Bold, Ref::new(4), "Helvetica-Bold"),
        (Font::Mono, Ref::new(5), "Courier"),
    ];
    let page_ids: Vec<Ref> = (0..pages.len()).map(|index| Ref::new(6 + 2 * index as i32)).collect();

    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids(page_ids.iter().copied()).count(pages.len() as i32);
    for (_, id, base) in fonts {
        pdf.type1_font(id).base_font(Name(base.as_bytes())).encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    for (page, id) in pages.into_iter().zip(&page_ids) {
        let contents = Ref::new(id.get() + 1);
        let mut writer = pdf.page(*id);
        writer.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT)).parent(tree).contents(contents);
        let mut resources = writer.resources();
        let mut font_names = resources.fonts();
        for (font, id, _) in fonts {
            font_names.pair(font.resource(), id);
        }
        font_names.finish();
        resources.finish();
        writer.finish();
        pdf.stream(contents, &page.content.finish());
    }
    pdf.finish()
}

/// A bold title, then one line per entry of `lines` (cut to the page's width), over as many
/// pages as the lines need.
pub fn text_document(title: &str, lines: &[String]) -> Vec<u8> {
    let width = PAGE_WIDTH - 2.0 * MARGIN;
    let mut pages = vec![Page::new()];
    let mut y = PAGE_HEIGHT - MARGIN;
    pages[0].text(MARGIN, y, Font::Bold, 16.0, &fit(Font::Bold, 16.0, width, title));
    y -= LINE_HEIGHT * 2.0;
    for line in lines {
        if y < MARGIN {
            let mut page = Page::new();
            y = PAGE_HEIGHT - MARGIN;
            page.text(MARGIN, y, Font::Bold, 9.0, &format!("{title} (continuação)"));
            y -= LINE_HEIGHT * 1.5;
            pages.push(page);
        }
        let page = pages.last_mut().expect("one page at least");
        page.text(MARGIN, y, Font::Regular, 11.0, &fit(Font::Regular, 11.0, width, line));
        y -= LINE_HEIGHT;
    }
    document_of(pages)
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
    fn measures_with_the_fonts_metrics() {
        // Helvetica: "W" 944, "i" 222, digits 556; accents as their letter; Courier 600.
        assert_eq!(text_width(Font::Regular, 10.0, "Wi"), 11.66);
        assert_eq!(text_width(Font::Regular, 10.0, "ção"), text_width(Font::Regular, 10.0, "cao"));
        assert_eq!(text_width(Font::Mono, 10.0, "abc"), 18.0);
        assert!(text_width(Font::Bold, 10.0, "Ana Paula") > text_width(Font::Regular, 10.0, "Ana Paula"));
    }

    #[test]
    fn fits_and_wraps_within_a_width() {
        let long = "Residencial Jardim das Araucárias, Bloco B, Apartamento 1204";
        let cut = fit(Font::Regular, 8.0, 100.0, long);
        assert!(cut.ends_with('…') && text_width(Font::Regular, 8.0, &cut) <= 100.0, "{cut}");
        assert_eq!(fit(Font::Regular, 8.0, 400.0, long), long);
        let lines = wrap(Font::Regular, 8.0, 100.0, long);
        assert!(lines.len() > 1 && lines.iter().all(|line| text_width(Font::Regular, 8.0, line) <= 100.0));
        assert_eq!(lines.join(" "), long);
        let word = "0".repeat(60);
        assert_eq!(wrap(Font::Mono, 10.0, 60.0, &word).concat(), word, "a long word is cut, not lost");
    }

    #[test]
    fn runs_over_pages_instead_of_losing_lines() {
        let lines: Vec<String> = (1..=120).map(|n| format!("Linha {n}")).collect();
        let bytes = text_document("Extrato", &lines);
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("/Count 3"), "120 lines take three pages");
        assert!(text.contains("(Linha 120)"));
    }

    #[test]
    fn draws_bars_and_matrices_as_filled_rectangles() {
        let mut page = Page::new();
        page.bars(10.0, 10.0, 1.0, 20.0, &[true, false, true, true]);
        page.matrix(10.0, 100.0, 2.0, 2, &[true, false, false, true]);
        let text = String::from_utf8_lossy(&document_of(vec![page])).to_string();
        assert_eq!(text.matches(" re").count(), 4, "two bars and two dark modules");
    }
}
