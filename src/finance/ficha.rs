//! The boleto as FEBRABAN lays it out on an A4 page: the recibo do pagador at the top, the PIX
//! QR code with its copia e cola beside the payment data, and the ficha de compensação at the
//! bottom (below the cut line) with the ITF bar code at its specified size and quiet zones.

use crate::br::Centavos;
use crate::documents::pdf::{document_of, fit, text_width, wrap, Font, Page};

/// Everything printed on one boleto, as text already formatted for print.
pub(crate) struct BoletoSheet {
    pub bank_name: String,
    /// `001-9`.
    pub bank_code: String,
    pub digitable_line: String,
    /// The ITF modules of the 44-digit barcode (`true` = bar).
    pub barcode_modules: Vec<bool>,
    pub due_on: String,
    pub amount: Centavos,
    /// `Construtora Horizonte Ltda · CNPJ 12.345.678/0001-95`.
    pub beneficiary: String,
    pub agency_code: String,
    pub document_date: String,
    pub document_number: String,
    pub processing_date: String,
    pub nosso_numero: String,
    pub wallet: String,
    pub instructions: Vec<String>,
    /// `Ana Souza · CPF 123.456.789-09`: the contract's titular.
    pub payer: String,
    pub payer_address: String,
    /// The other buyers of the contract, by name.
    pub co_buyers: Vec<String>,
    /// What the boleto pays: contract, installment, property.
    pub reference: String,
    /// The BR Code, for installments not yet due.
    pub pix: Option<String>,
    /// An installment's boleto is (with fees); an antecipação's is not.
    pub payable_after_due: bool,
    /// The demonstrativo for the buyer (label, value): contract, property, installment, buyers.
    pub summary: Vec<(String, String)>,
}

const LEFT: f32 = 28.0;
const RIGHT: f32 = 567.0;
/// Where the ficha's right-hand column (due date, nosso número, amounts) starts.
const COLUMN: f32 = 427.0;
const ROW: f32 = 22.0;
const LABEL_SIZE: f32 = 5.5;
const VALUE_SIZE: f32 = 8.5;
/// FEBRABAN's ITF: narrow module 0.254 mm, 13 mm high, 12 mm of quiet zone at the left.
const BAR_MODULE: f32 = 0.72;
const BAR_HEIGHT: f32 = 36.85;
const BAR_LEFT: f32 = 34.0;

/// A labelled box: the label small at the top, the value fitted to the box below it.
fn cell(page: &mut Page, x: f32, top: f32, width: f32, label: &str, value: &str, emphasis: bool) {
    page.outline(x, top - ROW, width, ROW, 0.5);
    page.text(x + 2.5, top - 7.0, Font::Regular, LABEL_SIZE, label);
    let font = if emphasis { Font::Bold } else { Font::Regular };
    let value = fit(font, VALUE_SIZE, width - 6.0, value);
    if emphasis {
        page.text_right(x + width - 3.0, top - ROW + 5.0, font, VALUE_SIZE, &value);
    } else {
        page.text(x + 3.0, top - ROW + 5.0, font, VALUE_SIZE, &value);
    }
}

/// The bank's name, its code in a box of its own and, at the right, `right` (the linha
/// digitável on the ficha, the receipt's name on the recibo); a thick rule below.
fn bank_header(page: &mut Page, sheet: &BoletoSheet, top: f32, right: &str, right_size: f32) {
    let baseline = top - 15.0;
    page.text(LEFT, baseline, Font::Bold, 11.0, &fit(Font::Bold, 11.0, 120.0, &sheet.bank_name));
    page.line((152.0, top - 2.0), (152.0, top - ROW), 1.5);
    page.text(160.0, baseline, Font::Bold, 14.0, &sheet.bank_code);
    page.line((208.0, top - 2.0), (208.0, top - ROW), 1.5);
    page.text_right(RIGHT, baseline, Font::Bold, right_size, right);
    page.line((LEFT, top - ROW), (RIGHT, top - ROW), 1.5);
}

fn recibo(page: &mut Page, sheet: &BoletoSheet, top: f32) -> f32 {
    bank_header(page, sheet, top, "Recibo do Pagador", 11.0);
    let (middle, last) = (347.0, 457.0);
    let mut y = top - ROW;
    cell(page, LEFT, y, middle - LEFT, "Beneficiário", &sheet.beneficiary, false);
    cell(page, middle, y, last - middle, "Agência/Código do beneficiário", &sheet.agency_code, false);
    cell(page, last, y, RIGHT - last, "Vencimento", &sheet.due_on, true);
    y -= ROW;
    cell(page, LEFT, y, middle - LEFT, "Pagador", &sheet.payer, false);
    cell(page, middle, y, last - middle, "Nº do documento", &sheet.document_number, false);
    cell(page, last, y, RIGHT - last, "Nosso número", &sheet.nosso_numero, true);
    y -= ROW;
    cell(page, LEFT, y, middle - LEFT, "Referente a", &sheet.reference, false);
    cell(page, middle, y, last - middle, "(=) Valor do documento", &sheet.amount.to_string(), true);
    cell(page, last, y, RIGHT - last, "(=) Valor cobrado", "", false);
    y -= ROW;
    page.text_right(RIGHT, y - 9.0, Font::Regular, 6.5, "Autenticação mecânica");
    y - 16.0
}

/// The PIX block: the QR code at the left, how to pay and the copia e cola at the right; for
/// an overdue installment, why there is no PIX and how to pay instead.
fn pix_block(page: &mut Page, sheet: &BoletoSheet, top: f32) -> f32 {
    let text_left = LEFT + 160.0;
    let text_width_available = RIGHT - 8.0 - text_left;
    let Some(payload) = &sheet.pix else {
        let message = "Parcela vencida: pague pelo código de barras ou pela linha digitável abaixo, em \
                       qualquer banco ou app; o banco calcula a multa e os juros do atraso. O PIX deste \
                       boleto vale só até o vencimento, pelo valor exato da parcela.";
        let lines = wrap(Font::Regular, 8.5, RIGHT - LEFT - 16.0, message);
        let height = 26.0 + lines.len() as f32 * 11.0;
        page.outline(LEFT, top - height, RIGHT - LEFT, height, 0.5);
        page.text(LEFT + 8.0, top - 15.0, Font::Bold, 10.0, "Sem PIX para esta parcela");
        for (index, line) in lines.iter().enumerate() {
            page.text(LEFT + 8.0, top - 28.0 - index as f32 * 11.0, Font::Regular, 8.5, line);
        }
        return top - height - 10.0;
    };
    let height = 160.0;
    page.outline(LEFT, top - height, RIGHT - LEFT, height, 0.5);
    if let Ok(code) = qrcode::QrCode::with_error_correction_level(payload.as_bytes(), qrcode::EcLevel::M) {
        let side = code.width();
        let dark: Vec<bool> =
            code.to_colors().into_iter().map(|color| color == qrcode::Color::Dark).collect();
        // As large as the box allows (about 48 mm), with a quiet zone of white around it.
        let module = (140.0 / side as f32).min(3.0);
        let size = module * side as f32;
        page.matrix(
            LEFT + 10.0 + (140.0 - size) / 2.0,
            top - 10.0 - (140.0 - size) / 2.0,
            module,
            side,
            &dark,
        );
    }
    let mut y = top - 20.0;
    page.text(text_left, y, Font::Bold, 12.0, "Pague com PIX");
    y -= 15.0;
    let amount_line = format!("{} · até {}", sheet.amount, sheet.due_on);
    page.text(text_left, y, Font::Bold, 9.0, &amount_line);
    y -= 14.0;
    let after = if sheet.payable_after_due {
        "Depois do vencimento, pague pelo código de barras."
    } else {
        "O código de barras também vale até o vencimento."
    };
    let how = format!(
        "No app do seu banco, escolha Pix e Ler QR Code, ou Pix Copia e Cola e cole o código abaixo. {after}"
    );
    for line in wrap(Font::Regular, 8.0, text_width_available, &how) {
        page.text(text_left, y, Font::Regular, 8.0, &line);
        y -= 10.0;
    }
    y -= 6.0;
    page.text(text_left, y, Font::Bold, 8.0, "PIX copia e cola");
    y -= 11.0;
    let mono_size = 7.5;
    let per_line = (text_width_available / text_width(Font::Mono, mono_size, "0")).floor() as usize;
    for line in crate::br::pix::printed_lines(payload, per_line) {
        page.text(text_left, y, Font::Mono, mono_size, &line);
        y -= 9.5;
    }
    top - height - 10.0
}

/// The demonstrativo: what this boleto pays, for the buyer's records.
fn summary_block(page: &mut Page, sheet: &BoletoSheet, top: f32) {
    let value_left = LEFT + 86.0;
    let value_width = RIGHT - 8.0 - value_left;
    let mut lines: Vec<(Option<&str>, String)> = Vec::new();
    for (label, value) in &sheet.summary {
        for (index, line) in wrap(Font::Regular, 8.5, value_width, value).into_iter().enumerate() {
            lines.push(((index == 0).then_some(label.as_str()), line));
        }
    }
    let height = 26.0 + lines.len() as f32 * 11.5;
    page.outline(LEFT, top - height, RIGHT - LEFT, height, 0.5);
    page.text(LEFT + 8.0, top - 15.0, Font::Bold, 10.0, "Demonstrativo");
    for (index, (label, line)) in lines.iter().enumerate() {
        let y = top - 29.0 - index as f32 * 11.5;
        if let Some(label) = label {
            page.text(LEFT + 8.0, y, Font::Bold, 8.0, label);
        }
        page.text(value_left, y, Font::Regular, 8.5, line);
    }
}

fn ficha(page: &mut Page, sheet: &BoletoSheet, top: f32) {
    bank_header(page, sheet, top, &sheet.digitable_line, 10.5);
    let main = COLUMN - LEFT;
    let side = RIGHT - COLUMN;
    let mut y = top - ROW;
    let place = if sheet.payable_after_due {
        "Pagável em qualquer banco, lotérica ou app, mesmo após o vencimento"
    } else {
        "Pagável em qualquer banco, lotérica ou app, só até o vencimento"
    };
    cell(page, LEFT, y, main, "Local de pagamento", place, false);
    cell(page, COLUMN, y, side, "Vencimento", &sheet.due_on, true);
    y -= ROW;
    cell(page, LEFT, y, main, "Beneficiário", &sheet.beneficiary, false);
    cell(page, COLUMN, y, side, "Agência/Código do beneficiário", &sheet.agency_code, true);
    y -= ROW;
    let columns = [80.0, 110.0, 50.0, 40.0, main - 280.0];
    let values = [
        ("Data do documento", sheet.document_date.as_str()),
        ("Nº do documento", sheet.document_number.as_str()),
        ("Espécie doc.", "DM"),
        ("Aceite", "N"),
        ("Data do processamento", sheet.processing_date.as_str()),
    ];
    let mut x = LEFT;
    for (width, (label, value)) in columns.iter().zip(values) {
        cell(page, x, y, *width, label, value, false);
        x += width;
    }
    cell(page, COLUMN, y, side, "Nosso número", &sheet.nosso_numero, true);
    y -= ROW;
    let values = [
        ("Uso do banco", ""),
        ("Carteira", sheet.wallet.as_str()),
        ("Espécie", "R$"),
        ("Quantidade", ""),
        ("Valor", ""),
    ];
    let mut x = LEFT;
    for (width, (label, value)) in columns.iter().zip(values) {
        cell(page, x, y, *width, label, value, false);
        x += width;
    }
    cell(page, COLUMN, y, side, "(=) Valor do documento", &sheet.amount.to_string(), true);
    y -= ROW;
    // Instructions at the left, the five amount boxes the bank fills at the right.
    let deductions = [
        "(-) Desconto / Abatimento",
        "(-) Outras deduções",
        "(+) Mora / Multa",
        "(+) Outros acréscimos",
        "(=) Valor cobrado",
    ];
    page.outline(LEFT, y - 5.0 * ROW, main, 5.0 * ROW, 0.5);
    page.text(
        LEFT + 2.5,
        y - 7.0,
        Font::Regular,
        LABEL_SIZE,
        "Instruções (texto de responsabilidade do beneficiário)",
    );
    let mut line_y = y - 18.0;
    for instruction in &sheet.instructions {
        for line in wrap(Font::Regular, 8.0, main - 8.0, instruction) {
            if line_y > y - 5.0 * ROW + 4.0 {
                page.text(LEFT + 4.0, line_y, Font::Regular, 8.0, &line);
            }
            line_y -= 10.0;
        }
    }
    for (index, label) in deductions.iter().enumerate() {
        cell(page, COLUMN, y - index as f32 * ROW, side, label, "", false);
    }
    y -= 5.0 * ROW;
    let payer_height = 44.0;
    page.outline(LEFT, y - payer_height, RIGHT - LEFT, payer_height, 0.5);
    page.text(LEFT + 2.5, y - 7.0, Font::Regular, LABEL_SIZE, "Pagador");
    let payer_width = RIGHT - LEFT - 8.0;
    page.text(LEFT + 4.0, y - 17.0, Font::Bold, 8.5, &fit(Font::Bold, 8.5, payer_width, &sheet.payer));
    page.text(
        LEFT + 4.0,
        y - 27.5,
        Font::Regular,
        8.0,
        &fit(Font::Regular, 8.0, payer_width, &sheet.payer_address),
    );
    if !sheet.co_buyers.is_empty() {
        let others = format!("Demais compradores: {}", sheet.co_buyers.join(", "));
        page.text(LEFT + 4.0, y - 38.0, Font::Regular, 8.0, &fit(Font::Regular, 8.0, payer_width, &others));
    }
    y -= payer_height;
    page.outline(LEFT, y - 14.0, RIGHT - LEFT, 14.0, 0.5);
    page.text(LEFT + 2.5, y - 9.5, Font::Regular, LABEL_SIZE, "Sacador/Avalista");
    y -= 14.0;
    page.text_right(RIGHT, y - 9.0, Font::Regular, 6.5, "Autenticação mecânica – Ficha de Compensação");
    page.bars(BAR_LEFT, y - 16.0 - BAR_HEIGHT, BAR_MODULE, BAR_HEIGHT, &sheet.barcode_modules);
}

/// The one-page boleto PDF.
pub(crate) fn boleto_pdf(sheet: &BoletoSheet) -> Vec<u8> {
    let mut page = Page::new();
    let after_recibo = recibo(&mut page, sheet, 814.0);
    let after_pix = pix_block(&mut page, sheet, after_recibo);
    summary_block(&mut page, sheet, after_pix);
    // The ficha sits at the foot of the page, below the cut line, as banks expect.
    let ficha_top = 384.0;
    page.dashed_line((LEFT, ficha_top + 14.0), (RIGHT, ficha_top + 14.0));
    page.text_right(RIGHT, ficha_top + 18.0, Font::Regular, 6.0, "Corte na linha pontilhada");
    ficha(&mut page, sheet, ficha_top);
    document_of(vec![page])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(pix: Option<&str>) -> BoletoSheet {
        BoletoSheet {
            bank_name: "Banco do Brasil".into(),
            bank_code: "001-9".into(),
            digitable_line: "00190.00009 01234.567004 00000.017178 1 12340000285000".into(),
            barcode_modules: crate::finance::itf_modules("00191123400002850000000001234567000000001717"),
            due_on: "10/12/2026".into(),
            amount: Centavos(285_000),
            beneficiary: "Construtora Horizonte Ltda · CNPJ 12.345.678/0001-95".into(),
            agency_code: "1234-5 / 12345-6".into(),
            document_date: "20/07/2025".into(),
            document_number: "HZ-2024-0117/19".into(),
            processing_date: "04/12/2026".into(),
            nosso_numero: "12345670000000017".into(),
            wallet: "17".into(),
            instructions: vec!["Após 10/12/2026, cobrar multa.".into()],
            payer: "Ana Paula Souza · CPF 111.444.777-35".into(),
            payer_address: "Rua XV de Novembro, 1000".into(),
            co_buyers: vec!["Carlos Eduardo Souza".into()],
            reference: "Contrato HZ-2024-0117 · Parcela 19".into(),
            pix: pix.map(str::to_string),
            payable_after_due: true,
            summary: vec![("Contrato".into(), "HZ-2024-0117".into())],
        }
    }

    #[test]
    fn draws_the_itf_bars_at_thirteen_millimetres_and_the_qr_code_only_with_pix() {
        let with_pix =
            String::from_utf8_lossy(&boleto_pdf(&sheet(Some("00020101021226"))).to_vec()).to_string();
        // 44 digits in ITF: 2 start bars, 5 bars per pair of digits, 2 stop bars.
        assert_eq!(with_pix.matches(" 36.85 re").count(), 2 + 22 * 5 + 2);
        let without = String::from_utf8_lossy(&boleto_pdf(&sheet(None))).to_string();
        assert!(with_pix.matches(" re").count() > without.matches(" re").count() + 100, "the QR modules");
        assert!(without.contains("(Sem PIX para esta parcela)"));
    }
}
