//! A small typesetter for one-column documents on A4 or Letter: a cursor that runs down the page, text
//! runs, wrapped paragraphs, headings, label/value pairs and tables that continue on the
//! next page with their header repeated, then a footer on every page. It knows nothing of
//! what the document says.
//!
//! Written with krilla; text is DejaVu Sans (embedded, subset) so that names such as
//! "Lucía" come out as typed, and every string carries its Unicode text so that it can be
//! copied and searched. Glyph ids and widths come from skrifa, one glyph per character.

use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

use krilla::geom::{PathBuilder, Point};
use krilla::page::PageSettings;
use krilla::paint::Stroke;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::Document;
use skrifa::instance::{LocationRef, Size};
use skrifa::MetadataProvider;
use unicode_normalization::UnicodeNormalization;

use super::page::PageSize;
use crate::error::{Error, Result};

/// DejaVu Sans and DejaVu Sans Bold (assets/fonts), deflated by build.rs: half the size in
/// the binary, inflated once, the first time a document is laid out (a few milliseconds).
static REGULAR: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans.ttf.deflate"));
static BOLD: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans-Bold.ttf.deflate"));

/// The two fonts as TrueType, inflated on first use and kept for the life of the process.
fn fonts() -> Result<&'static (Vec<u8>, Vec<u8>)> {
    static FONTS: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
    if let Some(fonts) = FONTS.get() {
        return Ok(fonts);
    }
    let inflate = |deflated: &[u8]| {
        let mut font = Vec::new();
        flate2::read::DeflateDecoder::new(deflated)
            .read_to_end(&mut font)
            .map_err(|_| pdf_error("the font does not load"))?;
        Ok::<_, Error>(font)
    };
    let fonts = (inflate(REGULAR)?, inflate(BOLD)?);
    Ok(FONTS.get_or_init(|| fonts))
}

/// The left margin: where lines start. The right margin is the same.
pub(super) const LEFT: f32 = 50.0;
const TOP: f32 = 60.0;
/// The bottom margin, below the last line (the footer sits in it).
const BOTTOM_MARGIN: f32 = 60.0;
/// Body text size, in points.
pub(super) const BODY: f32 = 9.5;
/// Small text size (notes, long tables, the footer), in points.
pub(super) const SMALL: f32 = 8.0;

fn pdf_error(what: &'static str) -> Error {
    Error::Io(std::io::Error::other(format!("PDF: {what}")))
}

/// A font with what layout needs: glyph ids and advances (in ems), cached per character.
struct Face {
    font: Font,
    charmap: skrifa::charmap::Charmap<'static>,
    metrics: skrifa::metrics::GlyphMetrics<'static>,
    units_per_em: f32,
    cache: HashMap<char, (u32, f32)>,
}

impl Face {
    fn load(data: &'static [u8]) -> Result<Face> {
        let font = Font::new(data.into(), 0).ok_or_else(|| pdf_error("the font does not load"))?;
        let f = skrifa::FontRef::new(data).map_err(|_| pdf_error("the font does not load"))?;
        let units_per_em = f32::from(
            f.metrics(Size::unscaled(), LocationRef::default())
                .units_per_em,
        );
        Ok(Face {
            font,
            charmap: f.charmap(),
            metrics: f.glyph_metrics(Size::unscaled(), LocationRef::default()),
            units_per_em,
            cache: HashMap::new(),
        })
    }

    fn glyph(&mut self, c: char) -> (u32, f32) {
        if let Some(g) = self.cache.get(&c) {
            return *g;
        }
        let id = self.charmap.map(c).unwrap_or_default();
        let advance = self.metrics.advance_width(id).unwrap_or(0.0) / self.units_per_em;
        let g = (id.to_u32(), advance);
        self.cache.insert(c, g);
        g
    }

    fn width(&mut self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.glyph(c).1).sum::<f32>() * size
    }

    fn glyphs(&mut self, text: &str) -> Vec<KrillaGlyph> {
        text.char_indices()
            .map(|(i, c)| {
                let (id, advance) = self.glyph(c);
                KrillaGlyph::new(
                    GlyphId::new(id),
                    advance,
                    0.0,
                    0.0,
                    0.0,
                    i..i + c.len_utf8(),
                    None,
                )
            })
            .collect()
    }
}

/// One drawing operation on a page, laid out before any page is written.
enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        text: String,
    },
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        width: f32,
    },
}

/// Which side of its column a table cell keeps to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Align {
    /// Text starts at the column's left edge.
    Left,
    /// Text ends a few points before the column's right edge (figures).
    Right,
}

/// A table column: its header, width in points and alignment.
pub(super) struct Col {
    title: &'static str,
    width: f32,
    align: Align,
}

/// A table column (see [`Col`]).
pub(super) const fn col(title: &'static str, width: f32, align: Align) -> Col {
    Col {
        title,
        width,
        align,
    }
}

/// What the document says about itself: its title, the program that made it, its language.
pub(super) struct DocumentInfo {
    pub(super) title: &'static str,
    pub(super) creator: &'static str,
    pub(super) language: &'static str,
}

/// A document being laid out: the pages so far and a cursor on the last one. Nothing is
/// written until [`Layout::finish`], which knows the page count for the footers.
pub(super) struct Layout {
    regular: Face,
    bold: Face,
    pages: Vec<Vec<Op>>,
    /// Baseline of the next line.
    y: f32,
    /// The page's width and height, in points.
    page_w: f32,
    page_h: f32,
}

impl Layout {
    /// An empty document on `page`, with the cursor at the top of its first page.
    pub(super) fn new(page: PageSize) -> Result<Layout> {
        Layout::with_size(page.points())
    }

    /// [`Layout::new`] on the sheet turned sideways, for wide tables.
    pub(super) fn landscape(page: PageSize) -> Result<Layout> {
        let (w, h) = page.points();
        Layout::with_size((h, w))
    }

    fn with_size((page_w, page_h): (f32, f32)) -> Result<Layout> {
        let (regular, bold) = fonts()?;
        let mut l = Layout {
            regular: Face::load(regular)?,
            bold: Face::load(bold)?,
            pages: Vec::new(),
            y: TOP,
            page_w,
            page_h,
        };
        l.new_page();
        Ok(l)
    }

    /// Where lines end: the right margin.
    pub(super) fn right(&self) -> f32 {
        self.page_w - LEFT
    }

    /// The lowest a line's baseline may go.
    fn bottom(&self) -> f32 {
        self.page_h - BOTTOM_MARGIN
    }

    fn face(&mut self, bold: bool) -> &mut Face {
        if bold {
            &mut self.bold
        } else {
            &mut self.regular
        }
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Moves the cursor `points` down the page.
    pub(super) fn down(&mut self, points: f32) {
        self.y += points;
    }

    /// Starts a new page unless `height` more points fit on this one.
    pub(super) fn room(&mut self, height: f32) -> bool {
        if self.y + height > self.bottom() {
            self.new_page();
            return true;
        }
        false
    }

    fn push(&mut self, op: Op) {
        if let Some(p) = self.pages.last_mut() {
            p.push(op);
        }
    }

    /// Shortens `text` with "…" until it fits `width`.
    fn fit(&mut self, text: &str, size: f32, bold: bool, width: f32) -> String {
        let face = self.face(bold);
        if face.width(text, size) <= width {
            return text.to_owned();
        }
        let ell = face.width("…", size);
        let mut out = String::new();
        let mut w = 0.0;
        for c in text.chars() {
            let cw = face.glyph(c).1 * size;
            if w + cw + ell > width {
                break;
            }
            w += cw;
            out.push(c);
        }
        out.push('…');
        out
    }

    /// A run of text at `x` on the cursor's line; the cursor stays where it is.
    pub(super) fn text_at(&mut self, x: f32, text: &str, size: f32, bold: bool) {
        self.push(Op::Text {
            x,
            y: self.y,
            size,
            bold,
            // One Unicode form, so that accents typed either way draw as one glyph.
            text: text.nfc().collect(),
        });
    }

    fn rule(&mut self, y: f32, width: f32) {
        self.push(Op::Rule {
            x1: LEFT,
            x2: self.right(),
            y,
            width,
        });
    }

    /// A paragraph, wrapped at word boundaries to the page width, `indent` from the left.
    pub(super) fn paragraph(&mut self, text: &str, size: f32, bold: bool, indent: f32) {
        let text: String = text.nfc().collect();
        let width = self.right() - LEFT - indent;
        let lead = size * 1.45;
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && self.face(bold).width(&candidate, size) > width {
                self.room(lead);
                let l = std::mem::take(&mut line);
                let fitted = self.fit(&l, size, bold, width);
                self.text_at(LEFT + indent, &fitted, size, bold);
                self.y += lead;
                line = word.to_owned();
            } else {
                line = candidate;
            }
        }
        if !line.is_empty() {
            self.room(lead);
            let fitted = self.fit(&line, size, bold, width);
            self.text_at(LEFT + indent, &fitted, size, bold);
            self.y += lead;
        }
    }

    /// A section heading, underlined, kept on a page with at least three lines after it.
    pub(super) fn heading(&mut self, text: &str) {
        self.y += 8.0;
        // Keep a heading with at least three lines after it.
        self.room(13.0 * 1.4 + 3.0 * BODY * 1.5);
        self.text_at(LEFT, text, 13.0, true);
        self.y += 13.0 * 0.6;
        self.rule(self.y, 0.6);
        self.y += BODY * 1.7;
    }

    fn cells(&mut self, cols: &[Col], cells: &[String], bold: bool, size: f32) {
        let mut x = LEFT;
        for (c, text) in cols.iter().zip(cells) {
            let fitted = self.fit(text, size, bold, c.width - 5.0);
            let tx = match c.align {
                Align::Left => x,
                Align::Right => x + c.width - 5.0 - self.face(bold).width(&fitted, size),
            };
            self.text_at(tx, &fitted, size, bold);
            x += c.width;
        }
    }

    fn table_header(&mut self, cols: &[Col], size: f32) {
        let titles: Vec<String> = cols.iter().map(|c| c.title.to_owned()).collect();
        self.cells(cols, &titles, true, size);
        self.rule(self.y + 3.5, 0.4);
        self.y += size * 1.6;
    }

    /// A table whose header repeats on every page it runs onto; `total` is drawn in bold
    /// under a rule.
    pub(super) fn table(
        &mut self,
        cols: &[Col],
        rows: &[Vec<String>],
        total: Option<Vec<String>>,
        size: f32,
    ) {
        let lead = size * 1.45;
        self.room(lead * 3.0);
        self.table_header(cols, size);
        for row in rows {
            if self.room(lead) {
                self.table_header(cols, size);
            }
            self.cells(cols, row, false, size);
            self.y += lead;
        }
        if let Some(t) = total {
            if self.room(lead * 1.5) {
                self.table_header(cols, size);
            }
            self.rule(self.y - lead + 3.5, 0.4);
            self.y += 2.0;
            self.cells(cols, &t, true, size);
            self.y += lead;
        }
    }

    /// One line of body text: `label` on the left, `value` in bold in a second column.
    pub(super) fn pair(&mut self, label: &str, value: &str) {
        let lead = BODY * 1.5;
        self.room(lead);
        self.text_at(LEFT, label, BODY, false);
        self.text_at(LEFT + 190.0, value, BODY, true);
        self.y += lead;
    }

    /// Writes the document: every page laid out, each with `footer(page, pages)` (page
    /// counted from 1) in small text at the bottom right.
    pub(super) fn finish(
        mut self,
        info: &DocumentInfo,
        footer: impl Fn(usize, usize) -> String,
    ) -> Result<Vec<u8>> {
        let mut doc = Document::new();
        doc.set_metadata(
            krilla::metadata::Metadata::new()
                .title(info.title.to_owned())
                .creator(info.creator.to_owned())
                .language(info.language.to_owned()),
        );
        let settings = PageSettings::from_wh(self.page_w, self.page_h)
            .ok_or_else(|| pdf_error("page size"))?;
        let count = self.pages.len();
        let pages = std::mem::take(&mut self.pages);
        for (n, ops) in pages.into_iter().enumerate() {
            let label = footer(n + 1, count);
            let footer_x = self.right() - self.regular.width(&label, SMALL);
            let mut page = doc.start_page_with(settings.clone());
            let mut surface = page.surface();
            let footer_op = Op::Text {
                x: footer_x,
                y: self.page_h - 35.0,
                size: SMALL,
                bold: false,
                text: label,
            };
            for op in ops.iter().chain(std::iter::once(&footer_op)) {
                match op {
                    Op::Text {
                        x,
                        y,
                        size,
                        bold,
                        text,
                    } => {
                        let face = self.face(*bold);
                        let glyphs = face.glyphs(text);
                        surface.draw_glyphs(
                            Point::from_xy(*x, *y),
                            &glyphs,
                            face.font.clone(),
                            text,
                            *size,
                            false,
                        );
                    }
                    Op::Rule { x1, x2, y, width } => {
                        let mut pb = PathBuilder::new();
                        pb.move_to(*x1, *y);
                        pb.line_to(*x2, *y);
                        if let Some(path) = pb.finish() {
                            surface.set_fill(None);
                            surface.set_stroke(Some(Stroke {
                                width: *width,
                                ..Stroke::default()
                            }));
                            surface.draw_path(&path);
                            surface.set_stroke(None);
                            surface.set_fill(Some(krilla::paint::Fill::default()));
                        }
                    }
                }
            }
            surface.finish();
            page.finish();
        }
        doc.finish()
            .map_err(|_| pdf_error("the document could not be written"))
    }
}
