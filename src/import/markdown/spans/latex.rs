//! LaTeX debris that PDF converters leave in text: math-mode symbols (`$\bullet$`, `$\to$`)
//! and style commands (`\textbf{…}`), made into characters and vitae's markup.

use super::*;

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
pub(super) fn latex(text: &str, problems: &mut Vec<String>) -> String {
    if !text.contains('\\') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = find_dollar(rest) {
        let after = slice(rest, start + 1..);
        match find_dollar(after).filter(|&end| slice(after, ..end).contains('\\')) {
            Some(end) => {
                out.push_str(&commands(slice(rest, ..start), problems));
                out.push_str(&commands(slice(after, ..end), problems));
                rest = slice(after, end + 1..);
            }
            None => {
                out.push_str(&commands(slice(rest, ..=start), problems));
                rest = after;
            }
        }
    }
    out.push_str(&commands(rest, problems));
    out
}

/// Finds a `$` that is not escaped.
fn find_dollar(text: &str) -> Option<usize> {
    text.char_indices().find(|&(i, c)| c == '$' && !slice(text, ..i).ends_with('\\')).map(|(i, _)| i)
}

/// The most style commands read open at once (`\textbf{\emph{…}}`); deeper ones keep their
/// text without the style, noted (the brief's nesting limit).
pub(super) const MAX_LATEX_DEPTH: usize = 32;

/// Rewrites the commands of a text (see [`latex`]); `\$` and the like are Markdown escapes and
/// stay. One pass with a stack of open styles: a style's `{` opens it, the next `}` closes the
/// innermost, so nesting costs nothing extra and a `}` with nothing open is text.
fn commands(text: &str, problems: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut open: Vec<&'static str> = Vec::new();
    let mut too_deep = 0usize;
    let mut rest = text;
    while let Some(at) = rest.find(['\\', '}']) {
        out.push_str(rest.get(..at).unwrap_or(""));
        let Some(tail) = rest.get(at + 1..) else { break };
        if rest.get(at..).is_some_and(|r| r.starts_with('}')) {
            if too_deep > 0 {
                too_deep -= 1;
            } else {
                out.push_str(open.pop().unwrap_or("}"));
            }
            rest = tail;
            continue;
        }
        let name_len = tail.chars().take_while(char::is_ascii_alphabetic).count();
        if name_len == 0 {
            // A Markdown escape such as `\$` or `\*`: keep it.
            let next = tail.chars().next().map_or(0, char::len_utf8);
            out.push('\\');
            out.push_str(tail.get(..next).unwrap_or(""));
            rest = tail.get(next..).unwrap_or("");
            continue;
        }
        let Some((name, after)) = tail.split_at_checked(name_len) else { break };
        rest = after;
        if let Some((_, wrap)) = STYLES.iter().find(|(n, _)| *n == name)
            && let Some(arg) = rest.strip_prefix('{')
        {
            rest = arg;
            if open.len() < MAX_LATEX_DEPTH {
                out.push_str(wrap);
                open.push(wrap);
            } else {
                too_deep += 1;
                problems.push(format!(
                    "`\\{name}` nested more than {MAX_LATEX_DEPTH} deep keeps its text without the style"
                ));
            }
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
    while let Some(wrap) = open.pop() {
        out.push_str(wrap);
    }
    out
}
