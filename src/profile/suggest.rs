//! "Did you mean …?" for misspelt keys and kinds: the closest candidate by Damerau–Levenshtein
//! distance (optimal string alignment), offered only when it is close enough to be a typo.

/// Returns the candidate closest to `word`, if it is plausibly a typo of it.
pub(crate) fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    let (best, distance) = candidates.iter().map(|c| (*c, distance(&word, c))).min_by_key(|&(_, d)| d)?;
    (distance <= tolerance(&word)).then_some(best)
}

/// Formats the hint for an unknown name: a suggestion, or the list of what is allowed.
pub(crate) fn hint(word: &str, candidates: &[&str]) -> String {
    match closest(word, candidates) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("expected one of {}", list(candidates)),
    }
}

/// Formats names as "`a`, `b` or `c`".
pub(crate) fn list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

/// How many edits still count as a typo: one for short words, a third of the length beyond,
/// so `nmae` finds `name` but `date` does not turn into `name`.
fn tolerance(word: &str) -> usize {
    (word.chars().count() / 3).max(1)
}

/// Returns the optimal-string-alignment distance: insertions, deletions, substitutions and
/// transpositions of adjacent characters each cost one.
#[allow(clippy::indexing_slicing, reason = "i and j run within 1..=len of the rows and words")]
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rolling rows: two rows back (for transpositions), the previous row and this one.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut current = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            current[j] = (previous[j] + 1).min(current[j - 1] + 1).min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                current[j] = current[j].min(before[j - 2] + 1);
            }
        }
        before = std::mem::replace(&mut previous, current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("name", "name"), 0);
        assert_eq!(distance("nmae", "name"), 1);
        assert_eq!(distance("hilights", "highlights"), 2);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    #[test]
    fn suggests_only_close_words() {
        let keys = ["name", "headline", "highlights", "sections"];
        assert_eq!(closest("nmae", &keys), Some("name"));
        assert_eq!(closest("hilights", &keys), Some("highlights"));
        assert_eq!(closest("Sections", &keys), Some("sections"));
        assert_eq!(closest("colour", &keys), None);
    }

    #[test]
    fn hint_lists_candidates_when_nothing_is_close() {
        assert_eq!(hint("xyz", &["a", "b", "c"]), "expected one of `a`, `b` or `c`");
        assert_eq!(hint("nmae", &["name"]), "did you mean `name`?");
    }
}
