//! One page of a list, cut in SQL (`LIMIT`/`OFFSET`) with the total counted beside it, so a
//! list answer never loads more rows than it shows.

pub const DEFAULT_PAGE_SIZE: u32 = 50;
pub const MAX_PAGE_SIZE: u32 = 100;

/// Which page (from 1) of how many items (1 to [`MAX_PAGE_SIZE`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    number: u64,
    size: u32,
}

impl PageRequest {
    /// Page 1 and [`DEFAULT_PAGE_SIZE`] when absent; out-of-range values are brought in range.
    pub fn new(number: Option<u64>, size: Option<u64>) -> Self {
        let size = size.unwrap_or(u64::from(DEFAULT_PAGE_SIZE)).clamp(1, u64::from(MAX_PAGE_SIZE));
        Self { number: number.unwrap_or(1).max(1), size: size as u32 }
    }

    pub fn number(&self) -> u64 {
        self.number
    }

    pub fn size(&self) -> u32 {
        self.size
    }

    pub fn limit(&self) -> i64 {
        i64::from(self.size)
    }

    /// Saturates: a page far past the end is simply empty.
    pub fn offset(&self) -> i64 {
        let offset = (self.number - 1).saturating_mul(u64::from(self.size));
        i64::try_from(offset).unwrap_or(i64::MAX)
    }
}

/// The items of one page and how many there are in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageOf<T> {
    pub items: Vec<T>,
    pub total: i64,
}

impl<T> PageOf<T> {
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> PageOf<U> {
        PageOf { items: self.items.into_iter().map(f).collect(), total: self.total }
    }
}

/// A list's order as its address names it: `valor` ascending, `-valor` descending, one of
/// `columns` (its code and the SQL it sorts by, from this whitelist only); anything else is
/// `default`. Returns the code in effect and the `ORDER BY` clause (with `id` to break ties).
pub fn order_by(
    requested: &str,
    columns: &[(&str, &'static str)],
    default: &str,
    id: &str,
) -> (String, String) {
    let chosen = |code: &str| {
        let (descending, name) = match code.strip_prefix('-') {
            Some(name) => (true, name),
            None => (false, code),
        };
        columns.iter().find(|(column, _)| *column == name).map(|(_, sql)| {
            let direction = if descending { "DESC" } else { "ASC" };
            (code.to_string(), format!("{sql} {direction}, {id} {direction}"))
        })
    };
    chosen(requested).or_else(|| chosen(default)).unwrap_or_else(|| (String::new(), format!("{id} DESC")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_order_comes_from_its_whitelist_only() {
        let columns = [("valor", "c.total_cents"), ("numero", "c.number")];
        assert_eq!(order_by("-valor", &columns, "numero", "c.id").1, "c.total_cents DESC, c.id DESC");
        assert_eq!(order_by("numero", &columns, "-valor", "c.id").1, "c.number ASC, c.id ASC");
        let injected = order_by("valor; DROP TABLE contract", &columns, "-valor", "c.id");
        assert_eq!(injected, ("-valor".to_string(), "c.total_cents DESC, c.id DESC".to_string()));
    }

    #[test]
    fn defaults_limits_and_offsets() {
        let first = PageRequest::new(None, None);
        assert_eq!((first.number(), first.limit(), first.offset()), (1, 50, 0));
        let third = PageRequest::new(Some(3), Some(20));
        assert_eq!((third.limit(), third.offset()), (20, 40));
        assert_eq!(PageRequest::new(Some(0), Some(0)), PageRequest::new(Some(1), Some(1)));
        assert_eq!(PageRequest::new(None, Some(10_000)).limit(), 100);
        assert_eq!(PageRequest::new(Some(u64::MAX), Some(100)).offset(), i64::MAX, "saturates");
    }
}
