//! Deflates the two DejaVu Sans fonts the PDF exports embed (1.47 MB as TrueType, 0.73 MB
//! deflated) into OUT_DIR; `hours::pdf::typeset` inflates them the first time a PDF is made.
//! The fonts themselves stay in assets/fonts as published.

use std::io::Write;
use std::path::{Path, PathBuf};

const FONTS: &[&str] = &["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"];

fn deflate(source: &Path, out: &Path) -> std::io::Result<()> {
    let font = std::fs::read(source)?;
    let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(&font)?;
    std::fs::write(out, z.finish()?)
}

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    for name in FONTS {
        let source = Path::new("../assets/fonts").join(name);
        println!("cargo::rerun-if-changed={}", source.display());
        if let Err(e) = deflate(&source, &out.join(format!("{name}.deflate"))) {
            // A build script reports failure by panicking; say why first.
            panic!("deflating {}: {e}", source.display());
        }
    }
}
