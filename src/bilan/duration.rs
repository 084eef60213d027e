//! `--stale-after`: how long a principle may stay unrevised. Months and years are calendar
//! units (`12m` before 2025-03-31 is 2024-03-31), because organisations review on a yearly
//! rhythm, not every 365 days.

use std::fmt;

use crate::date;

/// A span of time written `90d`, `6w`, `18m` or `2y`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duration {
    Days(u32),
    Weeks(u32),
    Months(u32),
    Years(u32),
}

impl Duration {
    /// Parses `<number><unit>` with unit `d`, `w`, `m` or `y`; `None` when malformed.
    pub fn parse(text: &str) -> Option<Duration> {
        let text = text.trim();
        let unit = text.chars().last()?;
        let number: u32 = text[..text.len() - unit.len_utf8()].parse().ok()?;
        if number == 0 || number > 1000 {
            return None;
        }
        match unit.to_ascii_lowercase() {
            'd' | 'j' => Some(Duration::Days(number)),
            'w' | 's' => Some(Duration::Weeks(number)),
            'm' => Some(Duration::Months(number)),
            'y' | 'a' => Some(Duration::Years(number)),
            _ => None,
        }
    }

    /// The instant `self` before `now` (Unix seconds), at midnight UTC.
    pub fn before(self, now: i64) -> i64 {
        let today = now.div_euclid(86_400);
        let day = match self {
            Duration::Days(n) => today - i64::from(n),
            Duration::Weeks(n) => today - 7 * i64::from(n),
            Duration::Months(n) => months_before(today, i64::from(n)),
            Duration::Years(n) => months_before(today, 12 * i64::from(n)),
        };
        day * 86_400
    }
}

/// The day `months` calendar months before `day`, clamped to the end of shorter months.
fn months_before(day: i64, months: i64) -> i64 {
    let (y, m, d) = date::civil_from_days(day);
    let index = y * 12 + i64::from(m) - 1 - months;
    let (y, m) = (index.div_euclid(12), (index.rem_euclid(12) + 1) as u32);
    let mut d = d;
    while d > 28 && !date::is_valid(&format!("{y:04}-{m:02}-{d:02}")) {
        d -= 1;
    }
    date::days_from_civil(y, m, d)
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Duration::Days(n) => write!(f, "{n}d"),
            Duration::Weeks(n) => write!(f, "{n}w"),
            Duration::Months(n) => write!(f, "{n}m"),
            Duration::Years(n) => write!(f, "{n}y"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(ymd: &str) -> i64 {
        date::parse_days(ymd).expect("date") * 86_400
    }

    #[test]
    fn parses_the_documented_forms() {
        assert_eq!(Duration::parse("90d"), Some(Duration::Days(90)));
        assert_eq!(Duration::parse("18m"), Some(Duration::Months(18)));
        assert_eq!(Duration::parse("2y"), Some(Duration::Years(2)));
        assert_eq!(Duration::parse("6w"), Some(Duration::Weeks(6)));
        for bad in ["", "m", "12", "12x", "-3m", "0d", "1.5y", "ééé"] {
            assert_eq!(Duration::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn calendar_units_clamp_to_month_ends() {
        let now = at("2025-03-31") + 3600;
        assert_eq!(Duration::Months(1).before(now), at("2025-02-28"));
        assert_eq!(Duration::Months(12).before(now), at("2024-03-31"));
        assert_eq!(
            Duration::Years(1).before(at("2024-02-29")),
            at("2023-02-28")
        );
        assert_eq!(Duration::Days(90).before(now), at("2024-12-31"));
        assert_eq!(Duration::Months(14).before(now), at("2024-01-31"));
    }
}
