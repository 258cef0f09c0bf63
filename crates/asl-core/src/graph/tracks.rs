//! Tracks: the heights at which edges run sideways in the channel between two rows. Runs that
//! overlap get different tracks, in the order that keeps them from crossing where they need not:
//! of two runs going right, the one starting further left runs lower; of two going left, the one
//! starting further right. Runs going opposite ways that overlap cross once whatever their order.

/// Runs closer than this are on one track only if far enough apart.
const CLEARANCE: f64 = 8.0;

/// A sideways run of an edge in a channel: from where it comes down to where it goes on down.
#[derive(Clone, Copy, Debug)]
pub(super) struct Run {
    pub(super) from: f64,
    pub(super) to: f64,
}

impl Run {
    fn left(&self) -> f64 {
        self.from.min(self.to)
    }

    fn right(&self) -> f64 {
        self.from.max(self.to)
    }

    fn rightwards(&self) -> bool {
        self.to > self.from
    }

    fn overlaps(&self, other: &Run) -> bool {
        self.left() < other.right() + CLEARANCE && other.left() < self.right() + CLEARANCE
    }
}

/// Each run's track (0 is the highest), and how many tracks there are.
pub(super) fn assign(runs: &[Run]) -> (Vec<usize>, usize) {
    let mut order: Vec<usize> = (0..runs.len()).collect();
    // Rightwards first, those starting furthest right first (they run highest); then leftwards,
    // those starting furthest left first.
    order.sort_by(|&a, &b| {
        let (ra, rb) = (&runs[a], &runs[b]);
        rb.rightwards()
            .cmp(&ra.rightwards())
            .then_with(|| {
                if ra.rightwards() {
                    rb.from.total_cmp(&ra.from)
                } else {
                    ra.from.total_cmp(&rb.from)
                }
            })
            .then(a.cmp(&b))
    });
    let mut track: Vec<Option<usize>> = vec![None; runs.len()];
    let mut count = 0;
    for &r in &order {
        let run = &runs[r];
        let mut below = 0;
        let mut taken: Vec<usize> = Vec::new();
        for (other, t) in track.iter().enumerate() {
            let Some(t) = *t else { continue };
            if !runs[other].overlaps(run) {
                continue;
            }
            taken.push(t);
            if runs[other].rightwards() == run.rightwards() {
                below = below.max(t + 1);
            }
        }
        let mut t = below;
        while taken.contains(&t) {
            t += 1;
        }
        track[r] = Some(t);
        count = count.max(t + 1);
    }
    (track.into_iter().map(|t| t.unwrap_or(0)).collect(), count)
}

#[cfg(test)]
mod tests {
    use super::{Run, assign};

    #[test]
    fn runs_going_right_nest_without_crossing() {
        // The run starting further left runs lower.
        let runs = [
            Run {
                from: 0.0,
                to: 100.0,
            },
            Run {
                from: 20.0,
                to: 120.0,
            },
            Run {
                from: 200.0,
                to: 300.0,
            },
        ];
        let (tracks, count) = assign(&runs);
        assert_eq!(tracks, [1, 0, 0]);
        assert_eq!(count, 2);
    }

    #[test]
    fn runs_going_left_mirror_that() {
        let runs = [
            Run {
                from: 100.0,
                to: 0.0,
            },
            Run {
                from: 120.0,
                to: 20.0,
            },
        ];
        assert_eq!(assign(&runs).0, [0, 1]);
    }
}
