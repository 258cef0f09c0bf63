//! The sizes the layout works with. The core measures no font: text widths are estimated from
//! character counts, generously, for the fonts the page and the SVG export use (a sans-serif at
//! 12px semi-bold for names, 10px for everything else).

/// Width of a character of a state's name (12px, semi-bold).
const NAME_CHAR: f64 = 7.4;
/// Width of a character of 10px text: types, retry policies, labels, badges.
const SMALL_CHAR: f64 = 6.2;

/// A state's box: its least width (wide enough that one port on its top is in its middle, clear
/// of the badge slot), its height, and the extra height of a retry policy line.
pub(super) const STATE_MIN_W: f64 = 150.0;
pub(super) const STATE_H: f64 = 44.0;
pub(super) const RETRY_H: f64 = 16.0;
/// Start and End: pills with their word inside.
pub(super) const TERMINAL_W: f64 = 56.0;
pub(super) const TERMINAL_H: f64 = 26.0;
/// A Parallel or Map box: the header with its name and type, and the padding round its blocks.
pub(super) const HEADER: f64 = 44.0;
pub(super) const PAD: f64 = 16.0;
/// Between the blocks of a Parallel.
pub(super) const BLOCK_GAP: f64 = 28.0;

/// Ports: the distance between two edges on one side of a box, and from a corner.
pub(super) const PORT_GAP: f64 = 14.0;
pub(super) const PORT_INSET: f64 = 10.0;

/// Arrowheads: length and half width.
pub(super) const ARROW_LEN: f64 = 8.0;
pub(super) const ARROW_HALF: f64 = 4.0;

/// Labels: height, padding round the text, the baseline from the top, and the distance from the
/// edge they belong to.
pub(super) const LABEL_H: f64 = 14.0;
pub(super) const LABEL_PAD: f64 = 3.0;
pub(super) const LABEL_BASELINE: f64 = 10.5;
pub(super) const LABEL_OFFSET: f64 = 4.0;

/// Badges: how many characters a slot holds, and how far it reaches past the box's right side
/// and above its top.
pub(super) const BADGE_CHARS: usize = 13;
pub(super) const BADGE_OUT: f64 = 34.0;
pub(super) const BADGE_UP: f64 = 8.0;
pub(super) const BADGE_H: f64 = 16.0;

/// Channels between rows: the distance between two horizontal runs, and the room kept at the
/// top and the bottom (an arrowhead, a badge).
pub(super) const TRACK: f64 = 10.0;
pub(super) const CHANNEL_END: f64 = 10.0;
pub(super) const CHANNEL_ARROW: f64 = ARROW_LEN + 12.0;

/// Self-loops: the first lane's distance from the box, and between lanes.
pub(super) const LOOP_OUT: f64 = BADGE_OUT + 8.0;
pub(super) const LOOP_GAP: f64 = 10.0;

/// Round the whole picture.
pub(super) const MARGIN: f64 = 16.0;

pub(super) fn name_width(text: &str) -> f64 {
    text.chars().count() as f64 * NAME_CHAR
}

pub(super) fn small_width(text: &str) -> f64 {
    text.chars().count() as f64 * SMALL_CHAR
}

/// A badge slot's width.
pub(super) fn badge_width() -> f64 {
    BADGE_CHARS as f64 * SMALL_CHAR + 2.0 * LABEL_PAD
}

/// A label's box size for `text`.
pub(super) fn label_size(text: &str) -> (f64, f64) {
    (small_width(text) + 2.0 * LABEL_PAD, LABEL_H)
}
