//! Inline Markdown made into vitae's inline markup: HTML line breaks and tags, entities, LaTeX
//! debris from PDF converters (`$\bullet$`, `$\to$`, `\textbf{…}`), images, strike-through and
//! `__bold__` rewritten; links vitae refuses reduced to their label. Also finds dates in text.

use super::inline::fix_markdown;

/// Where a `<br>` was: the inline stage splits or joins at this mark.
pub(crate) const BREAK: char = '\u{2028}';

/// Converts Markdown inline text into vitae markup; what was changed or dropped is added to
/// `problems`. Line breaks (`<br>`) become [`BREAK`].
pub(crate) fn convert(text: &str, problems: &mut Vec<String>) -> String {
    let text = html(text, problems);
    let text = latex(&text, problems);
    let text = images(&text, problems);
    let text = text.replace("~~", "");
    let text = double_underscores(&text);
    let text = strip_debris(&text);
    fix_markdown(collapse_spaces(&text).trim(), problems)
}

/// Removes a list marker's leftovers at the start of a point ("ullet", the `\bullet` whose
/// backslash-b a converter ate, or a second "•").
fn strip_debris(text: &str) -> String {
    let t = text.trim_start();
    for debris in ["ullet ", "• ", "· "] {
        if let Some(rest) = t.strip_prefix(debris) {
            return rest.to_owned();
        }
    }
    if t == "ullet" { String::new() } else { text.to_owned() }
}

/// Collapses runs of spaces (left by removed markup) into one.
fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------------------------

/// Rewrites HTML: `<br>` → [`BREAK`], `<b>`/`<strong>` → `**`, `<i>`/`<em>` → `*`,
/// `<a href="…">` → a link, `<https://…>` → the address; other tags are dropped; entities decoded.
fn html(text: &str, problems: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut href: Vec<String> = Vec::new();
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        let Some(close) = tail.find('>') else {
            out.push_str(tail);
            rest = "";
            break;
        };
        let tag = &tail[1..close];
        rest = &tail[close + 1..];
        out.push_str(&tag_text(tag, &mut href, problems));
    }
    out.push_str(rest);
    entities(&out)
}

/// Returns what a tag becomes.
fn tag_text(tag: &str, href: &mut Vec<String>, problems: &mut Vec<String>) -> String {
    let lower = tag.trim().to_ascii_lowercase();
    let name =
        lower.trim_start_matches('/').split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or("");
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:") {
        return tag.trim().trim_start_matches("mailto:").to_owned();
    }
    if tag.contains('@') && !tag.contains(' ') {
        return tag.trim().to_owned();
    }
    match name {
        "br" => BREAK.to_string(),
        "b" | "strong" => "**".into(),
        "i" | "em" => "*".into(),
        "a" if lower.starts_with('/') => href.pop().map_or(String::new(), |u| format!("]({u})")),
        "a" => match attribute(tag, "href") {
            Some(url) => {
                href.push(url);
                "[".into()
            }
            None => String::new(),
        },
        "" if lower.starts_with("!--") => {
            problems.push("an HTML comment is left out".into());
            String::new()
        }
        "p" | "div" | "span" | "sup" | "sub" | "u" | "small" | "center" | "font" => " ".into(),
        _ => {
            problems.push(format!("the HTML tag `<{}>` is left out", tag.trim()));
            String::new()
        }
    }
}

/// Reads an attribute's value from a tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let at = tag.to_ascii_lowercase().find(&format!("{name}="))? + name.len() + 1;
    let rest = &tag[at..];
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'');
    let value = match quote {
        Some(q) => rest[1..].split(q).next().unwrap_or(""),
        None => rest.split_whitespace().next().unwrap_or(""),
    };
    Some(value.to_owned())
}

/// Decodes the HTML entities résumés use.
fn entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    const NAMED: &[(&str, &str)] = &[
        ("&amp;", "&"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&apos;", "'"),
        ("&#39;", "'"),
        ("&nbsp;", " "),
        ("&ndash;", "–"),
        ("&mdash;", "—"),
        ("&middot;", "·"),
        ("&bull;", "•"),
        ("&copy;", "©"),
        ("&hellip;", "…"),
    ];
    let mut out = text.to_owned();
    for (entity, ch) in NAMED {
        out = out.replace(entity, ch);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// LaTeX
// ---------------------------------------------------------------------------------------------

/// Commands that stand for a character (or for nothing, like a bullet marker).
const SYMBOLS: &[(&str, &str)] = &[
    ("bullet", ""),
    ("to", "→"),
    ("rightarrow", "→"),
    ("Rightarrow", "⇒"),
    ("leftarrow", "←"),
    ("mu", "μ"),
    ("times", "×"),
    ("approx", "≈"),
    ("sim", "~"),
    ("leq", "≤"),
    ("le", "≤"),
    ("geq", "≥"),
    ("ge", "≥"),
    ("pm", "±"),
    ("cdot", "·"),
    ("circ", "°"),
    ("degree", "°"),
    ("alpha", "α"),
    ("beta", "β"),
    ("gamma", "γ"),
    ("delta", "δ"),
    ("lambda", "λ"),
    ("pi", "π"),
    ("sigma", "σ"),
    ("infty", "∞"),
    ("sim", "∼"),
    ("%", "%"),
    ("&", "&"),
    ("$", "$"),
    ("_", "_"),
    ("#", "#"),
];

/// Commands that wrap their argument in a style.
const STYLES: &[(&str, &str)] = &[
    ("textbf", "**"),
    ("mathbf", "**"),
    ("textit", "*"),
    ("emph", "*"),
    ("mathit", "*"),
    ("text", ""),
    ("mathrm", ""),
];

/// Rewrites LaTeX debris: `$…$` spans that hold commands lose their dollars, and commands
/// outside or inside them become characters or styles. Dollar amounts (`$97,000`) stay.
fn latex(text: &str, problems: &mut Vec<String>) -> String {
    if !text.contains('\\') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = find_dollar(rest) {
        let after = &rest[start + 1..];
        match find_dollar(after).filter(|&end| after[..end].contains('\\')) {
            Some(end) => {
                out.push_str(&commands(&rest[..start], problems));
                out.push_str(&commands(&after[..end], problems));
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&commands(&rest[..=start], problems));
                rest = after;
            }
        }
    }
    out.push_str(&commands(rest, problems));
    out
}

/// Finds a `$` that is not escaped.
fn find_dollar(text: &str) -> Option<usize> {
    text.char_indices().find(|&(i, c)| c == '$' && !text[..i].ends_with('\\')).map(|(i, _)| i)
}

/// Rewrites the commands of a text (see [`latex`]); `\$` and the like are Markdown escapes and
/// stay.
fn commands(text: &str, problems: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 1..];
        let name_len = tail.chars().take_while(char::is_ascii_alphabetic).count();
        if name_len == 0 {
            // A Markdown escape such as `\$` or `\*`: keep it.
            let next = tail.chars().next().map_or(0, char::len_utf8);
            out.push('\\');
            out.push_str(&tail[..next]);
            rest = &tail[next..];
            continue;
        }
        let name = &tail[..name_len];
        rest = &tail[name_len..];
        if let Some((_, wrap)) = STYLES.iter().find(|(n, _)| *n == name)
            && let Some(arg_end) = rest.strip_prefix('{').and_then(|r| r.find('}'))
        {
            let arg = &rest[1..=arg_end];
            out.push_str(wrap);
            out.push_str(&commands(arg, problems));
            out.push_str(wrap);
            rest = &rest[arg_end + 2..];
            continue;
        }
        match SYMBOLS.iter().find(|(n, _)| *n == name) {
            Some((_, symbol)) => out.push_str(symbol),
            None => {
                problems.push(format!("the LaTeX command `\\{name}` is printed as `{name}`"));
                out.push_str(name);
            }
        }
        rest = rest.strip_prefix("{}").unwrap_or(rest);
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------------------------
// Images, underscores
// ---------------------------------------------------------------------------------------------

/// Replaces images by their alt text.
fn images(text: &str, problems: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("![") {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 1..];
        let parsed = tail.find("](").and_then(|mid| tail[mid..].find(')').map(|end| (mid, mid + end)));
        match parsed {
            Some((mid, end)) => {
                let alt = &tail[1..mid];
                problems.push(format!(
                    "an image (`{}`) is left out; its description is kept",
                    &tail[mid + 2..end]
                ));
                out.push_str(alt);
                rest = &tail[end + 1..];
            }
            None => {
                out.push('!');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Rewrites `__bold__` (which vitae leaves literal, so that `__init__` survives) as `**bold**`
/// when the pair encloses words.
fn double_underscores(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("__") {
        let before = rest[..at].chars().next_back();
        let inner = &rest[at + 2..];
        let close = inner.find("__").filter(|&end| {
            let body = &inner[..end];
            let after = inner[end + 2..].chars().next();
            !body.is_empty()
                && !body.starts_with(' ')
                && !body.ends_with(' ')
                && !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric)
        });
        out.push_str(&rest[..at]);
        match close {
            Some(end) => {
                out.push_str("**");
                out.push_str(&inner[..end]);
                out.push_str("**");
                rest = &inner[end + 2..];
            }
            None => {
                out.push_str("__");
                rest = inner;
            }
        }
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------------------------
// Dates in text
// ---------------------------------------------------------------------------------------------

/// Month names and abbreviations, in lower case.
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "spring",
    "summer",
    "fall",
    "autumn",
    "winter",
];

/// Words that may sit between or after the dates of a range.
const JOINERS: &[&str] =
    &["-", "–", "—", "to", "till", "until", "present", "current", "now", "today", "ongoing"];

/// Splits text into what comes before a trailing date (or date range) and the date itself:
/// "Remote (Boston, MA) 2/2022 - Present" → ("Remote (Boston, MA)", "2/2022 - Present").
/// `None` when the text does not end in a date.
pub(crate) fn trailing_date(text: &str) -> Option<(String, String)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut start = words.len();
    let mut saw_date = false;
    while start > 0 {
        let w = words[start - 1];
        let clean = w.trim_matches(|c: char| ",.()[]".contains(c)).to_lowercase();
        if is_date_word(&clean) {
            saw_date |= clean.chars().any(|c| c.is_ascii_digit());
        } else if !JOINERS.contains(&clean.as_str()) {
            break;
        }
        start -= 1;
    }
    // Trim joiners the range does not need at its start ("- 2019").
    while start < words.len() && JOINERS.contains(&words[start].to_lowercase().as_str()) {
        start += 1;
    }
    if !saw_date || start == words.len() {
        return None;
    }
    let before = words[..start].join(" ").trim_end_matches([',', '|', '·', '-', '–']).trim().to_owned();
    Some((before, words[start..].join(" ")))
}

/// Splits a leading date off text: "Mar 2021 - Software Engineer" → ("Mar 2021", "Software
/// Engineer", true), the flag saying whether the date ends in a dash (a range left open, whose
/// end may start the next line). `None` when the text does not start with a date.
pub(crate) fn leading_date(text: &str) -> Option<(String, String, bool)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut end = 0;
    let mut saw_year = false;
    while end < words.len() {
        let clean = words[end].trim_matches(|c: char| ",.()[]".contains(c)).to_lowercase();
        if is_date_word(&clean) {
            saw_year |= clean.chars().any(|c| c.is_ascii_digit());
        } else if !(saw_year && JOINERS.contains(&clean.as_str())) {
            break;
        }
        end += 1;
    }
    if !saw_year || end == words.len() {
        return None;
    }
    let open = ["-", "–", "—", "to"].contains(&words[end - 1]);
    let date_words = if open { &words[..end - 1] } else { &words[..end] };
    if date_words.last().is_some_and(|w| {
        !w.chars().any(|c| c.is_ascii_digit()) && !JOINERS.contains(&w.to_lowercase().as_str())
    }) {
        return None;
    }
    Some((date_words.join(" "), words[end..].join(" "), open))
}

/// Whether a word is part of a date: a year, a month name, `2/2022`, `2021-03`, `'19`.
fn is_date_word(word: &str) -> bool {
    if MONTHS.contains(&word.trim_end_matches('.')) {
        return true;
    }
    let digits = word.chars().filter(char::is_ascii_digit).count();
    let year = |s: &str| s.len() == 4 && s.starts_with(['1', '2']) && s.chars().all(|c| c.is_ascii_digit());
    if year(word) {
        return true;
    }
    let parts: Vec<&str> = word.split(['/', '-', '.']).collect();
    parts.len() == 2 && digits == word.len() - 1 && parts.iter().any(|p| year(p))
        || parts.len() == 3 && parts.iter().any(|p| year(p)) && digits == word.len() - 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> String {
        convert(text, &mut Vec::new())
    }

    #[test]
    fn html_breaks_tags_and_entities() {
        assert_eq!(run("**Biffbot**</br>x"), format!("**Biffbot**{BREAK}x"));
        assert_eq!(
            run("a <b>bold</b> &amp; <a href=\"https://x.org\">link</a>"),
            "a **bold** & [link](https://x.org)"
        );
        assert_eq!(run("see <https://x.org/a>"), "see https://x.org/a");
    }

    #[test]
    fn latex_debris() {
        assert_eq!(run("$\\bullet$  Owned a dataplane"), "Owned a dataplane");
        assert_eq!(run("100 ms  $\\to$  100  $\\mu$ s"), "100 ms → 100 μ s");
        assert_eq!(
            run("$\\textbf{PlanGrid} \\rightarrow \\textbf{Autodesk (acquisition)}$"),
            "**PlanGrid** → **Autodesk (acquisition)**"
        );
        assert_eq!(run("saving $97,000 and $40,000"), "saving $97,000 and $40,000");
        assert_eq!(run("reduced cost by **\\$60k**"), "reduced cost by **\\$60k**");
        assert_eq!(run("\\$60k and \\$70k \\to"), "\\$60k and \\$70k →");
        assert_eq!(run("ullet Designed it"), "Designed it");
    }

    #[test]
    fn links_without_targets_keep_their_label() {
        assert_eq!(run("[Sourcegraph](#), Remote"), "Sourcegraph, Remote");
    }

    #[test]
    fn underscores_and_images() {
        assert_eq!(run("__bold__ and __init__ and a__b__c"), "**bold** and **init** and a__b__c");
        assert_eq!(run("![logo](logo.png) Acme"), "logo Acme");
    }

    #[test]
    fn trailing_dates() {
        let split = trailing_date;
        assert_eq!(
            split("Remote (Boston, MA) 2/2022 - Present"),
            Some(("Remote (Boston, MA)".into(), "2/2022 - Present".into()))
        );
        assert_eq!(
            split("Los Angeles, CA July 2012 - June 2016"),
            Some(("Los Angeles, CA".into(), "July 2012 - June 2016".into()))
        );
        assert_eq!(split("5/2021 - 8/2021"), Some((String::new(), "5/2021 - 8/2021".into())));
        assert_eq!(split("Jan. 2020 - Dec. 2021"), Some((String::new(), "Jan. 2020 - Dec. 2021".into())));
        assert_eq!(split("Systems Engineer, Argo Smart Routing"), None);
        assert_eq!(split("Top posts of 2019 on Hacker News"), None);
    }

    #[test]
    fn leading_dates() {
        assert_eq!(
            leading_date("Mar 2021 - **Software Engineer** – Sourcegraph"),
            Some(("Mar 2021".into(), "**Software Engineer** – Sourcegraph".into(), true))
        );
        assert_eq!(
            leading_date("Aug 2023 A Code Search Platform"),
            Some(("Aug 2023".into(), "A Code Search Platform".into(), false))
        );
        assert_eq!(
            leading_date("2014 **Bachelor of Technology**"),
            Some(("2014".into(), "**Bachelor of Technology**".into(), false))
        );
        assert_eq!(leading_date("Software Engineer"), None);
        assert_eq!(leading_date("May 2017"), None);
    }
}
