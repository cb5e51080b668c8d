//! Smart punctuation, a content-stage transform: straight quotes become curly quotes by context,
//! an apostrophe becomes U+2019, a spaced hyphen and `--` become an en dash, `---` an em dash and
//! `...` an ellipsis. It consumes the pieces of one text (the spans of a rich text, each saying
//! whether it must stay as written: code, or a link that shows its own address) and produces
//! each piece's new text, so styles and links stay where they were; context (is this quote
//! opening?) carries across the pieces, so a quote may open in bold and close in plain text.
//!
//! Addresses in running text (`https://…`, `www.…`, `jane@example.com`) are left as written too,
//! wherever they are. The profile itself is never changed: `vitae check`, imports and the
//! profile's own text keep what was typed; only the text that reaches the page is smartened.
//!
//! Quote characters come from a [`Quotes`] value, so a language can give its own
//! („…“, «…», »…«) once the locale carries them; today every language gets [`Quotes::ENGLISH`].
//!
//! Unstable: hidden from vitae's documentation and public only for vitae's own CLI, tests,
//! benches and fuzzers; free to change in any release (see `ARCHITECTURE.md`).

use crate::profile::Span;

/// The apostrophe (U+2019, RIGHT SINGLE QUOTATION MARK), which Unicode recommends for the
/// apostrophe in every language, whatever its closing single quote is.
pub const APOSTROPHE: char = '\u{2019}';

/// The en dash, for ranges and for a dash between words set with spaces.
const EN_DASH: char = '\u{2013}';

/// The em dash, for `---`.
const EM_DASH: char = '\u{2014}';

/// The horizontal ellipsis, for `...`.
const ELLIPSIS: char = '\u{2026}';

/// The quotation marks of a language: what straight quotes become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quotes {
    /// The opening double quote (`“` in English).
    pub open_double: char,
    /// The closing double quote (`”` in English).
    pub close_double: char,
    /// The opening single quote (`‘` in English).
    pub open_single: char,
    /// The closing single quote (`’` in English).
    pub close_single: char,
}

impl Quotes {
    /// English (and the default): “double” and ‘single’.
    pub const ENGLISH: Quotes =
        Quotes { open_double: '“', close_double: '”', open_single: '‘', close_single: '’' };

    /// Whether `c` is one of these opening quotes.
    fn opens(&self, c: char) -> bool {
        c == self.open_double || c == self.open_single
    }
}

/// A piece of a text to smarten: its characters and whether they must stay as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece<'a> {
    /// The text.
    pub text: &'a str,
    /// Whether the text must stay as written (code, a link showing its address).
    pub verbatim: bool,
}

/// Returns the texts of a rich text's spans with smart punctuation, one per span: code spans and
/// links that show their own address (a bare URL or e-mail address) stay as written.
pub fn smarten_spans(spans: &[Span], quotes: &Quotes) -> Vec<String> {
    let pieces: Vec<Piece<'_>> =
        spans.iter().map(|s| Piece { text: &s.text, verbatim: s.style.code || shows_target(s) }).collect();
    smarten(&pieces, quotes)
}

/// Whether a span is a link whose visible text is its target (`https://x.org`, `www.x.org`,
/// `jane@x.org` for `mailto:jane@x.org`), or reads as an address of its own.
fn shows_target(span: &Span) -> bool {
    let Some(target) = &span.link else { return false };
    let bare = |t: &str| {
        let t = t.trim().to_lowercase();
        let t = ["mailto:", "tel:", "https://", "http://"]
            .iter()
            .fold(t, |t, scheme| t.strip_prefix(scheme).map(str::to_owned).unwrap_or(t));
        t.strip_prefix("www.").unwrap_or(&t).trim_end_matches('/').to_owned()
    };
    bare(&span.text) == bare(target) || is_address(span.text.trim())
}

/// Returns one text with smart punctuation (see the module documentation).
pub fn smarten_text(text: &str, quotes: &Quotes) -> String {
    smarten(&[Piece { text, verbatim: false }], quotes).pop().unwrap_or_default()
}

/// Returns each piece's text with smart punctuation, in order; verbatim pieces and addresses
/// are unchanged, and the context of quotes and dashes runs across the pieces.
pub fn smarten(pieces: &[Piece<'_>], quotes: &Quotes) -> Vec<String> {
    if !pieces.iter().any(|p| !p.verbatim && may_change(p.text)) {
        // Nothing could change (see `may_change`). Most texts of a résumé end here, without the
        // per-character walk below.
        return pieces.iter().map(|p| p.text.to_owned()).collect();
    }
    walk(pieces, quotes)
}

/// Whether [`walk`] could change anything in a piece: only a quote, a run of three dots, and a
/// hyphen followed by a hyphen or a space (`--`, `---`, ` - `) or ending the piece (a space may
/// start the next) are ever replaced. A sentence's full stop or a hyphenated word (`real-time`)
/// alone leaves the text as it is: before this test, such texts (most bullets) took the walk,
/// four fifths of building an English résumé's content.
fn may_change(text: &str) -> bool {
    // One pass over the bytes: each character looked for is ASCII, and an ASCII byte in UTF-8
    // is always that character.
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b'"' | b'\'' => true,
        b'.' => bytes[i..].starts_with(b"..."),
        b'-' => hyphen_may_change(text, i),
        _ => false,
    })
}

/// Whether the hyphen at byte `i` may become a dash: another hyphen, a space or the end of the
/// piece follows it.
fn hyphen_may_change(text: &str, i: usize) -> bool {
    text.get(i + 1..).and_then(|rest| rest.chars().next()).is_none_or(|c| c == '-' || c.is_whitespace())
}

/// Returns each piece's text with smart punctuation, character by character (see [`smarten`]).
fn walk(pieces: &[Piece<'_>], quotes: &Quotes) -> Vec<String> {
    let mut chars = characters(pieces);
    protect_addresses(&mut chars);
    let mut out: Vec<String> = pieces.iter().map(|p| String::with_capacity(p.text.len())).collect();
    let mut context = Context::default();
    let mut i = 0;
    while let Some(ch) = chars.get(i) {
        if ch.verbatim || !matches!(ch.c, '"' | '\'' | '-' | '.') {
            // What `replace_at` would answer (it replaces only these four), without its match
            // and the run copy below: most characters of a text that takes the walk are none.
            emit(&mut out, ch.piece, ch.c, &mut context);
            i += 1;
            continue;
        }
        let (replacement, used) = replace_at(&chars, i, &mut context, quotes);
        match replacement {
            Some(r) => emit(&mut out, ch.piece, r, &mut context),
            None => chars.iter().skip(i).take(used).for_each(|c| emit(&mut out, c.piece, c.c, &mut context)),
        }
        i += used;
    }
    out
}

/// Appends a character to its piece's text and remembers it as the one before the next.
fn emit(out: &mut [String], piece: usize, c: char, context: &mut Context) {
    if let Some(text) = out.get_mut(piece) {
        text.push(c);
    }
    context.previous = Some(c);
}

/// What the text so far says about the next quote.
#[derive(Debug, Clone, Copy, Default)]
struct Context {
    /// The character written last.
    previous: Option<char>,
    /// How many single quotes are open: after a word, a single quote closes one of them rather
    /// than being an apostrophe (the two differ in languages whose closing quote is not `’`).
    open_singles: usize,
}

/// One character of the text, with the piece it belongs to.
#[derive(Debug, Clone, Copy)]
struct Char {
    /// The character.
    c: char,
    /// The index of its piece.
    piece: usize,
    /// Whether it stays as written.
    verbatim: bool,
}

/// Flattens the pieces into one sequence of characters, each knowing its piece.
fn characters(pieces: &[Piece<'_>]) -> Vec<Char> {
    pieces
        .iter()
        .enumerate()
        .flat_map(|(piece, p)| p.text.chars().map(move |c| Char { c, piece, verbatim: p.verbatim }))
        .collect()
}

/// Returns what the character at `i` becomes (`None`: itself) and how many characters that
/// replaces (a replacement of a run of `--`, `---` or `...` stands for the whole run).
fn replace_at(chars: &[Char], i: usize, context: &mut Context, quotes: &Quotes) -> (Option<char>, usize) {
    let c = chars.get(i).map(|ch| ch.c);
    let next = chars.get(i + 1).map(|ch| ch.c);
    match c {
        Some('"') => (double_quote(context.previous, next, quotes), 1),
        Some('\'') => (Some(single_quote(chars, i, context, quotes)), 1),
        Some('-') => hyphens(chars, i),
        Some('.') => dots(chars, i),
        _ => (None, 1),
    }
}

/// Whether a quote after `previous` opens: at the start of the text, after a space, an opening
/// bracket, a dash or an opening quote.
fn opening_context(previous: Option<char>, quotes: &Quotes) -> bool {
    previous.is_none_or(|p| p.is_whitespace() || "([{<-\u{2013}\u{2014}\"'".contains(p) || quotes.opens(p))
}

/// Whether nothing follows a quote: the end of the text or a space.
fn ends(next: Option<char>) -> bool {
    next.is_none_or(char::is_whitespace)
}

/// Returns the curly form of a straight double quote between `previous` and `next`: opening in
/// an opening context, closing otherwise; one standing alone between spaces stays straight,
/// since it could be either.
fn double_quote(previous: Option<char>, next: Option<char>, quotes: &Quotes) -> Option<char> {
    if !opening_context(previous, quotes) {
        return Some(quotes.close_double);
    }
    if !ends(next) {
        return Some(quotes.open_double);
    }
    // Nothing after it: it closes an empty quotation (`""`), or stands alone.
    previous.filter(|&p| quotes.opens(p)).map(|_| quotes.close_double)
}

/// Returns the curly form of a straight single quote at `i` and counts the quotes it opens or
/// closes: an apostrophe inside or at the end of a word (`don't`, `students'`) and before a
/// two-digit year (`'90s`), unless it ends a word while a single quote is open; else an opening
/// or closing quote by context, as for double quotes; one standing alone stays straight.
fn single_quote(chars: &[Char], i: usize, context: &mut Context, quotes: &Quotes) -> char {
    let (previous, next) = (context.previous, chars.get(i + 1).map(|ch| ch.c));
    let after_word = previous.is_some_and(char::is_alphanumeric);
    let closes = context.open_singles > 0 && !next.is_some_and(char::is_alphanumeric);
    let (quote, opened) = if after_word && !closes {
        (APOSTROPHE, 0)
    } else if !opening_context(previous, quotes) {
        (quotes.close_single, -1)
    } else if elided_year(chars, i + 1) {
        (APOSTROPHE, 0)
    } else if !ends(next) {
        (quotes.open_single, 1)
    } else if previous.is_some_and(|p| quotes.opens(p)) {
        (quotes.close_single, -1)
    } else {
        ('\'', 0)
    };
    context.open_singles = context.open_singles.saturating_add_signed(opened);
    quote
}

/// Whether two digits start at `i` and end a word, or are followed by `s` (`'90s`, `'99`): a
/// year with its century left out, where the quote is an apostrophe.
fn elided_year(chars: &[Char], i: usize) -> bool {
    let at = |k: usize| chars.get(i + k).map(|ch| ch.c);
    let digits = at(0).is_some_and(|c| c.is_ascii_digit()) && at(1).is_some_and(|c| c.is_ascii_digit());
    digits && (at(2).is_none_or(|c| !c.is_alphanumeric()) || at(2) == Some('s'))
}

/// Returns how many characters equal to `c` start at `i`, and whether they all belong to one
/// piece and may change (a run split by a style change or protected is left as written).
fn run(chars: &[Char], i: usize, c: char) -> (usize, bool) {
    let first = chars.get(i).map_or(0, |ch| ch.piece);
    let same = chars.get(i..).unwrap_or_default().iter().take_while(|ch| ch.c == c);
    same.fold((0, true), |(len, free), ch| (len + 1, free && ch.piece == first && !ch.verbatim))
}

/// Returns the replacement of the run of hyphens at `i`: a lone hyphen with a space on each
/// side between words becomes an en dash, `--` an en dash (but `--option` after a space is a
/// command-line option and stays), `---` an em dash; other runs stay.
fn hyphens(chars: &[Char], i: usize) -> (Option<char>, usize) {
    let (len, free) = run(chars, i, '-');
    // Whether the run follows the start of the text or a space, and a letter follows it.
    let before = i.checked_sub(1).and_then(|k| chars.get(k)).map(|ch| ch.c);
    let after = chars.get(i + len).map(|ch| ch.c);
    let option = before.is_none_or(char::is_whitespace) && after.is_some_and(char::is_alphabetic);
    let dash = match len {
        1 if spaced_between_words(chars, i) => Some(EN_DASH),
        2 if !option => Some(EN_DASH),
        3 => Some(EM_DASH),
        _ => None,
    };
    if free { (dash, len) } else { (None, len) }
}

/// Whether the character at `i` has a space on each side and a word beyond each space
/// (`Kafka - Go`), which is a dash typed as a hyphen; `10-20`, `-v` and `- item` are not.
fn spaced_between_words(chars: &[Char], i: usize) -> bool {
    let at = |k: Option<usize>| k.and_then(|k| chars.get(k)).map(|ch| ch.c);
    let space = |c: Option<char>| c.is_some_and(char::is_whitespace);
    let word = |c: Option<char>| c.is_some_and(|c| !c.is_whitespace());
    space(at(i.checked_sub(1)))
        && space(at(Some(i + 1)))
        && word(at(i.checked_sub(2)))
        && word(at(Some(i + 2)))
}

/// Returns the replacement of the run of dots at `i`: exactly three become an ellipsis.
fn dots(chars: &[Char], i: usize) -> (Option<char>, usize) {
    let (len, free) = run(chars, i, '.');
    if len == 3 && free { (Some(ELLIPSIS), len) } else { (None, len) }
}

/// Marks as verbatim every word of running text that is an address: a URL (`https://…`,
/// `www.…`) or an e-mail address, leaving quotes and brackets around it free.
fn protect_addresses(chars: &mut [Char]) {
    let mut start = 0;
    while start < chars.len() {
        let len = chars.iter().skip(start).take_while(|ch| !ch.c.is_whitespace()).count();
        if let Some(word) = chars.get_mut(start..start + len) {
            protect_if_address(word);
        }
        start += len.max(1);
    }
}

/// Characters that may surround an address in running text without being part of it.
const AROUND_ADDRESS: &str = "\"'([<{“‘.,;:!?)]>}”’";

/// Marks a word as verbatim when, without the punctuation around it, it is an address.
fn protect_if_address(word: &mut [Char]) {
    // Without an `@`, a `:` or a `w` anywhere, no part of the word is an address: most words
    // end here, before the search for the punctuation around the core.
    if !word.iter().any(|ch| matches!(ch.c, '@' | ':' | 'w' | 'W')) {
        return;
    }
    let Some(first) = word.iter().position(|ch| !AROUND_ADDRESS.contains(ch.c)) else { return };
    let last = word.iter().rposition(|ch| !AROUND_ADDRESS.contains(ch.c)).unwrap_or(first);
    let Some(core) = word.get_mut(first..=last) else { return };
    if !could_be_address(core) {
        return;
    }
    let text: String = core.iter().map(|ch| ch.c).collect();
    if is_address(&text) {
        core.iter_mut().for_each(|ch| ch.verbatim = true);
    }
}

/// Whether a word has what [`is_address`] looks for (an `@`, the `:` of `://`, or a leading
/// `w`): a cheap test on the characters that spares most words the lowercased copy
/// `is_address` makes. Lowercasing keeps `@`, `:` and `.` where they are and makes a `w` only
/// of `w` and `W`, so no address is missed.
fn could_be_address(word: &[Char]) -> bool {
    let leading_w = word.first().is_some_and(|ch| ch.c.eq_ignore_ascii_case(&'w'));
    leading_w || word.iter().any(|ch| ch.c == '@' || ch.c == ':')
}

/// Whether a word is a URL (`scheme://…`, `www.…`) or an e-mail address (`name@domain.tld`).
fn is_address(word: &str) -> bool {
    let lower = word.to_lowercase();
    let email = lower
        .split_once('@')
        .is_some_and(|(name, domain)| !name.is_empty() && domain.contains('.') && !domain.starts_with('.'));
    lower.contains("://") || lower.starts_with("www.") || email
}

#[cfg(test)]
mod tests;
