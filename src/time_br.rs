//! Dates as Brazilians read them. Storage is UTC; the portal shows America/Sao_Paulo, which has
//! kept UTC-3 all year since daylight saving ended in 2019.

use time::{Date, OffsetDateTime, UtcOffset};

pub const SAO_PAULO: UtcOffset = match UtcOffset::from_hms(-3, 0, 0) {
    Ok(offset) => offset,
    Err(_) => panic!("valid offset"),
};

/// `2026-11-22` → `22/11/2026`.
pub fn format_date(date: Date) -> String {
    format!("{:02}/{:02}/{}", date.day(), u8::from(date.month()), date.year())
}

/// Parses the stored ISO form `YYYY-MM-DD`.
pub fn parse_iso_date(text: &str) -> Option<Date> {
    Date::parse(text, time::macros::format_description!("[year]-[month]-[day]")).ok()
}

/// A stored `YYYY-MM-DD` as `dd/mm/aaaa` (kept as it is if it is not a date).
pub fn display_iso_date(iso: &str) -> String {
    parse_iso_date(iso).map(format_date).unwrap_or_else(|| iso.to_string())
}

pub fn iso_date(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

/// Today's calendar date in São Paulo.
pub fn today_in_sao_paulo(now: OffsetDateTime) -> Date {
    now.to_offset(SAO_PAULO).date()
}

/// `22/11/2026 14:05` in São Paulo time, from unix seconds.
pub fn format_timestamp(unix_seconds: i64) -> String {
    match OffsetDateTime::from_unix_timestamp(unix_seconds) {
        Ok(at) => {
            let local = at.to_offset(SAO_PAULO);
            format!("{} {:02}:{:02}", format_date(local.date()), local.hour(), local.minute())
        }
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn shows_sao_paulo_dates() {
        // 02:00 UTC is still the previous evening in São Paulo.
        assert_eq!(today_in_sao_paulo(datetime!(2026-11-22 02:00 UTC)), time::macros::date!(2026 - 11 - 21));
        assert_eq!(format_timestamp(datetime!(2026-11-22 17:05 UTC).unix_timestamp()), "22/11/2026 14:05");
        assert_eq!(parse_iso_date("2026-02-03").map(format_date).as_deref(), Some("03/02/2026"));
        assert_eq!(parse_iso_date("2026-02-30"), None);
    }
}
