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

#[cfg(test)]
mod tests {
    use super::*;

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
