//! The definition editor's JavaScript side: CodeMirror 6 (web/editor/src/editor.js), bundled
//! into one module that the page loads before this app and that is reached through
//! `globalThis.aslEditor`. Positions crossing here are UTF-16 code units, what CodeMirror counts;
//! the engine's byte offsets are turned into them on this side.

use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// A CodeMirror editor in an element of the page.
    #[wasm_bindgen(js_namespace = aslEditor)]
    type CodeEditor;

    #[wasm_bindgen(constructor, catch, js_namespace = aslEditor)]
    fn new(
        parent: &web_sys::HtmlElement,
        text: &str,
        on_change: &Closure<dyn Fn(u32, u32, String)>,
        on_cursor: &Closure<dyn Fn(u32)>,
    ) -> Result<CodeEditor, JsValue>;
    #[wasm_bindgen(method, js_name = setText)]
    fn set_text(this: &CodeEditor, text: &str);
    #[wasm_bindgen(method, js_name = setLanguage)]
    fn set_language(this: &CodeEditor, name: &str);
    #[wasm_bindgen(method, js_name = setDark)]
    fn set_dark(this: &CodeEditor, dark: bool);
    #[wasm_bindgen(method, js_name = setDiagnostics)]
    fn set_diagnostics(this: &CodeEditor, problems: &str);
    #[wasm_bindgen(method, js_name = setMarks)]
    fn set_marks(this: &CodeEditor, marks: &str);
    #[wasm_bindgen(method)]
    fn select(this: &CodeEditor, from: u32, to: u32);
    #[wasm_bindgen(method)]
    fn reveal(this: &CodeEditor, from: u32, to: u32);
    #[wasm_bindgen(method)]
    fn destroy(this: &CodeEditor);
}

/// A problem to mark in the text.
#[derive(Serialize)]
pub(crate) struct Problem<'a> {
    pub(crate) from: u32,
    pub(crate) to: u32,
    /// `error` or `warning`.
    pub(crate) severity: &'static str,
    pub(crate) code: &'a str,
    pub(crate) message: &'a str,
}

/// Code inside a string to mark: `jsonata` or `path`.
#[derive(Serialize)]
pub(crate) struct Mark {
    pub(crate) from: u32,
    pub(crate) to: u32,
    pub(crate) kind: &'static str,
}

/// The notation the editor colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Language {
    Json,
    Yaml,
    /// Not parsed: a text too large to parse on every keystroke.
    Plain,
}

/// The editor, and the callbacks it calls, which live as long as it does.
pub(crate) struct Editor {
    inner: CodeEditor,
    _on_change: Closure<dyn Fn(u32, u32, String)>,
    _on_cursor: Closure<dyn Fn(u32)>,
}

impl Editor {
    /// An editor in `parent` holding `text`. `on_change(from, to, inserted)` is called for each
    /// change the user makes, the last one first (`from..to` is the range it replaced, in the
    /// text before it); `on_cursor(at)` when the user moves the cursor or types. Fails when the
    /// editor's module is not there.
    pub(crate) fn new(
        parent: &web_sys::HtmlElement,
        text: &str,
        on_change: impl Fn(u32, u32, String) + 'static,
        on_cursor: impl Fn(u32) + 'static,
    ) -> Result<Editor, String> {
        let on_change = Closure::<dyn Fn(u32, u32, String)>::new(on_change);
        let on_cursor = Closure::<dyn Fn(u32)>::new(on_cursor);
        let inner = CodeEditor::new(parent, text, &on_change, &on_cursor).map_err(|e| {
            e.as_string()
                .or_else(|| {
                    e.dyn_ref::<web_sys::js_sys::Error>()
                        .map(|e| String::from(e.message()))
                })
                .unwrap_or_else(|| "its module did not load".to_string())
        })?;
        Ok(Editor {
            inner,
            _on_change: on_change,
            _on_cursor: on_cursor,
        })
    }

    /// Show `text` in place of the whole document, as one step that Ctrl+Z undoes.
    pub(crate) fn set_text(&self, text: &str) {
        self.inner.set_text(text);
    }

    pub(crate) fn set_language(&self, language: Language) {
        self.inner.set_language(match language {
            Language::Json => "json",
            Language::Yaml => "yaml",
            Language::Plain => "plain",
        });
    }

    /// Dark or light (the colours themselves come from the page's style).
    pub(crate) fn set_dark(&self, dark: bool) {
        self.inner.set_dark(dark);
    }

    /// Mark these problems as lint marks (replacing those marked before).
    pub(crate) fn set_problems(&self, problems: &[Problem<'_>]) {
        self.inner
            .set_diagnostics(&serde_json::to_string(problems).unwrap_or_else(|_| "[]".into()));
    }

    /// Mark the code inside strings (replacing the marks before).
    pub(crate) fn set_marks(&self, marks: &[Mark]) {
        self.inner
            .set_marks(&serde_json::to_string(marks).unwrap_or_else(|_| "[]".into()));
    }

    /// Select `from..to`, scroll to it and focus the editor.
    pub(crate) fn select(&self, from: u32, to: u32) {
        self.inner.select(from, to);
    }

    /// Mark `from..to` and scroll to it, the cursor at `from`, nothing selected, the focus
    /// left where it is.
    pub(crate) fn reveal(&self, from: u32, to: u32) {
        self.inner.reveal(from, to);
    }
}

impl Drop for Editor {
    fn drop(&mut self) {
        self.inner.destroy();
    }
}
