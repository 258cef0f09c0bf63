//! RFC 3339 timestamps, as AWS accepts them in Wait `Timestamp` and Choice `Timestamp…` rules:
//! `2016-03-14T01:59:00Z`, any number of fractional digits, `Z` or a numeric offset, an uppercase
//! `T`. `2012-10-09T19:00:55` (no zone) and `2023-02-24` (no time) are not timestamps.

/// An instant, as milliseconds since the Unix epoch plus the sub-millisecond rest in nanoseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    /// Whole milliseconds since 1970-01-01T00:00:00Z.
    pub millis: i64,
    /// Nanoseconds past `millis` (0..1_000_000).
    pub sub_millis_nanos: u32,
}

/// Read an RFC 3339 timestamp.
pub fn parse_rfc3339(text: &str) -> Option<Timestamp> {
    let b = text.as_bytes();
    if b.len() < 20 {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let s = text.get(range)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut i = 19;
    let mut nanos: u64 = 0;
    if b[i] == b'.' {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            if i - start < 9 {
                nanos = nanos * 10 + u64::from(b[i] - b'0');
            }
            i += 1;
        }
        let digits = i - start;
        if digits == 0 {
            return None;
        }
        for _ in digits..9 {
            nanos *= 10;
        }
    }
    let offset_minutes = match b.get(i)? {
        b'Z' if i + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if i + 6 == b.len() && b[i + 3] == b':' => {
            let (h, m) = (num(i + 1..i + 3)?, num(i + 4..i + 6)?);
            if h > 23 || m > 59 {
                return None;
            }
            let minutes = h * 60 + m;
            if *sign == b'-' { -minutes } else { minutes }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
    let millis = seconds * 1000 + (nanos / 1_000_000) as i64;
    Some(Timestamp {
        millis,
        sub_millis_nanos: (nanos % 1_000_000) as u32,
    })
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_what_aws_accepts() {
        for ok in [
            "2016-03-14T01:59:00Z",
            "2016-03-14T01:59:00.00Z",
            "2016-03-14T01:59:00.000000Z",
            "2016-03-14T01:59:00+05:30",
            "2024-02-29T00:00:00Z",
        ] {
            assert!(parse_rfc3339(ok).is_some(), "{ok}");
        }
    }

    #[test]
    fn refuses_what_aws_refuses() {
        for bad in [
            "2016-12-05T25:29:29Z",
            "2016-13-05T21:29:29Z",
            "2016-12-05T21:29:29",
            "2016-12-05 21:29:29Z",
            "05-12-2016T21:29:29Z",
            "2023-02-24",
            "2023-02-29T00:00:00Z",
            "2016-03-14t01:59:00Z",
            "2016-03-14T01:59:00.Z",
        ] {
            assert!(parse_rfc3339(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn offsets_compare_by_instant() {
        let a = parse_rfc3339("2016-03-14T07:00:00-05:00").unwrap();
        let b = parse_rfc3339("2016-03-14T12:00:00Z").unwrap();
        assert_eq!(a, b);
        assert_eq!(
            parse_rfc3339("1970-01-01T00:00:01.5Z").unwrap().millis,
            1500
        );
    }
}
