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
    let items = Lexer::new(text, 0, true).run()?;
    Ok(Rich { spans: merge(emphasise(items)) })
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
            Item::Delim(d) => plain(d.ch.to_string().repeat(d.count)),
        }
    }
}

/// Creates an unstyled piece.
fn plain(text: String) -> Piece {
    Piece { text, style: SpanStyle::default(), link: None }
}

/// A placeholder delimiter with nothing left in it.
const EMPTY: Delim = Delim { ch: '*', count: 0, open: false, close: false };

/// Cuts text into pieces and delimiter runs.
struct Lexer<'a> {
    text: &'a str,
    /// Byte offset of `text` in the whole field, for error positions.
    base: usize,
    /// Whether links and bare URLs are recognised (not inside a link label).
    links: bool,
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
        Lexer { text, base, links, search, pos: 0, buf: String::new(), items: Vec::new(), delimiters: 0 }
    }

    /// Lexes the whole text.
    fn run(mut self) -> Result<Vec<Item>, MarkupError> {
        while let Some(c) = self.rest().chars().next() {
            match c {
                '\\' => self.escape(),
                '`' => self.code(),
                '[' if self.links => self.link()?,
                '*' | '_' => self.delimiter(c),
                _ if self.links && self.autolinked() => {}
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
    let mut spans: Vec<Span> = Vec::new();
    for p in pieces.into_iter().filter(|p| !p.text.is_empty()) {
        match spans.last_mut() {
            Some(last) if last.style == p.style && last.link == p.link => last.text.push_str(&p.text),
            _ => spans.push(Span { text: p.text, style: p.style, link: p.link }),
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Shows spans compactly: `b`, `i`, `c` flags, then the text, then `->url` for links.
    fn show(text: &str) -> Vec<String> {
        let rich = parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        rich.spans.iter().map(show_span).collect()
    }

    fn show_span(span: &Span) -> String {
        let flags = [(span.style.bold, "b"), (span.style.italic, "i"), (span.style.code, "c")];
        let flags: String = flags.iter().filter(|(on, _)| *on).map(|(_, f)| *f).collect();
        let prefix = if flags.is_empty() { String::new() } else { format!("{flags}:") };
        let link = span.link.as_ref().map(|l| format!("->{l}")).unwrap_or_default();
        format!("{prefix}{}{link}", span.text)
    }

    #[test]
    fn plain_text_is_one_span() {
        assert_eq!(show("Led the migration."), ["Led the migration."]);
        assert!(show("").is_empty());
    }

    #[test]
    fn bold_italic_and_code() {
        assert_eq!(show("**bold** and *it* and _it_"), ["b:bold", " and ", "i:it", " and ", "i:it"]);
        assert_eq!(show("use `a*b*c` here"), ["use ", "c:a*b*c", " here"]);
        assert_eq!(show("``a ` b``"), ["c:a ` b"]);
        assert_eq!(show("` `` `"), ["c:``"]);
    }

    #[test]
    fn nested_bold_and_italic() {
        assert_eq!(show("***both***"), ["bi:both"]);
        assert_eq!(show("**bold *both* bold**"), ["b:bold ", "bi:both", "b: bold"]);
        assert_eq!(show("*it **both** it*"), ["i:it ", "bi:both", "i: it"]);
        assert_eq!(show("_it **both**_"), ["i:it ", "bi:both"]);
        assert_eq!(show("**Technical Environment:** AWS"), ["b:Technical Environment:", " AWS"]);
    }

    #[test]
    fn unclosed_markers_stay_literal() {
        assert_eq!(show("5 * 3 = 15"), ["5 * 3 = 15"]);
        assert_eq!(show("a lone *star"), ["a lone *star"]);
        assert_eq!(show("**bold without end"), ["**bold without end"]);
        assert_eq!(show("*a **b*"), ["*a *", "i:b"]);
        assert_eq!(show("`unclosed code"), ["`unclosed code"]);
        assert_eq!(show("[not a link] (x)"), ["[not a link] (x)"]);
        assert_eq!(show("C++ and C#"), ["C++ and C#"]);
    }

    #[test]
    fn snake_case_keeps_underscores() {
        assert_eq!(show("call snake_case_name now"), ["call snake_case_name now"]);
        assert_eq!(show("__init__ method"), ["__init__ method"]);
        assert_eq!(show("_italic_, then snake_case"), ["i:italic", ", then snake_case"]);
    }

    #[test]
    fn escapes() {
        assert_eq!(show(r"\*not italic\*"), ["*not italic*"]);
        assert_eq!(show(r"\`tick\` \[x\](y) \\ \_"), [r"`tick` [x](y) \ _"]);
        assert_eq!(show(r"C:\Users stays"), [r"C:\Users stays"]);
        assert_eq!(show("trailing \\"), ["trailing \\"]);
    }

    #[test]
    fn links_with_labels() {
        assert_eq!(
            show("see [my site](https://example.com)."),
            ["see ", "my site->https://example.com", "."]
        );
        assert_eq!(
            show("[**bold** label](https://x.org)"),
            ["b:bold->https://x.org", " label->https://x.org"]
        );
        assert_eq!(show("**[label](https://x.org)**"), ["b:label->https://x.org"]);
        assert_eq!(
            show("[wiki](https://en.wikipedia.org/wiki/Rust_(language))"),
            ["wiki->https://en.wikipedia.org/wiki/Rust_(language)"]
        );
        assert_eq!(show("[mail](mailto:jane@example.com)"), ["mail->mailto:jane@example.com"]);
        assert_eq!(show("[call](tel:+15551234567)"), ["call->tel:+15551234567"]);
        assert_eq!(show("[site](www.example.com)"), ["site->https://www.example.com"]);
        assert_eq!(show("[](https://x.org)"), ["https://x.org->https://x.org"]);
        assert_eq!(show("[a [b](https://b.org)](https://a.org)"), ["a [b](https://b.org)->https://a.org"]);
        assert_eq!(show("[see https://x.org](https://y.org)"), ["see https://x.org->https://y.org"]);
    }

    #[test]
    fn bare_urls_leave_trailing_punctuation() {
        assert_eq!(
            show("See https://example.com."),
            ["See ", "https://example.com->https://example.com", "."]
        );
        assert_eq!(
            show("(https://example.com/a_b_c)"),
            ["(", "https://example.com/a_b_c->https://example.com/a_b_c", ")"]
        );
        assert_eq!(
            show("at www.example.com, then"),
            ["at ", "www.example.com->https://www.example.com", ", then"]
        );
        assert_eq!(show("http://x.org/?q=1!"), ["http://x.org/?q=1->http://x.org/?q=1", "!"]);
        assert_eq!(show("**https://x.org**"), ["b:https://x.org->https://x.org"]);
        assert_eq!(show("https:// alone"), ["https:// alone"]);
        assert_eq!(show("awww.example.com"), ["awww.example.com"]);
    }

    #[test]
    fn emails_become_links() {
        assert_eq!(
            show("mail jane.doe@example.com."),
            ["mail ", "jane.doe@example.com->mailto:jane.doe@example.com", "."]
        );
        assert_eq!(
            show("first_last@example.co.uk"),
            ["first_last@example.co.uk->mailto:first_last@example.co.uk"]
        );
        assert_eq!(show("@handle and a@b and x@1.2"), ["@handle and a@b and x@1.2"]);
    }

    #[test]
    fn non_latin_text_and_emoji() {
        assert_eq!(show("**Zürich** – 東京 🚀 *Ω*"), ["b:Zürich", " – 東京 🚀 ", "i:Ω"]);
        assert_eq!(show("मैं **हिंदी** बोलता हूँ"), ["मैं ", "b:हिंदी", " बोलता हूँ"]);
        assert_eq!(show("👩‍💻 _مرحبا_"), ["👩‍💻 ", "i:مرحبا"]);
    }

    #[test]
    fn bad_links_are_errors() {
        let err = |text: &str| parse(text).unwrap_err();
        assert_eq!(err("[x](javascript:alert(1))").message, "the link scheme `javascript:` is not allowed");
        assert_eq!(err("[x](javascript:alert(1))").offset, 4);
        assert_eq!(err("[x](file:///etc/passwd)").message, "the link scheme `file:` is not allowed");
        assert_eq!(err("[x](ftp://x.org)").message, "the link scheme `ftp:` is not allowed");
        assert_eq!(err("[x](data:text/html,hi)").message, "the link scheme `data:` is not allowed");
        assert_eq!(err("a [talk](#) b").message, "the link has no target");
        assert_eq!(err("a [talk](#) b").offset, 9);
        assert_eq!(err("[talk]()").message, "the link has no target");
        assert_eq!(
            err("[x](https://exa mple.com)").message,
            "the link target `https://exa mple.com` contains a space"
        );
        assert_eq!(err("[x](example.com)").message, "the link target `example.com` has no scheme");
        assert_eq!(
            err("[x](https:example.com)").message,
            "the link target `https:example.com` is not a well-formed URL"
        );
        assert_eq!(
            parse_inline("[x](JavaScript:x)"),
            Err("the link scheme `JavaScript:` is not allowed".into())
        );
    }

    #[test]
    fn hostile_input_is_fast_and_safe() {
        let many = "*a ".repeat(50_000) + &"a* ".repeat(50_000);
        assert!(parse(&many).is_ok());
        let nested = "[".repeat(500_000) + &"]".repeat(500_000);
        assert!(parse(&nested).is_ok());
        assert!(parse(&format!("https://x.org{}", ")".repeat(100_000))).is_ok());
        let ticks: String = (1..400).map(|n| "`".repeat(n) + " ").collect();
        assert!(parse(&ticks).is_ok());
        assert!(parse(&"`".repeat(10_001)).is_ok());
        assert!(parse(&"_*".repeat(20_000)).is_ok());
    }

    /// Found by the mutation fuzzer: `www.` at the end of a text made the address's trailing
    /// punctuation reach back into the scheme, and slicing panicked (`begin > end (4 > 3)`).
    #[test]
    fn bare_www_at_the_end_of_a_text_stays_plain() {
        assert_eq!(show("Find me at www."), ["Find me at www."]);
        for text in
            ["www.", "www..", "WWW.", "http://", "https://.", "https://..,", "www.,;", "a@b.", "@", "x@.c"]
        {
            let rich = parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            let printed: String = rich.spans.iter().map(|s| s.text.as_str()).collect();
            assert_eq!(printed, text, "{text} prints as written");
        }
        assert_eq!(show("see www.x.org."), ["see ", "www.x.org->https://www.x.org", "."]);
    }

    /// Every prefix and suffix of texts with multi-byte characters next to markup parses
    /// without panicking and keeps its letters (a cheap exhaustive check beside the fuzzer).
    #[test]
    fn every_cut_of_tricky_text_parses() {
        let texts = ["é**ü**`ç`[ñ](https://é.org) www.é.de 😀@x.io \\é _ß_", "[**a**](www.b.c)`` ` ``"];
        for text in texts {
            for (i, _) in text.char_indices() {
                for part in [&text[..i], &text[i..]] {
                    if let Ok(rich) = parse(part) {
                        let letters = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).count();
                        let printed: usize = rich.spans.iter().map(|s| letters(&s.text)).sum();
                        assert!(printed <= letters(part), "{part}");
                    }
                }
            }
        }
    }

    #[test]
    fn every_link_scheme_has_a_well_formed_example_and_no_other_scheme_is_allowed() {
        let examples =
            ["http://example.com", "https://example.com", "mailto:jane@example.com", "tel:+15551234567"];
        for scheme in LINK_SCHEMES {
            let example = examples.iter().find(|e| e.starts_with(&format!("{scheme}:"))).expect(scheme);
            assert_eq!(check_scheme(example), Ok(()), "{scheme}");
            assert!(is_link_scheme(&scheme.to_ascii_uppercase()), "{scheme}");
        }
        let (message, hint) = check_scheme("javascript:alert(1)").unwrap_err();
        assert_eq!(message, "the link scheme `javascript:` is not allowed");
        assert_eq!(hint, "only `http`, `https`, `mailto` and `tel` links are allowed");
        assert!(!is_link_scheme("file"));
    }
}
