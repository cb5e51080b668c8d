//! Prepare: shapes the collected text into pieces (words, word fragments, spaces), finds the
//! hyphenation and emergency break points inside words, and encodes everything as Knuth–Plass
//! boxes, glue and penalties.

use std::ops::Range;

use super::bidi::{self, Levels};
use super::cjk;
use super::collect::{Collected, Opportunity};
use super::linebreak::{Alignment, Item, ItemsBuilder};
use super::microtype::{MAX_EXPANSION, right_protrusion};
use super::{InlineCtx, Warning};
use crate::content::RunStyle;
use crate::font::shaper::Shapers;
use crate::font::{FontId, ShapedGlyph, fallback};
use crate::geom::Pt;

mod shape;

pub use shape::tracking_for;
use shape::{shape_into, shape_text};

/// Penalty for an emergency break inside an overlong word (a URL): high enough that any
/// ordinary break wins, finite so the word can still be split.
const EMERGENCY_PENALTY: f64 = 500.0;
/// Interword stretch and shrink as fractions of the space: TeX's defaults for Computer Modern
/// (stretch 1/2, shrink 1/3 of the space).
const SPACE_STRETCH: f64 = 0.5;
/// See [`SPACE_STRETCH`].
const SPACE_SHRINK: f64 = 1.0 / 3.0;
/// Stretch of the glue between two CJK characters, in ems: CJK text has no spaces, so a
/// justified line is filled by spreading its shortfall over the gaps between characters (as
/// JIS X 4051 and CSS `text-justify: inter-character` do). A tenth of an em per gap lets a
/// line of 30 characters gain three ems at ratio 1, about what a Latin line of the same length
/// gains at its spaces; the glue never shrinks, as solid-set characters cannot come closer.
const CJK_STRETCH_EM: f64 = 0.1;
/// The space between an ideograph and a Latin letter or digit, in ems: a quarter em, as
/// Typst's and CSS `text-autospace` (Japanese typesetting's shibuaki) put there.
const AUTOSPACE_EM: f64 = 0.25;
/// How far that space may stretch or shrink, as a fraction of it: a little, so it reads the
/// same on every line (half an interword space's freedom).
const AUTOSPACE_FLEX: f64 = 0.25;

/// The pieces (and drawn items) reserved per break opportunity: a word and its space, more
/// only for a word cut by hyphenation points, a style change or a font fallback, where the
/// vector grows as before.
const PIECES_PER_OPPORTUNITY: usize = 2;
/// The items reserved per break opportunity: ragged text encodes a word and its space as five
/// (a box, then a forbidden break, stretch glue, a break and the space's glue, see
/// `ItemsBuilder::push_space`), justified text as two or three.
const ITEMS_PER_OPPORTUNITY: usize = 5;

/// A shaped stretch of text in one font and span.
#[derive(Debug, Clone)]
pub struct Piece {
    /// Byte range in the collected text.
    pub range: Range<usize>,
    /// The span whose style applies.
    pub span: usize,
    /// The face.
    pub font: FontId,
    /// The glyphs; clusters are offsets into the collected text.
    pub glyphs: Vec<ShapedGlyph>,
    /// The advance width at the span's size, tracking included.
    pub width: Pt,
    /// Whether this is interword space (its width is adjusted when lines are justified).
    pub space: bool,
    /// Its bidi embedding level (odd is right to left); a piece never spans two levels.
    pub level: u8,
}

/// What the line breaker needs plus the way back from items to pieces.
#[derive(Debug)]
pub struct Prepared {
    /// The shaped pieces.
    pub pieces: Vec<Piece>,
    /// The Knuth–Plass items.
    pub items: Vec<Item>,
    /// For each item, the piece it draws (boxes and space glue), if any.
    pub item_piece: Vec<Option<usize>>,
    /// The hyphen pieces drawn when a line ends at a flagged penalty, by the penalty's item
    /// index, in order (a few per paragraph: see [`Prepared::hyphen_at`]).
    pub hyphens: Vec<(usize, Piece)>,
    /// The share of their width by which glyphs may be scaled (font expansion; 0 is off).
    pub expansion: f64,
    /// The paragraph's bidi levels.
    pub levels: Levels,
}

impl Prepared {
    /// Returns the hyphen drawn when a line ends at item `item`, if it is a hyphenation point.
    pub fn hyphen_at(&self, item: usize) -> Option<&Piece> {
        let i = self.hyphens.binary_search_by_key(&item, |(at, _)| *at).ok()?;
        Some(&self.hyphens[i].1)
    }

    /// Gives the glyph vectors of the pieces and hyphens back to the shaping session, which
    /// fills them with later results instead of allocating new ones.
    pub fn recycle(self, shapers: &mut Shapers) {
        let hyphens = self.hyphens.into_iter().map(|(_, hyphen)| hyphen);
        self.pieces.into_iter().chain(hyphens).for_each(|piece| shapers.recycle(piece.glyphs));
    }
}

/// The paragraph being encoded: the pieces so far, the items through [`ItemsBuilder`] (the
/// encoding the line-breaking oracles test), and which items draw which piece or hyphen.
struct Encoder {
    /// The shaped pieces so far.
    pieces: Vec<Piece>,
    /// The items so far.
    builder: ItemsBuilder,
    /// (item index, piece index) for boxes and space glue.
    drawn: Vec<(usize, usize)>,
    /// (penalty index, hyphen) for hyphenation points.
    hyphens: Vec<(usize, Piece)>,
    /// For each span, the face of its style (chosen once: a span has many words).
    span_fonts: Vec<FontId>,
    /// Whether punctuation ending a line hangs into the margin (justified text with
    /// protrusion on).
    protrude: bool,
    /// The share by which boxes may be scaled (0 without expansion).
    expansion: f64,
    /// The paragraph's bidi levels (pieces are split where they change).
    levels: Levels,
    /// Whether Latin words are left unhyphenated: the paragraph is mostly CJK, where a break
    /// between characters is never far (see [`mostly_cjk`]).
    no_hyphens: bool,
    /// The first interword space shaped in each span, by span: a paragraph has a space after
    /// nearly every word, all alike within a span (see [`Encoder::space_like`]).
    spaces: SpanMemo<Piece>,
    /// Where the word being encoded is cut into fragments ([`emit_word`]): kept between
    /// words, so that a word allocates no list of its own.
    bounds: Vec<usize>,
    /// The hyphenation points of the word being encoded ([`word`]), kept between words as
    /// `bounds` is.
    cuts: Vec<Cut>,
    /// The hyphen shaped for each span, by span, if it was shaped before (see
    /// [`Encoder::hyphen_like`]); `None` when the span's face gives the hyphen no glyph.
    span_hyphens: SpanMemo<Option<Piece>>,
    /// The span of the last position asked for ([`Encoder::span_at`]).
    span_cursor: SpanCursor,
}

/// How many spans' first spaces and hyphens a paragraph keeps ([`SpanMemo`]): a paragraph has
/// a handful of spans; one with more shapes the spaces and hyphens of the rest as before, so
/// that a memo stays a short linear search.
const MEMO_SPANS: usize = 16;

/// What a paragraph keeps of a span for the span's next uses (its first space, its hyphen), by
/// span, for at most [`MEMO_SPANS`] spans.
#[derive(Debug)]
struct SpanMemo<T>(Vec<(usize, T)>);

impl<T> SpanMemo<T> {
    /// An empty memo.
    fn new() -> SpanMemo<T> {
        SpanMemo(Vec::new())
    }

    /// Returns what is kept for `span`, if anything.
    fn get(&self, span: usize) -> Option<&T> {
        self.0.iter().find(|(s, _)| *s == span).map(|(_, value)| value)
    }

    /// Keeps what `value` makes for `span`, unless the memo already holds [`MEMO_SPANS`] spans
    /// (then `value` is not called).
    fn keep(&mut self, span: usize, value: impl FnOnce() -> T) {
        if self.0.len() < MEMO_SPANS {
            self.0.push((span, value()));
        }
    }
}

/// The span of the last position asked for, from which the next is found: the encoder asks
/// for positions nearly in order (words, their fragments, their spaces), so that most cost a
/// comparison or two rather than [`Collected::span_at`]'s binary search.
#[derive(Debug, Default)]
struct SpanCursor(usize);

impl SpanCursor {
    /// Returns the span containing byte `at`, as [`Collected::span_at`] does: by stepping
    /// forward from the last one (spans are contiguous and in order, so the first one ending
    /// after `at` holds it, or the last span at the very end), or, for a position before the
    /// last span, by a search afresh.
    fn at(&mut self, c: &Collected, at: usize) -> usize {
        let spans = &c.spans;
        match spans.get(self.0) {
            Some(s) if s.range.start <= at => {
                while self.0 + 1 < spans.len() && spans[self.0].range.end <= at {
                    self.0 += 1;
                }
            }
            _ => self.0 = c.span_at(at),
        }
        self.0
    }
}

impl Encoder {
    /// Returns the piece of a single space at byte `at` of span `span`, made from the first
    /// space shaped in that span, if there was one. What [`shape_into`] would make: a one-byte
    /// space has one face (the same fallback choice as before), one bidi level, the same glyphs
    /// (the shaper's result depends on the face, text and language only; a lone space mirrors
    /// and reverses to itself at an odd level) and the same width (the span's style); only the
    /// offsets and the level differ.
    fn space_like(&self, span: usize, at: usize, shapers: &mut Shapers) -> Option<Piece> {
        let first = self.spaces.get(span)?;
        let shift = |offset: usize| offset - first.range.start + at;
        let mut glyphs = shapers.empty();
        glyphs.extend(first.glyphs.iter().map(|g| ShapedGlyph { cluster: shift(g.cluster), ..*g }));
        let level = self.levels.at(at);
        Some(Piece { range: at..at + 1, glyphs, level, ..*first })
    }

    /// Returns the span containing byte `at` (see [`SpanCursor`]).
    fn span_at(&mut self, c: &Collected, at: usize) -> usize {
        self.span_cursor.at(c, at)
    }

    /// Returns the hyphen piece of span `span` at byte `at` made from the one shaped before for
    /// that span, if there was one (`Some(None)` when it had no glyphs). What [`shape_text`]
    /// would make: the span fixes the face, the style and so the width, the shaper's result
    /// depends on the face, text and language only, and every glyph sits at `at`.
    fn hyphen_like(&self, span: usize, at: usize, shapers: &mut Shapers) -> Option<Option<Piece>> {
        let first = self.span_hyphens.get(span)?;
        let Some(first) = first else { return Some(None) };
        let mut glyphs = shapers.empty();
        glyphs.extend(first.glyphs.iter().map(|g| ShapedGlyph { cluster: at, ..*g }));
        Some(Some(Piece { range: at..at, glyphs, ..*first }))
    }

    /// Forgets the pieces and items from `mark` on (a word encoded again).
    fn truncate(&mut self, mark: (usize, usize)) {
        self.pieces.truncate(mark.0);
        self.builder.truncate(mark.1);
        self.drawn.retain(|&(item, _)| item < mark.1);
        self.hyphens.retain(|(item, _)| *item < mark.1);
    }

    /// Returns where the encoding stands: (pieces, items).
    fn mark(&self) -> (usize, usize) {
        (self.pieces.len(), self.builder.len())
    }

    /// Finishes the items and lays out the item → piece table (the hyphens are kept by item).
    fn finish(self) -> Prepared {
        let items = self.builder.finish();
        let mut item_piece = vec![None; items.len()];
        for (item, piece) in self.drawn {
            if let Some(slot) = item_piece.get_mut(item) {
                *slot = Some(piece);
            }
        }
        // Each hyphen has an item of its own, pushed in order; a table by item index would be
        // almost all empty.
        let mut hyphens = self.hyphens;
        hyphens.retain(|(item, _)| *item < items.len());
        debug_assert!(hyphens.windows(2).all(|w| w[0].0 < w[1].0), "hyphens in item order");
        Prepared {
            pieces: self.pieces,
            items,
            item_piece,
            hyphens,
            expansion: self.expansion,
            levels: self.levels,
        }
    }
}

/// Shapes and encodes a collected paragraph for a measure of `width`; `alignment` says how its
/// lines are set (ragged text carries its end stretch).
pub fn prepare(
    c: &Collected,
    ops: &[Opportunity],
    alignment: Alignment,
    width: Pt,
    ctx: &mut InlineCtx,
) -> Prepared {
    let span_fonts = c.spans.iter().map(|s| ctx.font_for(s.style)).collect();
    let justified = alignment == Alignment::Justified;
    let expansion = if justified && ctx.microtype.expansion { MAX_EXPANSION } else { 0.0 };
    let levels = Levels::resolve(&c.text, ctx.lang);
    let mut builder = ItemsBuilder::new(alignment).with_expansion(expansion);
    builder.reserve(ITEMS_PER_OPPORTUNITY * ops.len());
    let mut p = Encoder {
        pieces: Vec::with_capacity(PIECES_PER_OPPORTUNITY * ops.len()),
        builder,
        drawn: Vec::with_capacity(PIECES_PER_OPPORTUNITY * ops.len()),
        hyphens: Vec::new(),
        span_fonts,
        // Protrusion hangs a line's last character into the right margin; a right-to-left
        // line ends at the left, so its paragraphs are set without it.
        protrude: justified && ctx.microtype.protrusion && !levels.rtl,
        expansion,
        levels,
        no_hyphens: mostly_cjk(&c.text, ops),
        spaces: SpanMemo::new(),
        bounds: Vec::new(),
        cuts: Vec::new(),
        span_hyphens: SpanMemo::new(),
        span_cursor: SpanCursor::default(),
    };
    let mut start = 0;
    for op in ops {
        let segment = start..op.at;
        let word_end = start + c.text[segment.clone()].trim_end_matches([' ', '\n', '\r', '\t']).len();
        word(&mut p, c, start..word_end, width, ctx);
        space(&mut p, c, word_end..op.at, ctx);
        breakpoint(&mut p, c, word_end..op.at, op, op.at == c.text.len());
        start = op.at;
    }
    p.finish()
}

/// Adds a word: its fragments as boxes, with penalties at its inner break points.
fn word(p: &mut Encoder, c: &Collected, range: Range<usize>, width: Pt, ctx: &mut InlineCtx) {
    if range.is_empty() {
        return;
    }
    let text = &c.text[range.clone()];
    let span = &c.spans[p.span_at(c, range.start)];
    // Bold marks names, titles and key terms, which a broken word would damage.
    let style_allows = span.style.hyphenate && !span.style.bold;
    let mut cuts = std::mem::take(&mut p.cuts);
    cuts.clear();
    if ctx.hyphenate && !p.no_hyphens && style_allows && !span.nobreak && !in_compound(&c.text, range.clone())
    {
        ctx.hyphenator.each_point(text, |i| cuts.push(Cut { at: range.start + i, hyphen: true }));
    }
    let mark = p.mark();
    emit_word(p, c, range.clone(), &cuts, ctx);
    p.cuts = cuts;
    // Even a run that must not break (a contact) is split when it cannot fit on any line: the
    // word is measured as shaped, and only an overlong one is shaped again at emergency points.
    let natural: Pt = p.pieces[mark.0..].iter().map(|pc| pc.width).sum();
    if natural > width {
        p.truncate(mark);
        let quoted = crate::strings::visible_excerpt(text, crate::limits::QUOTED_WORD_CHARS);
        ctx.warnings
            .push(Warning::new(format!("the word “{quoted}” is wider than the line and was broken inside")));
        emit_word(p, c, range.clone(), &emergency_points(text, range.start), ctx);
    }
}

/// Whether the word around `range` (up to the spaces on either side) is a compound with an
/// explicit hyphen or dash ("zero-downtime", "URL-shortening", "2019–2021"): such a word breaks
/// only after its own hyphen, as TeX does, because a second, inserted hyphen ("zero-down-/time")
/// reads as if the author had written it.
///
/// The look around the word is bounded: a run of more than [`COMPOUND_WINDOW`] bytes without
/// white space is no hyphenatable word anyway (it is answered as a compound, so it is not
/// hyphenated), and a bounded look keeps a long run of break opportunities without spaces (a
/// URL, CJK text) linear. Offsets are kept on character boundaries (a no-break space is two
/// bytes).
fn in_compound(text: &str, range: Range<usize>) -> bool {
    use crate::strings::{floor_char, slice};
    let from = floor_char(text, range.start.saturating_sub(COMPOUND_WINDOW));
    let before = slice(text, from..range.start);
    let start = match before.char_indices().rev().find(|(_, c)| c.is_whitespace()) {
        Some((i, c)) => from + i + c.len_utf8(),
        None if from > 0 => return true,
        None => 0,
    };
    let to = floor_char(text, range.end.saturating_add(COMPOUND_WINDOW));
    let after = slice(text, range.end..to);
    let end = match after.find(char::is_whitespace) {
        Some(i) => range.end + i,
        None if to < text.len() => return true,
        None => text.len(),
    };
    // The hyphen by a byte search; the dashes only in text that is not ASCII.
    let word = slice(text, start..end);
    word.contains('-') || (!word.is_ascii() && word.contains(['\u{2010}', '\u{2011}', '\u{2013}']))
}

/// How far [`in_compound`] looks for the white space around a word, in bytes: four times the
/// longest word that is ever hyphenated, in the widest UTF-8.
const COMPOUND_WINDOW: usize = 4 * crate::limits::MAX_HYPHENATED_WORD_CHARS;

/// Shapes a word in fragments (split at style changes and at the cuts) and adds their boxes,
/// with a penalty at each cut.
fn emit_word(p: &mut Encoder, c: &Collected, range: Range<usize>, cuts: &[Cut], ctx: &mut InlineCtx) {
    let mut bounds = std::mem::take(&mut p.bounds);
    bounds.clear();
    // The spans starting inside the word: they are in order, so from the first one after its
    // start until one starts at or after its end.
    let after_start = c.spans.partition_point(|s| s.range.start <= range.start);
    let starts = c.spans[after_start..].iter().map(|s| s.range.start);
    bounds.extend(starts.take_while(|&s| s < range.end));
    bounds.extend(cuts.iter().map(|c| c.at));
    bounds.push(range.end);
    bounds.sort_unstable();
    bounds.dedup();
    // Cuts come in order (hyphenation points and emergency points are found left to right), so
    // one cursor walks them beside the bounds: linear however many cuts a long word has.
    debug_assert!(cuts.windows(2).all(|w| w[0].at < w[1].at), "cuts in order");
    let mut next_cut = cuts.iter().peekable();
    let mut from = range.start;
    for &to in &bounds {
        shape_into(p, c, from..to, false, ctx);
        while next_cut.next_if(|k| k.at < to).is_some() {}
        if let Some(cut) = next_cut.next_if(|k| k.at == to) {
            push_cut(p, c, cut, ctx);
        }
        from = to;
    }
    p.bounds = bounds;
}

/// A place inside a word where a line may break.
#[derive(Debug, Clone, Copy)]
struct Cut {
    /// Byte offset in the collected text.
    at: usize,
    /// Whether a hyphen is added when the line breaks here.
    hyphen: bool,
}

/// Returns break points for an overlong word: after `/ . - ? & = _ @` (URL-like), else between
/// any two characters.
fn emergency_points(text: &str, offset: usize) -> Vec<Cut> {
    let after_punct: Vec<Cut> = text
        .char_indices()
        .filter(|&(i, ch)| i + ch.len_utf8() < text.len() && "/.-?&=_@".contains(ch))
        .map(|(i, ch)| Cut { at: offset + i + ch.len_utf8(), hyphen: false })
        .collect();
    if !after_punct.is_empty() {
        return after_punct;
    }
    text.char_indices().skip(1).map(|(i, _)| Cut { at: offset + i, hyphen: false }).collect()
}

/// Adds the penalty of a cut, with the hyphen to draw if the line ends there.
fn push_cut(p: &mut Encoder, c: &Collected, cut: &Cut, ctx: &mut InlineCtx) {
    if !cut.hyphen {
        p.builder.push_break(Pt::ZERO, EMERGENCY_PENALTY, false);
        return;
    }
    let span = p.span_at(c, cut.at.saturating_sub(1));
    let style = c.spans[span].style;
    let hyphen = match p.hyphen_like(span, cut.at, &mut ctx.shapers) {
        Some(hyphen) => hyphen,
        None => {
            let hyphen = shape_text(ctx, "-", style, p.span_fonts[span], span, cut.at);
            p.span_hyphens.keep(span, || hyphen.clone());
            hyphen
        }
    };
    let width = hyphen.as_ref().map_or(Pt::ZERO, |h| h.width);
    // A protruding hyphen takes less of the line than its width.
    let hang = match &hyphen {
        Some(h) if p.protrude => hang(h, "-", h.range.start, style),
        _ => Pt::ZERO,
    };
    let at = p.builder.push_hyphen_point(width - hang);
    if let Some(h) = hyphen {
        p.hyphens.push((at, h));
    }
}

/// Adds the interword space after a word as a piece (the glue is added by [`breakpoint`]).
fn space(p: &mut Encoder, c: &Collected, range: Range<usize>, ctx: &mut InlineCtx) {
    let visible = c.text[range.clone()].trim_end_matches(['\n', '\r']).len();
    if visible == 0 {
        return;
    }
    shape_into(p, c, range.start..range.start + visible, true, ctx);
}

/// Encodes the break opportunity after a word (and its space).
fn breakpoint(p: &mut Encoder, c: &Collected, space: Range<usize>, op: &Opportunity, last: bool) {
    // The space piece just shaped, if any, becomes the glue.
    let space_piece =
        p.pieces.last().filter(|pc| pc.space && pc.range.start == space.start).map(|_| p.pieces.len() - 1);
    if last || op.mandatory {
        if let Some(i) = space_piece {
            // A trailing space is never drawn; keep it out of the line.
            p.pieces[i].glyphs.clear();
        }
        // TeX's \\parfillskip: a forbidden break, fill glue, then the forced break.
        p.builder.push_forced_break();
        return;
    }
    match space_piece {
        Some(i) => {
            let sw = p.pieces[i].width;
            let hang = if p.protrude { word_hang(p, c, i) } else { Pt::ZERO };
            let at = p.builder.push_space_after_protrusion(sw, sw * SPACE_STRETCH, sw * SPACE_SHRINK, hang);
            p.drawn.push((at, i));
        }
        None if explicit_hyphen_before(&c.text[..space.start]) => {
            p.builder.push_explicit_hyphen_break();
        }
        None => join(p, c, space.start),
    }
}

/// Encodes a break opportunity between two characters with no space between them: CJK
/// characters get a glue that stretches a little (inter-character justification), an ideograph
/// beside a Latin letter or digit a quarter-em space (autospace); anything else (a URL's
/// slash) a plain opportunity. Both glues vanish at a line break, as a space does.
fn join(p: &mut Encoder, c: &Collected, at: usize) {
    let before = c.text[..at].chars().next_back();
    let after = c.text[at..].chars().next();
    let (Some(before), Some(after)) = (before, after) else {
        p.builder.push_break_opportunity();
        return;
    };
    let size = c.spans[p.span_at(c, at.saturating_sub(1))].style.size;
    match cjk::join(before, after) {
        cjk::Join::InterCharacter => {
            p.builder.push_space(Pt::ZERO, size * CJK_STRETCH_EM, Pt::ZERO);
        }
        cjk::Join::Autospace => {
            let w = size * AUTOSPACE_EM;
            p.builder.push_space(w, w * AUTOSPACE_FLEX, w * AUTOSPACE_FLEX);
        }
        cjk::Join::Plain => {
            p.builder.push_break_opportunity();
        }
    }
}

/// Whether a paragraph breaks mostly between CJK characters rather than at spaces. Its Latin
/// words are then not hyphenated: a line of CJK text can end after any character, so the
/// breaker never needs a hyphen, and one (`Re-/act`) would only break a term that CJK readers
/// see as a unit. Counting opportunities, not characters, leaves an English paragraph that
/// quotes a Chinese name hyphenated as before.
fn mostly_cjk(text: &str, ops: &[Opportunity]) -> bool {
    // CJK characters are not ASCII (nor is any other joined inter-character).
    if text.is_ascii() {
        return false;
    }
    let cjk = ops
        .iter()
        .filter(|o| {
            let before = text[..o.at].chars().next_back();
            let after = text[o.at..].chars().next();
            matches!((before, after), (Some(a), Some(b)) if cjk::join(a, b) == cjk::Join::InterCharacter)
        })
        .count();
    cjk > 0 && 2 * cjk >= ops.len()
}

/// Returns how far the last character of the word before space piece `space` hangs into the
/// margin when a line ends after it (zero when the piece before is no word of this line).
fn word_hang(p: &Encoder, c: &Collected, space: usize) -> Pt {
    let Some(word) = space.checked_sub(1).and_then(|i| p.pieces.get(i)) else { return Pt::ZERO };
    if word.space || word.range.end != p.pieces[space].range.start {
        return Pt::ZERO;
    }
    let text = &c.text[word.range.clone()];
    hang(word, text, word.range.start, c.spans[word.span].style)
}

/// Returns the protrusion of the last character of `text` (a piece's text, starting at byte
/// `start` of the collected text): its share ([`right_protrusion`]) of its glyph's advance.
fn hang(piece: &Piece, text: &str, start: usize, style: &RunStyle) -> Pt {
    let Some((i, ch)) = text.char_indices().next_back() else { return Pt::ZERO };
    let share = right_protrusion(ch);
    if share == 0.0 {
        return Pt::ZERO;
    }
    // The glyph of that character (a hyphen's glyphs all sit at its own offset).
    let glyph = piece.glyphs.iter().rev().find(|g| g.cluster == start + i);
    glyph.map_or(Pt::ZERO, |g| style.size * (share * f64::from(g.advance)))
}

/// Whether a break that is not at a space follows an explicit hyphen or dash: it then counts
/// as a hyphenated line (TeX's \exhyphenpenalty, flagged); elsewhere (after `/` in a URL,
/// between CJK characters) it is a mild break opportunity kept for when it helps.
fn explicit_hyphen_before(before: &str) -> bool {
    before.ends_with(['-', '\u{2010}', '\u{2013}'])
}

#[cfg(test)]
mod tests;
