//! Inline markup: `**bold**`, `*italic*`, `_italic_`, `` `code` ``, `[label](url)`, bare URLs and
//! e-mail addresses, and backslash escapes, turned into [`Rich`] text.
//!
//! Two stages, in the shape of CommonMark's algorithm but much smaller: `lex` cuts the text into
//! finished pieces (text, code, links) and runs of `*` or `_` that may open or close emphasis;
//! `emphasise` pairs the runs and styles the pieces between them. Styles are flags on flat
//! pieces, not a tree, so hostile nesting cannot exhaust the stack.

use super::model::{Rich, Span, SpanStyle};
use crate::strings::slice;

/// The most emphasis runs honoured in one text. Real prose has a handful; past this, runs are
/// literal, which keeps the pairing (quadratic in the number of runs) cheap on hostile input.
const MAX_DELIMITERS: usize = 1_000;

/// How many bytes the search for closing brackets and backtick runs may inspect, per byte of
/// text. Honest text is inspected about twice (once lexed, once searched); once the allowance
/// is spent, `[` and `` ` `` are literal, which keeps hostile input (a megabyte of unclosed `[`)
/// linear instead of quadratic.
const SEARCH_PER_BYTE: usize = 8;

/// A search allowance every text gets, so short texts are never cut short.
const SEARCH_BASE: usize = 4_096;

/// Characters that may be escaped with a backslash (CommonMark's ASCII punctuation).
const ESCAPABLE: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/// Characters trimmed from the end of a bare URL: sentence punctuation and markup closers.
const URL_TRAILING: &[char] = &['.', ',', ';', ':', '!', '?', '\'', '"', '*', '_'];

/// Parses inline markup (see the module documentation) into rich text.
///
/// # Errors
///
/// Names the problem with a link: a scheme other than `http`, `https`, `mailto` and `tel`, a
/// missing target (`[talk](#)`), a space in the target, or no scheme at all.
pub fn parse_inline(text: &str) -> Result<Rich, String> {
    parse(text).map_err(|e| e.message)
}

/// A markup error at a byte offset in the parsed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MarkupError {
    /// The byte offset of the offending link target in the text.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

/// Parses inline markup, reporting where an error is.
pub(crate) fn parse(text: &str) -> Result<Rich, MarkupError> {
    if is_inert(text) {
        // What the lexer would make of it: the whole text as one plain piece (none if empty).
        return Ok(if text.is_empty() { Rich::default() } else { Rich::plain(text) });
    }
    lex(text)
}

/// Parses inline markup through the lexer, whatever the text.
fn lex(text: &str) -> Result<Rich, MarkupError> {
    let items = Lexer::new(text, 0, true).run()?;
    Ok(Rich { spans: merge(emphasise(items)) })
}

/// Whether text holds no markup at all: no character the lexer acts on and no bare address.
/// Most fields of a résumé (titles, names, places, dates) are such text, which is one plain
/// span without lexing it.
fn is_inert(text: &str) -> bool {
    inert_len(text) == text.len() && !may_hold_address(text)
}

/// A finished run of text in one style.
#[derive(Debug, Clone, PartialEq)]
struct Piece {
    text: String,
    style: SpanStyle,
    link: Option<String>,
}

/// A run of `*` or `_` that may open or close emphasis.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Delim {
    ch: char,
    count: usize,
    open: bool,
    close: bool,
}

/// What the lexer produces.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    Piece(Piece),
    Delim(Delim),
}

impl Item {
    /// Returns the item as a piece; unused delimiter characters become literal text.
    fn into_piece(self) -> Piece {
        match self {
            Item::Piece(p) => p,
            // A run used up by pairing (most of them) is empty: no allocation for it.
            Item::Delim(d) => plain(std::iter::repeat_n(d.ch, d.count).collect()),
        }
    }
}

/// Creates an unstyled piece.
fn plain(text: String) -> Piece {
    Piece { text, style: SpanStyle::default(), link: None }
}

/// The items a lexer makes room for at first: a text with a couple of emphasised phrases (three
/// items each: the runs and the text between) and the text around them, without regrowing.
const ITEMS: usize = 8;

/// A placeholder delimiter with nothing left in it.
const EMPTY: Delim = Delim { ch: '*', count: 0, open: false, close: false };

/// Cuts text into pieces and delimiter runs.
struct Lexer<'a> {
    text: &'a str,
    /// Byte offset of `text` in the whole field, for error positions.
    base: usize,
    /// Whether links and bare URLs are recognised (not inside a link label).
    links: bool,
    /// Whether a bare URL or e-mail address may start somewhere in the text: links are
    /// recognised and the text holds what every such address holds (see [`may_hold_address`]).
    autolinks: bool,
    /// Bytes the closer searches may still inspect.
    search: usize,
    pos: usize,
    buf: String,
    items: Vec<Item>,
    delimiters: usize,
}

impl<'a> Lexer<'a> {
    /// Creates a lexer over `text`, which starts at byte `base` of the field.
    fn new(text: &'a str, base: usize, links: bool) -> Lexer<'a> {
        let search = text.len().saturating_mul(SEARCH_PER_BYTE).saturating_add(SEARCH_BASE);
        let autolinks = links && may_hold_address(text);
        Lexer {
            text,
            base,
            links,
            autolinks,
            search,
            pos: 0,
            buf: String::new(),
            items: Vec::with_capacity(ITEMS),
            delimiters: 0,
        }
    }

    /// Lexes the whole text.
    fn run(mut self) -> Result<Vec<Item>, MarkupError> {
        while let Some(c) = self.rest().chars().next() {
            match c {
                '\\' => self.escape(),
                '`' => self.code(),
                '[' if self.links => self.link()?,
                '*' | '_' => self.delimiter(c),
                _ if self.autolinks && self.autolinked() => {}
                // Without addresses, all up to the next character acted on above is literal.
                _ if !self.autolinks => {
                    self.literal(c.len_utf8() + inert_len(slice(self.rest(), c.len_utf8()..)))
                }
                _ if c.is_alphanumeric() => {
                    self.literal(c.len_utf8() + word_tail(slice(self.rest(), c.len_utf8()..)))
                }
                _ => self.literal(c.len_utf8()),
            }
        }
        self.flush();
        Ok(self.items)
    }

    /// Returns the text not lexed yet.
    fn rest(&self) -> &'a str {
        slice(self.text, self.pos..)
    }

    /// Returns the character before the current position.
    fn before(&self) -> Option<char> {
        slice(self.text, ..self.pos).chars().next_back()
    }

    /// Copies `len` bytes to the pending text.
    fn literal(&mut self, len: usize) {
        if self.buf.is_empty() {
            // A piece's text is at most the rest of the field: reserved once rather than grown
            // by doubling as it is copied in.
            self.buf.reserve(self.rest().len());
        }
        self.buf.push_str(slice(self.rest(), ..len));
        self.pos += len;
    }

    /// Ends the pending text as a piece.
    fn flush(&mut self) {
        if !self.buf.is_empty() {
            self.items.push(Item::Piece(plain(std::mem::take(&mut self.buf))));
        }
    }

    /// Adds a finished piece.
    fn push(&mut self, piece: Piece) {
        self.flush();
        self.items.push(Item::Piece(piece));
    }

    /// Lexes `\x`: an escaped punctuation character is literal; other backslashes stay.
    fn escape(&mut self) {
        match slice(self.rest(), 1..).chars().next() {
            Some(c) if ESCAPABLE.contains(c) => {
                self.pos += 1;
                self.literal(c.len_utf8());
            }
            _ => self.literal(1),
        }
    }

    /// Lexes a code span, or a literal run of backticks when it is not closed.
    fn code(&mut self) {
        let ticks = run_length(self.rest(), '`');
        let body_start = self.pos + ticks;
        match find_tick_run(slice(self.text, body_start..), ticks, &mut self.search) {
            Some(len) => {
                let body = trim_code(slice(self.text, body_start..body_start + len));
                let style = SpanStyle { code: true, ..SpanStyle::default() };
                self.push(Piece { text: body.to_owned(), style, link: None });
                self.pos = body_start + len + ticks;
            }
            None => self.literal(ticks),
        }
    }

    /// Lexes `[label](target)`, or a literal `[` when the brackets do not form a link. The label
    /// is lexed without links: a link inside a link means nothing, and would nest without end.
    fn link(&mut self) -> Result<(), MarkupError> {
        let Some((label_end, target_end)) = link_bounds(self.rest(), &mut self.search) else {
            self.literal(1);
            return Ok(());
        };
        let start = self.pos;
        let target_start = start + label_end + 2;
        let target = slice(self.text, target_start..start + target_end);
        let url = check_link(target).map_err(|(message, hint)| MarkupError {
            offset: self.base + target_start + (target.len() - target.trim_start().len()),
            message,
            hint,
        })?;
        let label = slice(self.text, start + 1..start + label_end);
        let mut pieces = emphasise(Lexer::new(label, self.base + start + 1, false).run()?);
        if pieces.is_empty() {
            pieces.push(plain(target.trim().to_owned()));
        }
        for mut piece in pieces {
            piece.link = Some(url.clone());
            self.push(piece);
        }
        self.pos = start + target_end + 1;
        Ok(())
    }

    /// Lexes a run of `*` or `_`, deciding whether it may open or close emphasis.
    fn delimiter(&mut self, ch: char) {
        let count = run_length(self.rest(), ch);
        // Only `*` doubles into bold; `__` is literal, so `__init__` stays as written.
        if self.delimiters >= MAX_DELIMITERS || (ch == '_' && count > 1) {
            self.literal(count);
            return;
        }
        let before = self.before();
        let after = slice(self.rest(), count..).chars().next();
        let (open, close) = flanking(ch, before, after);
        self.flush();
        self.items.push(Item::Delim(Delim { ch, count, open, close }));
        self.delimiters += 1;
        self.pos += count;
    }

    /// Lexes a bare URL or e-mail address starting here, if there is one.
    fn autolinked(&mut self) -> bool {
        let boundary = !self.before().is_some_and(|c| c.is_alphanumeric() || "@.%+-/".contains(c));
        if !boundary {
            return false;
        }
        let found = bare_url(self.rest()).or_else(|| bare_email(self.rest()));
        let Some((len, url)) = found else { return false };
        let text = slice(self.rest(), ..len).to_owned();
        self.push(Piece { text, style: SpanStyle::default(), link: Some(url) });
        self.pos += len;
        true
    }
}

/// Returns the length of the ASCII letters and digits that start `text`, and of the spaces
/// after them. After a literal letter or digit, these are literal too, taken in one copy instead
/// of one by one: none is a character the lexer acts on, and no bare address starts at any of
/// them (see `Lexer::autolinked`): each letter or digit follows a letter or digit, the first
/// space follows one too, and an address never starts with a space.
fn word_tail(text: &str) -> usize {
    let word = text.bytes().take_while(u8::is_ascii_alphanumeric).count();
    word + slice(text, word..).bytes().take_while(|&b| b == b' ').count()
}

/// Returns the length of the start of `text` before the first character [`Lexer::run`] acts
/// on (a backslash, a backtick, a bracket, `*` or `_`; all ASCII, so the length ends on a
/// character boundary), or all of it.
fn inert_len(text: &str) -> usize {
    text.bytes().position(|b| matches!(b, b'\\' | b'`' | b'[' | b'*' | b'_')).unwrap_or(text.len())
}

/// Whether a text may hold a bare address: a URL starts with `http://`, `https://` or `www.`
/// (any case), an e-mail address has an `@`. A text with none of `@`, `:` and `www.` (most of a
/// résumé's) skips the address check at every word, which took a third of parsing its markup.
fn may_hold_address(text: &str) -> bool {
    // One search per character: each is a `memchr` over the bytes, where a search for either
    // of two characters decodes the text character by character.
    text.contains('@')
        || text.contains(':')
        || text.match_indices('.').any(|(dot, _)| {
            dot.checked_sub(3)
                .and_then(|start| text.get(start..dot))
                .is_some_and(|w| w.eq_ignore_ascii_case("www"))
        })
}

/// Decides whether a delimiter run may open and close emphasis. `*` needs text on the inner
/// side; `_` additionally must not touch a letter or digit on the outer side, so `snake_case`
/// stays as written.
fn flanking(ch: char, before: Option<char>, after: Option<char>) -> (bool, bool) {
    let open = after.is_some_and(|c| !c.is_whitespace());
    let close = before.is_some_and(|c| !c.is_whitespace());
    if ch == '_' {
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        return (open && !word(before), close && !word(after));
    }
    (open, close)
}

/// Returns how many times `ch` repeats at the start of `text`.
fn run_length(text: &str, ch: char) -> usize {
    text.chars().take_while(|&c| c == ch).count() * ch.len_utf8()
}

/// Finds a run of exactly `ticks` backticks, spending the search allowance; returns the length
/// of the text before it.
fn find_tick_run(text: &str, ticks: usize, search: &mut usize) -> Option<usize> {
    let mut at = 0;
    while let Some(found) = slice(text, at..).find('`') {
        let start = at + found;
        let len = run_length(slice(text, start..), '`');
        *search = search.checked_sub(found + len)?;
        if len == ticks {
            return Some(start);
        }
        at = start + len;
    }
    None
}

/// Strips one space from both ends of a code span, as CommonMark does, so that a span can start
/// or end with a backtick (two backticks, a space, the backtick, a space, two backticks).
fn trim_code(body: &str) -> &str {
    match body.strip_prefix(' ').and_then(|b| b.strip_suffix(' ')) {
        Some(inner) if !inner.trim().is_empty() => inner,
        _ => body,
    }
}

/// Finds the `]` that closes a link label and the `)` that closes its target; returns their
/// byte offsets, or `None` when the text at `[` is not a link.
fn link_bounds(text: &str, search: &mut usize) -> Option<(usize, usize)> {
    let label_end = closing(text, '[', ']', search)?;
    let after = slice(text, label_end + 1..);
    if !after.starts_with('(') {
        return None;
    }
    let target_end = label_end + 1 + closing(after, '(', ')', search)?;
    Some((label_end, target_end))
}

/// Returns the offset of the bracket closing the one at the start of `text`, honouring nesting
/// and backslash escapes; `None` at a line break, the end, or when the allowance is spent.
pub(crate) fn closing(text: &str, open: char, close: char, search: &mut usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        *search = search.checked_sub(1)?;
        match c {
            '\\' => {
                chars.next();
            }
            '\n' => return None,
            _ if c == open => depth += 1,
            _ if c == close => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Recognises a bare URL (`https://…`, `http://…`, `www.…`) at the start of `text`; returns its
/// length without trailing punctuation and its link target.
fn bare_url(text: &str) -> Option<(usize, String)> {
    if !text.starts_with(['h', 'H', 'w', 'W']) {
        return None;
    }
    let lower: String = text.chars().take(8).collect::<String>().to_ascii_lowercase();
    let www = lower.starts_with("www.");
    let scheme_len = if lower.starts_with("https://") {
        8
    } else if lower.starts_with("http://") {
        7
    } else if www {
        4
    } else {
        return None;
    };
    let end = text.find(|c: char| c.is_whitespace() || "<>\"`".contains(c)).unwrap_or(text.len());
    let len = trim_url_end(slice(text, ..end));
    // `www.` alone, or a scheme followed only by punctuation, is not an address: the trailing
    // punctuation trimmed from it may reach back into the scheme itself.
    let host = text.get(scheme_len..len)?;
    if !host.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let written = slice(text, ..len);
    if written.len() > crate::limits::MAX_LINK_BYTES {
        return None;
    }
    let url = if www { format!("https://{written}") } else { written.to_owned() };
    Some((len, url))
}

/// Returns the length of a URL without trailing punctuation and unbalanced closing brackets.
fn trim_url_end(url: &str) -> usize {
    let count = |c: char| url.matches(c).count();
    let mut extra_parens = count(')').saturating_sub(count('('));
    let mut extra_brackets = count(']').saturating_sub(count('['));
    let mut end = url.len();
    while let Some(last) = slice(url, ..end).chars().next_back() {
        let unbalanced = match last {
            ')' => take_one(&mut extra_parens),
            ']' => take_one(&mut extra_brackets),
            _ => URL_TRAILING.contains(&last),
        };
        if !unbalanced {
            break;
        }
        end -= last.len_utf8();
    }
    end
}

/// Takes one from a count of unbalanced brackets; returns whether there was one.
fn take_one(count: &mut usize) -> bool {
    let had = *count > 0;
    *count = count.saturating_sub(1);
    had
}

/// Recognises a bare e-mail address at the start of `text`; returns its length and `mailto:` link.
fn bare_email(text: &str) -> Option<(usize, String)> {
    let local = text.find(|c: char| !(c.is_alphanumeric() || "._%+-".contains(c))).unwrap_or(text.len());
    if local == 0 || !slice(text, local..).starts_with('@') {
        return None;
    }
    let domain_start = local + 1;
    let rest = slice(text, domain_start..);
    let domain = rest.find(|c: char| !(c.is_alphanumeric() || ".-".contains(c))).unwrap_or(rest.len());
    let domain = slice(rest, ..domain).trim_end_matches(['.', '-']);
    let top = domain.rsplit('.').next().unwrap_or("");
    // A top-level domain has at least two letters; this keeps `a@b.c` and `x@1.2` plain text.
    let valid = domain.contains('.') && top.chars().count() >= 2 && top.chars().all(char::is_alphabetic);
    let len = domain_start + domain.len();
    let valid = valid && len <= crate::limits::MAX_LINK_BYTES;
    valid.then(|| (len, format!("mailto:{}", slice(text, ..len))))
}

/// Checks a link target and returns the URL to link to: `http`, `https`, `mailto` and `tel`
/// only, no spaces, and `www.…` completed to `https://www.…`. The error is a message and a hint.
pub(crate) fn check_link(target: &str) -> Result<String, (String, String)> {
    let target = target.trim();
    let shown = crate::strings::excerpt(target, crate::limits::QUOTED_WORD_CHARS);
    if target.is_empty() || target.starts_with('#') {
        return Err((
            "the link has no target".into(),
            "write the label without brackets when there is no URL".into(),
        ));
    }
    if target.len() > crate::limits::MAX_LINK_BYTES {
        return Err((
            format!("the link target is longer than {} characters", crate::limits::MAX_LINK_BYTES),
            "link to a shorter address; no browser follows one this long".into(),
        ));
    }
    if target.contains(char::is_whitespace) {
        return Err((
            format!("the link target `{shown}` contains a space"),
            "a URL cannot contain spaces; write `%20` for a space".into(),
        ));
    }
    if target.to_ascii_lowercase().starts_with("www.") {
        return Ok(format!("https://{target}"));
    }
    check_scheme(target).map(|()| target.to_owned())
}

/// The URI schemes a link may open: checked here where a link enters, and again by the PDF
/// writer before it writes one.
pub const LINK_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Whether a scheme is one of [`LINK_SCHEMES`] (case-insensitively, as RFC 3986 says).
pub fn is_link_scheme(scheme: &str) -> bool {
    LINK_SCHEMES.iter().any(|s| scheme.eq_ignore_ascii_case(s))
}

/// Checks that a link target has an allowed scheme and something after it.
fn check_scheme(target: &str) -> Result<(), (String, String)> {
    let shown = crate::strings::excerpt(target, crate::limits::QUOTED_WORD_CHARS);
    let Some(scheme) = scheme(target) else {
        return Err((
            format!("the link target `{shown}` has no scheme"),
            format!("write the full URL, e.g. `https://{shown}`"),
        ));
    };
    let rest = slice(target, scheme.len() + 1..);
    if !is_link_scheme(scheme) {
        return Err(forbidden(scheme));
    }
    let well_formed = match scheme.to_ascii_lowercase().as_str() {
        "http" | "https" => rest.strip_prefix("//").is_some_and(|r| r.starts_with(char::is_alphanumeric)),
        "mailto" => rest.contains('@'),
        "tel" => {
            rest.chars().any(|c| c.is_ascii_digit())
                && rest.chars().all(|c| c.is_ascii_digit() || "+-().".contains(c))
        }
        _ => return Err(forbidden(scheme)),
    };
    if !well_formed {
        return Err((
            format!("the link target `{shown}` is not a well-formed URL"),
            "write it like `https://example.com/page`, `mailto:jane@example.com` or `tel:+15551234567`"
                .into(),
        ));
    }
    Ok(())
}

/// The error for a scheme other than those of [`LINK_SCHEMES`].
fn forbidden(scheme: &str) -> (String, String) {
    let allowed: Vec<String> = LINK_SCHEMES.iter().map(|s| format!("`{s}`")).collect();
    let (last, rest) = allowed.split_last().map_or(("", &[][..]), |(l, r)| (l.as_str(), r));
    (
        format!("the link scheme `{scheme}:` is not allowed"),
        format!("only {} and {last} links are allowed", rest.join(", ")),
    )
}

/// Returns the scheme of a URL (the letters before the first `:`), if it has one.
fn scheme(target: &str) -> Option<&str> {
    let (scheme, _) = target.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c));
    valid.then_some(scheme)
}

/// Pairs delimiter runs (nearest opener first, two characters for bold, one for italic) and
/// styles the pieces between each pair; unpaired runs become literal text.
#[allow(clippy::indexing_slicing, reason = "indices run over 0..items.len()")]
fn emphasise(mut items: Vec<Item>) -> Vec<Piece> {
    // Per delimiter character: below this index there is no opener left to find.
    let mut bottom = [0usize; 2];
    for closer in 0..items.len() {
        while let Item::Delim(d) = &items[closer] {
            let d = *d;
            if !d.close || d.count == 0 {
                break;
            }
            let slot = usize::from(d.ch == '_');
            match find_opener(&items, bottom[slot], closer, d.ch) {
                Some(opener) => pair(&mut items, opener, closer),
                None => {
                    bottom[slot] = closer;
                    break;
                }
            }
        }
    }
    items.into_iter().map(Item::into_piece).collect()
}

/// Returns the nearest opener for a closer of `ch` between `bottom` and `closer`.
#[allow(clippy::indexing_slicing, reason = "bottom <= closer < items.len(), from emphasise")]
fn find_opener(items: &[Item], bottom: usize, closer: usize, ch: char) -> Option<usize> {
    (bottom..closer)
        .rev()
        .find(|&i| matches!(items[i], Item::Delim(d) if d.ch == ch && d.open && d.count > 0))
}

/// Pairs an opener with a closer: uses two characters of each for bold when both have two,
/// else one for italic, and styles everything between.
#[allow(clippy::indexing_slicing, reason = "opener < closer < items.len(), from emphasise")]
fn pair(items: &mut [Item], opener: usize, closer: usize) {
    let (Item::Delim(o), Item::Delim(c)) = (&items[opener], &items[closer]) else { return };
    let (o, c) = (*o, *c);
    let used = if o.count >= 2 && c.count >= 2 { 2 } else { 1 };
    set_count(&mut items[opener], o.count - used);
    set_count(&mut items[closer], c.count - used);
    for item in &mut items[opener + 1..closer] {
        let mut piece = std::mem::replace(item, Item::Delim(EMPTY)).into_piece();
        if used == 2 {
            piece.style.bold = true;
        } else {
            piece.style.italic = true;
        }
        *item = Item::Piece(piece);
    }
}

/// Sets the remaining count of a delimiter run.
fn set_count(item: &mut Item, count: usize) {
    if let Item::Delim(d) = item {
        d.count = count;
    }
}

/// Joins neighbouring pieces of the same style and link into spans, dropping empty ones.
fn merge(pieces: Vec<Piece>) -> Vec<Span> {
    // At most one span per piece: reserved once instead of grown by doubling.
    let mut spans: Vec<Span> = Vec::with_capacity(pieces.len());
    for p in pieces.into_iter().filter(|p| !p.text.is_empty()) {
        match spans.last_mut() {
            Some(last) if last.style == p.style && last.link == p.link => last.text.push_str(&p.text),
            _ => spans.push(Span { text: p.text, style: p.style, link: p.link }),
        }
    }
    spans
}

#[cfg(test)]
mod tests;
