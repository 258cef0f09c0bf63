//! Embeds the tables of AWS output shapes (`aws-shapes/<service>.json`, written by
//! `scripts/aws-shapes.py`) in the `asl` command, each deflated on its own so that a test inflates
//! only the service it needs: `$OUT_DIR/aws_shapes.rs` lists them as `(service, deflated bytes)`.
//! Without the directory (a crate copied out of the repository) the list is empty and TestState
//! checks only the shapes the engine knows.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let tables = manifest.join("../../aws-shapes");
    println!("cargo:rerun-if-changed={}", tables.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&tables)
        .map(|dir| {
            dir.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut list = String::from("&[\n");
    for path in &files {
        let Some(service) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let text = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let deflated = miniz_oxide::deflate::compress_to_vec(&text, 9);
        let target = out.join(format!("{service}.json.deflate"));
        std::fs::write(&target, deflated).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
        println!("cargo:rerun-if-changed={}", path.display());
        let _ = writeln!(
            list,
            "    ({service:?}, include_bytes!({:?})),",
            display(&target)
        );
    }
    list.push(']');
    let listing = out.join("aws_shapes.rs");
    std::fs::write(&listing, list).unwrap_or_else(|e| panic!("{}: {e}", listing.display()));
}

fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}
