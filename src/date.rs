//! Calendar dates without a date crate: the format only needs `YYYY-MM-DD` (possibly
//! partial), day counts for freshness, and RFC 3339 stamps for feeds.

/// Whether `s` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` and names a real day.
pub fn is_valid_partial(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y] => num(y, 4).is_some(),
        [y, m] => num(y, 4).is_some() && num(m, 2).is_some_and(|m| (1..=12).contains(&m)),
        [y, m, d] => match (num(y, 4), num(m, 2), num(d, 2)) {
            (Some(y), Some(m), Some(d)) => {
                (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y as i64, m)
            }
            _ => false,
        },
        _ => false,
    }
}

/// Whether `s` is a full, real `YYYY-MM-DD` date.
pub fn is_valid(s: &str) -> bool {
    s.len() == 10 && is_valid_partial(s)
}

/// The number of days of month `m` (1 to 12) of year `y`.
pub fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

/// Days since the epoch of a `YYYY-MM-DD` text (partial dates count from their first day).
pub fn parse_days(s: &str) -> Option<i64> {
    if !is_valid_partial(s) {
        return None;
    }
    let mut parts = s.split('-').map(|p| p.parse::<u32>().ok());
    let y = parts.next()?? as i64;
    let m = parts.next().flatten().unwrap_or(1);
    let d = parts.next().flatten().unwrap_or(1);
    Some(days_from_civil(y, m, d))
}

/// `YYYY-MM-DD` of a Unix time (UTC).
pub fn ymd(unix: i64) -> String {
    let (y, m, d) = civil_from_days(unix.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// RFC 3339 stamp of a Unix time (UTC), for Atom feeds and sitemaps.
pub fn rfc3339(unix: i64) -> String {
    let secs = unix.rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        ymd(unix),
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// Now, as a Unix time; `SOURCE_DATE_EPOCH` pins it for reproducible output and tests.
pub fn now() -> i64 {
    if let Some(epoch) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        return epoch;
    }
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validity() {
        assert!(is_valid("2024-02-29"));
        assert!(!is_valid("2023-02-29"));
        assert!(!is_valid("2023-13-01"));
        assert!(is_valid_partial("2011"));
        assert!(is_valid_partial("2013-05"));
        assert!(!is_valid_partial("2013-5"));
        assert!(!is_valid("2013-05"));
    }

    #[test]
    fn round_trip() {
        for days in [-1000, 0, 1, 19_000, 20_500] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(ymd(0), "1970-01-01");
        assert_eq!(parse_days("2024-03-01"), Some(days_from_civil(2024, 3, 1)));
        assert_eq!(rfc3339(86_399), "1970-01-01T23:59:59Z");
    }
}
