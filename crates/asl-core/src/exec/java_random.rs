//! `java.util.Random`, bit for bit: AWS runs on the JVM, so a seeded `$random(42)` or
//! `States.MathRandom(1, 10, 42)` gives what Java's generator gives for that seed
//! (`new Random(42).nextDouble()` is 0.7275636800328681).

/// Java's linear congruential generator (48-bit state).
#[derive(Clone, Debug)]
pub struct JavaRandom {
    state: u64,
}

const MULTIPLIER: u64 = 0x5_DEEC_E66D;
const MASK: u64 = (1 << 48) - 1;

impl JavaRandom {
    /// `new Random(seed)`.
    pub fn new(seed: i64) -> Self {
        JavaRandom {
            state: (seed as u64 ^ MULTIPLIER) & MASK,
        }
    }

    /// `next(bits)`: the next `bits` random bits, as Java's protected method gives them.
    fn next(&mut self, bits: u32) -> i32 {
        self.state = self.state.wrapping_mul(MULTIPLIER).wrapping_add(0xB) & MASK;
        (self.state >> (48 - bits)) as i32
    }

    /// `nextDouble()`: uniform in `[0, 1)`.
    pub fn next_double(&mut self) -> f64 {
        let high = i64::from(self.next(26)) << 27;
        let low = i64::from(self.next(27));
        (high + low) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// `nextInt(bound)`: uniform in `[0, bound)`; `bound` must be positive.
    pub fn next_int(&mut self, bound: i32) -> i32 {
        debug_assert!(bound > 0);
        let m = bound - 1;
        let mut r = self.next(31);
        if bound & m == 0 {
            return ((i64::from(bound) * i64::from(r)) >> 31) as i32;
        }
        let mut u = r;
        loop {
            r = u % bound;
            if u.wrapping_sub(r).wrapping_add(m) >= 0 {
                return r;
            }
            u = self.next(31);
        }
    }

    /// An integer in `[low, high)`, as `low + nextInt(high - low)`; a span wider than Java's
    /// `int` scales `nextDouble()` instead.
    pub fn range(&mut self, low: i64, high: i64) -> i64 {
        if high <= low {
            return low;
        }
        match i32::try_from(high - low) {
            Ok(span) => low + i64::from(self.next_int(span)),
            Err(_) => low + (self.next_double() * (high - low) as f64) as i64,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_java() {
        // Values printed by OpenJDK's java.util.Random.
        assert_eq!(JavaRandom::new(42).next_double(), 0.7275636800328681);
        assert_eq!(JavaRandom::new(0).next_double(), 0.730967787376657);
        let mut r = JavaRandom::new(42);
        let ints: Vec<i32> = (0..5).map(|_| r.next_int(10)).collect();
        assert_eq!(ints, [0, 3, 8, 4, 0]);
    }
}
