//! Text from other formats made safe for vitae's inline markup: plain text escaped so that it
//! prints exactly as written, links built only when vitae accepts their target, and links in
//! Markdown whose targets vitae refuses (`#`, relative paths) reduced to their label.

use crate::profile::parse_inline;
use crate::strings::slice;

/// Escapes plain text so that vitae prints it as written: `\`, `*`, `` ` `` and `[` always,
/// `_` unless it sits inside a word (where it is literal anyway). Web addresses are left
/// alone, so that they stay links printed as written.
pub(crate) fn escape_plain(text: &str) -> String {
    escape(text, true)
}

/// Escapes plain text for a link label, where addresses are not links and `]` ends the label.
fn escape_label(text: &str) -> String {
    escape(text, false)
}

/// Escapes markup characters; `urls` says whether web addresses are kept verbatim.
fn escape(text: &str, urls: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    let mut before: Option<char> = None;
    while let Some(c) = rest.chars().next() {
        if urls && at_boundary(before) {
            let len = url_len(rest);
            if len > 0 {
                out.push_str(slice(rest, ..len));
                before = slice(rest, ..len).chars().next_back();
                rest = slice(rest, len..);
                continue;
            }
        }
        let after = slice(rest, c.len_utf8()..).chars().next();
        let inside_word =
            before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric);
        let special = match c {
            '\\' | '*' | '`' | '[' => true,
            ']' => !urls,
            '_' => !inside_word,
            _ => false,
        };
        if special {
            out.push('\\');
        }
        out.push(c);
        before = Some(c);
        rest = slice(rest, c.len_utf8()..);
    }
    out
}

/// Whether a web address may start after `before` (as vitae decides for bare links).
fn at_boundary(before: Option<char>) -> bool {
    !before.is_some_and(|c| c.is_alphanumeric() || "@.%+-/".contains(c))
}

/// Returns the length of a web address (`http://`, `https://` or `www.`) at the start of
/// `text`, up to the next space, or 0 when there is none.
fn url_len(text: &str) -> usize {
    let lower: String = text.chars().take(8).collect::<String>().to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.")) {
        return 0;
    }
    text.find(|c: char| c.is_whitespace() || "<>\"`".contains(c)).unwrap_or(text.len())
}

/// Returns a link target vitae accepts for a URL as people write it: `http(s)`, `mailto:` and
/// `tel:` as they are, `www.example.com` and `example.com/x` completed with `https://`, an
/// e-mail address with `mailto:`. `None` for anything else (empty, `#`, relative paths).
pub(crate) fn normalize_url(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let candidate = if ["http://", "https://", "mailto:", "tel:"].iter().any(|s| lower.starts_with(s)) {
        url.to_owned()
    } else if looks_like_email(url) {
        format!("mailto:{url}")
    } else if looks_like_domain(url) {
        format!("https://{url}")
    } else {
        return None;
    };
    accepted(&candidate).then_some(candidate)
}

/// Whether vitae accepts a link target.
fn accepted(url: &str) -> bool {
    match parse_inline(&format!("[x]({url})")) {
        Ok(rich) => rich.spans.iter().all(|s| s.link.is_some()),
        Err(_) => false,
    }
}

/// Whether text is an e-mail address and nothing else.
fn looks_like_email(text: &str) -> bool {
    match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.contains('@')
                && !text.contains(|c: char| c.is_whitespace() || "/:()<>".contains(c))
        }
        None => false,
    }
}

/// File extensions that are not top-level domains in practice: `resume.pdf` is a file.
const FILE_TYPES: &[&str] =
    &["pdf", "png", "jpg", "jpeg", "gif", "svg", "html", "htm", "txt", "doc", "docx", "json", "yaml", "yml"];

/// Whether text is a bare host name with an optional path: `example.com/x`.
fn looks_like_domain(text: &str) -> bool {
    let host = text.split(['/', '?', '#']).next().unwrap_or("");
    let labels: Vec<&str> = host.split('.').collect();
    let tld = labels.last().copied().unwrap_or("");
    labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && tld.chars().count() >= 2
        && tld.chars().all(char::is_alphabetic)
        && !FILE_TYPES.contains(&tld.to_ascii_lowercase().as_str())
        && !text.contains(char::is_whitespace)
}

/// Builds `[label](url)` from a plain label, or `None` when vitae would not accept the URL.
pub(crate) fn link(label: &str, url: &str) -> Option<String> {
    let target = normalize_url(url)?;
    let markup = format!("[{}]({target})", escape_label(label));
    let rich = parse_inline(&markup).ok()?;
    (rich.to_plain() == label.trim()).then_some(markup)
}

/// Makes Markdown text acceptable to vitae: every link whose target vitae refuses is repaired
/// (`example.com` gets `https://`) or reduced to its label; each reduction is described in
/// `problems`. Text that still fails to parse is escaped as plain text.
pub(crate) fn fix_markdown(text: &str, problems: &mut Vec<String>) -> String {
    let fixed = fix_links(text, problems);
    // The loader joins a point's (or a paragraph's) lines with spaces before it reads markup,
    // so a link whose target spans lines must be checked as it will be read: joined.
    let joined = fixed.split_whitespace().collect::<Vec<_>>().join(" ");
    match parse_inline(&fixed).and_then(|_| parse_inline(&joined)) {
        Ok(_) => fixed,
        Err(e) => {
            problems.push(format!("{e}; the text is kept without markup"));
            escape_plain(text)
        }
    }
}

/// Repairs or reduces the links of a Markdown text.
fn fix_links(text: &str, problems: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = find_open(rest) {
        out.push_str(slice(rest, ..i));
        let tail = slice(rest, i..);
        match link_at(tail) {
            Some((label, target, len)) => {
                out.push_str(&repair(label, target, problems));
                rest = slice(tail, len..);
            }
            None => {
                out.push('[');
                rest = slice(tail, 1..);
            }
        }
    }
    out.push_str(rest);
    out
}

/// Finds the next `[` that is not escaped.
fn find_open(text: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '[' if !escaped => return Some(i),
            _ => escaped = false,
        }
    }
    None
}

/// Reads `[label](target)` at the start of `text`: the label, the target and the length.
fn link_at(text: &str) -> Option<(&str, &str, usize)> {
    let label_end = closing(text, '[', ']')?;
    let rest = slice(text, label_end + 1..);
    if !rest.starts_with('(') {
        return None;
    }
    let target_end = label_end + 1 + closing(rest, '(', ')')?;
    Some((slice(text, 1..label_end), slice(text, label_end + 2..target_end), target_end + 1))
}

/// Returns the offset of the bracket that closes the one at the start of `text` (the profile's
/// markup parser does the matching, with no search allowance to spend).
fn closing(text: &str, open: char, close: char) -> Option<usize> {
    let mut unlimited = usize::MAX;
    crate::profile::markup::closing(text, open, close, &mut unlimited)
}

/// Keeps a link vitae accepts, completes a bare host name, or reduces the link to its label.
fn repair(label: &str, target: &str, problems: &mut Vec<String>) -> String {
    let original = format!("[{label}]({target})");
    if parse_inline(&original).is_ok() {
        return original;
    }
    if let Some(url) = normalize_url(target) {
        let fixed = format!("[{label}]({url})");
        if parse_inline(&fixed).is_ok() {
            return fixed;
        }
    }
    let target = target.trim();
    let why =
        if target.is_empty() || target.starts_with('#') { "has no target" } else { "is not a web address" };
    problems.push(format!("the link `{label}` {why} (`{target}`); kept its label only"));
    label.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_text_prints_as_written() {
        let samples = [
            "C++ and *nix, 5 * 3 = 15",
            "snake_case and _leading and trailing_ underscores",
            "**not bold** `not code` [not a link](https://x.com)",
            "back\\slash \\* and a lone ] bracket",
            "see https://example.com/a_b*c_(d) now",
            "mail john_doe@example.com or www.example.org/x_y",
            "Weisman Scores™ “quoted” 日本語 Русский हिन्दी",
        ];
        for text in samples {
            let rich = parse_inline(&escape_plain(text)).unwrap();
            assert_eq!(rich.to_plain(), text, "{}", escape_plain(text));
        }
    }

    #[test]
    fn urls_are_completed_or_refused() {
        assert_eq!(
            normalize_url("missdirection.example.com").as_deref(),
            Some("https://missdirection.example.com")
        );
        assert_eq!(normalize_url("www.ou.edu/").as_deref(), Some("https://www.ou.edu/"));
        assert_eq!(normalize_url("jane@example.com").as_deref(), Some("mailto:jane@example.com"));
        assert_eq!(
            normalize_url("http://x.org/Silicon_Valley_(TV)").as_deref(),
            Some("http://x.org/Silicon_Valley_(TV)")
        );
        for bad in ["", "#", "/about", "javascript:alert(1)", "not a url", "file.pdf"] {
            assert_eq!(normalize_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn links_keep_their_label() {
        let l = link("Pied *Piper* [x]", "http://piedpiper.example.com").unwrap();
        assert_eq!(parse_inline(&l).unwrap().to_plain(), "Pied *Piper* [x]");
        assert!(link("x", "#").is_none());
    }

    #[test]
    fn refused_links_become_labels() {
        let mut problems = Vec::new();
        let text = "[blog posts](#) and [site](example.com) and [ok](https://a.org) and [x]()";
        let fixed = fix_markdown(text, &mut problems);
        assert_eq!(fixed, "blog posts and [site](https://example.com) and [ok](https://a.org) and x");
        assert_eq!(problems.len(), 2, "{problems:?}");
    }
}
