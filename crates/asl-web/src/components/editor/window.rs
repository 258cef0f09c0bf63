//! The window of a large text the editor shows: a run of whole lines, found by scanning from the
//! nearest place whose line is known (the text's start, its end, or the window it moves from), so
//! that moving it costs the distance moved rather than the text's length.

/// Lines the text area holds at once: enough to scroll a few screens without moving the window,
/// few enough for the browser to lay out on every keystroke (a window of 1,000 lines doubled a
/// keystroke's time, to 33 ms in headless Chromium; one of 300 costs what a short text does).
pub(crate) const LINES: usize = 300;

/// Lines between the screen and the window's edge at which the window is moved.
const MARGIN: usize = 60;

/// A run of whole lines of a text: the first line's number and the bytes they take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Window {
    /// The first line's number, from 0.
    pub(crate) first_line: usize,
    /// Where the first line starts.
    pub(crate) start: usize,
    /// Where the last line ends, before its line feed (the feed stays outside the window).
    pub(crate) end: usize,
    /// How many lines the window holds (at least one).
    pub(crate) lines: usize,
    /// How many lines the whole text has.
    pub(crate) total_lines: usize,
}

impl Window {
    /// The window of (at most) `LINES` lines from the text's first line.
    pub(crate) fn new(text: &str) -> Window {
        let total_lines = count_lines(text);
        Window::build(text, 0, 0, total_lines)
    }

    /// The window of `LINES` lines that starts at line `first` (moved back so that it is full
    /// when the text's end is near).
    pub(crate) fn moved_to(&self, text: &str, first: usize) -> Window {
        let first = first.min(self.total_lines.saturating_sub(LINES));
        if first == self.first_line {
            return *self;
        }
        // The nearest known line start: the text's start, the window's, or the last line's.
        let last_line = self.total_lines - 1;
        let from_start = first;
        let from_window = first.abs_diff(self.first_line);
        let from_end = last_line - first;
        let start = if from_start <= from_window && from_start <= from_end {
            forward(text, 0, first)
        } else if from_window <= from_end {
            if first > self.first_line {
                forward(text, self.start, from_window)
            } else {
                backward(text, self.start, from_window)
            }
        } else {
            backward(text, last_line_start(text), from_end)
        };
        Window::build(text, first, start, self.total_lines)
    }

    /// The window around line `line`: a third of the window above it, if the text has them.
    pub(crate) fn around(&self, text: &str, line: usize) -> Window {
        self.moved_to(text, line.saturating_sub(LINES / 3))
    }

    /// Where the window should be for a screen showing `visible` lines from line `top`: `None`
    /// while the screen is well inside it, else a window with the screen in its middle.
    pub(crate) fn for_screen(&self, text: &str, top: usize, visible: usize) -> Option<Window> {
        let near_top = self.first_line > 0 && top < self.first_line + MARGIN;
        let bottom = top + visible;
        let window_bottom = self.first_line + self.lines;
        let near_bottom = window_bottom < self.total_lines && bottom + MARGIN > window_bottom;
        (near_top || near_bottom).then(|| {
            let above = LINES.saturating_sub(visible) / 2;
            self.moved_to(text, top.saturating_sub(above))
        })
    }

    /// The window once its own text was replaced by `value` (an edit inside the text area).
    pub(crate) fn edited(&self, value: &str) -> Window {
        let lines = count_lines(value);
        Window {
            end: self.start + value.len(),
            lines,
            total_lines: self.total_lines - self.lines + lines,
            ..*self
        }
    }

    fn build(text: &str, first_line: usize, start: usize, total_lines: usize) -> Window {
        let lines = LINES.min(total_lines - first_line);
        // The window ends before the feed of its last line: `lines - 1` feeds inside it.
        let end = text[start..]
            .match_indices('\n')
            .nth(lines - 1)
            .map_or(text.len(), |(at, _)| start + at);
        Window {
            first_line,
            start,
            end,
            lines,
            total_lines,
        }
    }
}

/// The lines of a text: one more than its line feeds.
pub(crate) fn count_lines(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count() + 1
}

/// The start of the line `lines` lines after the one starting at `from`.
fn forward(text: &str, from: usize, lines: usize) -> usize {
    if lines == 0 {
        return from;
    }
    text[from..]
        .match_indices('\n')
        .nth(lines - 1)
        .map_or(text.len(), |(at, _)| from + at + 1)
}

/// The start of the line `lines` lines before the one starting at `from`.
fn backward(text: &str, from: usize, lines: usize) -> usize {
    if lines == 0 {
        return from;
    }
    // The feed ending the line before `from` is at `from - 1`; the start wanted follows the
    // feed `lines + 1` back from `from`, or is the text's start.
    text[..from]
        .rmatch_indices('\n')
        .nth(lines)
        .map_or(0, |(at, _)| at + 1)
}

fn last_line_start(text: &str) -> usize {
    text.rfind('\n').map_or(0, |at| at + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered(lines: usize) -> String {
        (0..lines)
            .map(|i| format!("line {i}"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The window's text, checked against the lines it claims to hold.
    fn shown(text: &str, window: &Window) -> String {
        let expected: Vec<&str> = text
            .split('\n')
            .skip(window.first_line)
            .take(window.lines)
            .collect();
        let shown = &text[window.start..window.end];
        assert_eq!(shown, expected.join("\n"), "{window:?}");
        shown.to_string()
    }

    #[test]
    fn a_text_shorter_than_a_window_is_shown_whole() {
        let text = numbered(10);
        let window = Window::new(&text);
        assert_eq!((window.lines, window.total_lines), (10, 10));
        assert_eq!(shown(&text, &window), text);
    }

    #[test]
    fn moving_from_any_anchor_finds_the_same_lines() {
        let text = numbered(10_000);
        let start = Window::new(&text);
        assert_eq!(start.lines, LINES);
        shown(&text, &start);
        let last_first = 10_000 - LINES;
        for first in [
            1,
            10,
            LINES - 1,
            LINES,
            4_321,
            last_first - 1,
            last_first,
            9_950,
        ] {
            let direct = start.moved_to(&text, first);
            shown(&text, &direct);
            assert_eq!(direct.first_line, first.min(last_first));
            // From a window elsewhere, before and after, the same window.
            for from in [2_000, 5_000, 8_000] {
                assert_eq!(start.moved_to(&text, from).moved_to(&text, first), direct);
            }
        }
    }

    #[test]
    fn the_screen_moves_the_window_only_near_its_edges() {
        let text = numbered(10_000);
        let window = Window::new(&text);
        assert_eq!(window.for_screen(&text, 0, 40), None);
        assert_eq!(window.for_screen(&text, LINES / 2, 40), None);
        let moved = window.for_screen(&text, LINES - 60, 40).unwrap();
        assert_eq!(moved.first_line, LINES - 60 - (LINES - 40) / 2);
        shown(&text, &moved);
        let end = window.for_screen(&text, 9_990, 40).unwrap();
        assert_eq!(end.first_line + end.lines, 10_000);
        assert_eq!(end.for_screen(&text, 10_000 - LINES / 2, 40), None);
    }

    #[test]
    fn an_edit_inside_the_window_keeps_the_count_of_lines() {
        let mut text = numbered(3_000);
        let window = Window::new(&text).moved_to(&text, LINES + 10);
        let value = text[window.start..window.end].replacen('\n', "\nnew\nlines\n", 1);
        text.replace_range(window.start..window.end, &value);
        let edited = window.edited(&value);
        assert_eq!(edited.total_lines, 3_002);
        assert_eq!(edited.total_lines, count_lines(&text));
        assert_eq!(&text[edited.start..edited.end], value);
        // Moving on from the edited window finds the right lines.
        shown(&text, &edited.moved_to(&text, 2_002));
        shown(&text, &edited.moved_to(&text, 10));
    }

    #[test]
    fn lines_may_be_empty_and_the_text_may_end_with_a_feed() {
        let text = "\n\n{\n\n}\n".repeat(500);
        let window = Window::new(&text);
        assert_eq!(window.total_lines, 2_501);
        for first in [0, 1, 2, 3, 1_499, 1_500, 2_000] {
            shown(&text, &window.moved_to(&text, first));
        }
    }
}
