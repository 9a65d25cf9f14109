//! The rules of the record forms, as pure functions: each refusal is a pt-BR sentence under the
//! field's name.

use std::collections::BTreeMap;

use super::model::{UnitBatchForm, UnitForm};

/// Refusals by field name.
pub type FieldErrors = BTreeMap<String, String>;

pub(crate) fn refuse(errors: &mut FieldErrors, field: &str, message: &str) {
    errors.entry(field.to_string()).or_insert_with(|| message.to_string());
}

/// `before → after` for each field that changed, for the audit trail.
pub fn changes(pairs: &[(&str, String, String)]) -> String {
    let shown = |text: &str| if text.is_empty() { "(vazio)".to_string() } else { text.to_string() };
    pairs
        .iter()
        .filter(|(_, before, after)| before != after)
        .map(|(field, before, after)| format!("{field}: {} → {}", shown(before), shown(after)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Spaces collapsed, ends trimmed.
pub(crate) fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A whole number in `range`, or the refusal under `field`.
pub(crate) fn whole_number(
    errors: &mut FieldErrors,
    field: &str,
    text: &str,
    range: std::ops::RangeInclusive<i64>,
    message: &str,
) -> i64 {
    match text.trim().parse::<i64>() {
        Ok(value) if range.contains(&value) => value,
        _ => {
            refuse(errors, field, message);
            *range.start()
        }
    }
}

/// A day typed in a form: `aaaa-mm-dd` (what a date input sends) or `dd/mm/aaaa` (typed by
/// hand where the browser has no date input).
pub fn parse_form_date(text: &str) -> Option<time::Date> {
    let text = text.trim();
    if let Some(date) = crate::time_br::parse_iso_date(text) {
        return Some(date);
    }
    let mut parts = text.split('/');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 {
        return None;
    }
    crate::time_br::parse_iso_date(&format!("{year}-{month:0>2}-{day:0>2}"))
}

/// A decimal with up to two places in Brazilian (`1.234,56`) or plain (`1234.56`) spelling, as
/// hundredths; `unit` (`m²`, `R$`) may stand before or after it.
fn parse_hundredths(text: &str, unit: &str) -> Option<i64> {
    let text = text.trim().trim_start_matches(unit).trim_end_matches(unit).trim();
    let normalized =
        if text.contains(',') { text.replace('.', "").replace(',', ".") } else { text.to_string() };
    let (whole, fraction) = normalized.split_once('.').unwrap_or((&normalized, ""));
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) || fraction.len() > 2 {
        return None;
    }
    if !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let fraction: i64 = format!("{fraction:0<2}").parse().ok()?;
    whole.checked_mul(100)?.checked_add(fraction)
}

/// An area in m² (`65,4`, `65.40`, `1.234,56`) as hundredths of m².
pub fn parse_area(text: &str) -> Option<i64> {
    parse_hundredths(text, "m²").filter(|centi| (1..=10_000_000).contains(centi))
}

/// An amount of money (`R$ 1.234,56`, `1234.56`, `850`) in centavos, more than zero and at
/// most R$ 1 bilhão.
pub fn parse_money(text: &str) -> Option<i64> {
    parse_hundredths(text, "R$").filter(|cents| (1..=100_000_000_000).contains(cents))
}

/// A part in % (`50`, `33,34`) as hundredths of a percent, from 0,01 % to 100 %.
pub fn parse_percent(text: &str) -> Option<u32> {
    parse_hundredths(text, "%").filter(|part| (1..=10_000).contains(part)).map(|part| part as u32)
}

/// Money for a form field: `1234,56`.
pub fn money_text(cents: i64) -> String {
    format!("{},{:02}", cents / 100, cents % 100)
}

/// An area for a form field: `65,40`.
pub fn area_text(centi_m2: i64) -> String {
    format!("{},{:02}", centi_m2 / 100, centi_m2 % 100)
}

/// Most units one batch creates.
pub const MAX_BATCH: i64 = 500;

/// A valid batch: where the units go and what they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitBatch {
    pub block: Option<i64>,
    /// `(floor, number)` of each unit, in order.
    pub units: Vec<(i64, String)>,
    pub kind: String,
    pub area_centi_m2: i64,
    pub parking: i64,
}

fn unit_kind(errors: &mut FieldErrors, text: &str) -> String {
    let kind = tidy(text);
    if !(2..=40).contains(&kind.chars().count()) {
        refuse(
            errors,
            "kind",
            "Informe o tipo da unidade (apartamento, casa, sala, loja…), até 40 caracteres.",
        );
    }
    kind
}

fn block_id(errors: &mut FieldErrors, text: &str, blocks: &[i64]) -> Option<i64> {
    if text.trim().is_empty() {
        return None;
    }
    match text.trim().parse::<i64>() {
        Ok(id) if blocks.contains(&id) => Some(id),
        _ => {
            refuse(errors, "block", "Escolha um bloco deste empreendimento.");
            None
        }
    }
}

fn area(errors: &mut FieldErrors, text: &str) -> i64 {
    parse_area(text).unwrap_or_else(|| {
        refuse(errors, "area", "Informe a área privativa em m², por exemplo 65,40.");
        0
    })
}

fn parking(errors: &mut FieldErrors, text: &str) -> i64 {
    let text = if text.trim().is_empty() { "0" } else { text };
    whole_number(errors, "parking", text, 0..=20, "Informe de 0 a 20 vagas.")
}

/// Checks a batch and numbers its units; `blocks` are the empreendimento's block ids.
pub fn check_batch(form: &UnitBatchForm, blocks: &[i64]) -> Result<UnitBatch, FieldErrors> {
    let mut errors = FieldErrors::new();
    let block = block_id(&mut errors, &form.block, blocks);
    let floor_from = whole_number(
        &mut errors,
        "floor_from",
        &form.floor_from,
        0..=200,
        "Informe o primeiro andar (0 é o térreo).",
    );
    let floor_to = whole_number(
        &mut errors,
        "floor_to",
        &form.floor_to,
        0..=200,
        "Informe o último andar (de 0 a 200).",
    );
    if !errors.contains_key("floor_from") && !errors.contains_key("floor_to") && floor_to < floor_from {
        refuse(&mut errors, "floor_to", "O último andar não pode ser menor que o primeiro.");
    }
    let per_floor = whole_number(
        &mut errors,
        "per_floor",
        &form.per_floor,
        1..=99,
        "Informe de 1 a 99 unidades por andar.",
    );
    let sequential = match form.numbering.as_str() {
        "andar" => false,
        "sequencial" => true,
        _ => {
            refuse(&mut errors, "numbering", "Escolha como numerar as unidades.");
            false
        }
    };
    let first = if sequential {
        let text = if form.first_number.trim().is_empty() { "1" } else { &form.first_number };
        whole_number(
            &mut errors,
            "first_number",
            text,
            0..=99_999,
            "Informe o primeiro número (de 0 a 99999).",
        )
    } else {
        1
    };
    let kind = unit_kind(&mut errors, &form.kind);
    let area_centi_m2 = area(&mut errors, &form.area);
    let parking = parking(&mut errors, &form.parking);
    if errors.is_empty() && (floor_to - floor_from + 1) * per_floor > MAX_BATCH {
        refuse(
            &mut errors,
            "per_floor",
            &format!("São no máximo {MAX_BATCH} unidades de uma vez: crie em partes."),
        );
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut units = Vec::new();
    let mut next = first;
    for floor in floor_from..=floor_to {
        for position in 1..=per_floor {
            let number = if sequential {
                next += 1;
                (next - 1).to_string()
            } else {
                (floor * 100 + position).to_string()
            };
            units.push((floor, number));
        }
    }
    Ok(UnitBatch { block, units, kind, area_centi_m2, parking })
}

/// A valid unit form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidUnit {
    pub block: Option<i64>,
    pub number: String,
    pub floor: i64,
    pub kind: String,
    pub area_centi_m2: i64,
    pub parking: i64,
    pub list_price_cents: Option<i64>,
    pub bedrooms: Option<i64>,
    pub bathrooms: Option<i64>,
}

/// An optional count of rooms (empty: not said).
fn optional_rooms(errors: &mut FieldErrors, field: &str, text: &str, message: &str) -> Option<i64> {
    if text.trim().is_empty() {
        return None;
    }
    Some(whole_number(errors, field, text, 0..=20, message))
}

/// Checks one unit's form; `blocks` are the empreendimento's block ids.
pub fn check_unit(form: &UnitForm, blocks: &[i64]) -> Result<ValidUnit, FieldErrors> {
    let mut errors = FieldErrors::new();
    let block = block_id(&mut errors, &form.block, blocks);
    let number = tidy(&form.number);
    if !(1..=20).contains(&number.chars().count()) {
        refuse(&mut errors, "number", "Informe o número da unidade, até 20 caracteres.");
    }
    let floor = whole_number(&mut errors, "floor", &form.floor, 0..=200, "Informe o andar (0 é o térreo).");
    let kind = unit_kind(&mut errors, &form.kind);
    let area_centi_m2 = area(&mut errors, &form.area);
    let parking = parking(&mut errors, &form.parking);
    let list_price_cents = if form.price.trim().is_empty() {
        None
    } else {
        let price = parse_money(&form.price);
        if price.is_none() {
            refuse(&mut errors, "price", "Informe o preço em reais, como 450.000,00, ou deixe em branco.");
        }
        price
    };
    let bedrooms = optional_rooms(
        &mut errors,
        "bedrooms",
        &form.bedrooms,
        "Informe de 0 a 20 quartos, ou deixe em branco.",
    );
    let bathrooms = optional_rooms(
        &mut errors,
        "bathrooms",
        &form.bathrooms,
        "Informe de 0 a 20 banheiros, ou deixe em branco.",
    );
    if errors.is_empty() {
        Ok(ValidUnit {
            block,
            number,
            floor,
            kind,
            area_centi_m2,
            parking,
            list_price_cents,
            bedrooms,
            bathrooms,
        })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batch(floors: (&str, &str), per_floor: &str, numbering: &str, first: &str) -> UnitBatchForm {
        UnitBatchForm {
            block: String::new(),
            floor_from: floors.0.into(),
            floor_to: floors.1.into(),
            per_floor: per_floor.into(),
            numbering: numbering.into(),
            first_number: first.into(),
            kind: "Apartamento".into(),
            area: "65,4".into(),
            parking: "1".into(),
        }
    }

    #[test]
    fn days_as_a_date_input_sends_them_or_typed_by_hand() {
        let day = parse_form_date("2028-06-30").unwrap();
        assert_eq!(parse_form_date("30/06/2028"), Some(day));
        assert_eq!(parse_form_date("1/2/2028"), parse_form_date("2028-02-01"));
        for bad in ["", "31/02/2028", "30/06/28", "2028/06/30", "hoje"] {
            assert_eq!(parse_form_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn areas_in_brazilian_and_plain_spelling() {
        assert_eq!(parse_area("65,4"), Some(6540));
        assert_eq!(parse_area("65.40"), Some(6540));
        assert_eq!(parse_area("1.234,56 m²"), Some(123_456));
        assert_eq!(parse_area("70"), Some(7000));
        for bad in ["", "0", "abc", "65,456", "-3", "1,2,3", "9999999999999999999"] {
            assert_eq!(parse_area(bad), None, "{bad}");
        }
        assert_eq!(area_text(6540), "65,40");
        assert_eq!(parse_money("R$ 1.234,56"), Some(123_456));
        assert_eq!(parse_money("850"), Some(85_000));
        assert_eq!(parse_money("0,00"), None);
        assert_eq!(money_text(123_456), "1234,56");
    }

    #[test]
    fn a_batch_numbers_by_floor_or_in_sequence() {
        let by_floor = check_batch(&batch(("1", "2"), "4", "andar", ""), &[]).unwrap();
        let numbers: Vec<&str> = by_floor.units.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(numbers, ["101", "102", "103", "104", "201", "202", "203", "204"]);
        assert_eq!(by_floor.area_centi_m2, 6540);
        let houses = check_batch(&batch(("0", "0"), "3", "sequencial", "10"), &[]).unwrap();
        assert_eq!(houses.units, [(0, "10".to_string()), (0, "11".into()), (0, "12".into())]);
    }

    #[test]
    fn a_bad_batch_says_what_is_wrong_under_each_field() {
        let errors = check_batch(&batch(("5", "2"), "0", "?", ""), &[7]).unwrap_err();
        assert!(errors.contains_key("floor_to") && errors.contains_key("per_floor"));
        assert!(errors.contains_key("numbering"));
        let mut wrong_block = batch(("1", "1"), "1", "andar", "");
        wrong_block.block = "8".into();
        assert!(check_batch(&wrong_block, &[7]).unwrap_err().contains_key("block"));
        let too_many = check_batch(&batch(("1", "50"), "11", "andar", ""), &[]).unwrap_err();
        assert!(too_many["per_floor"].contains("500"));
    }
}
