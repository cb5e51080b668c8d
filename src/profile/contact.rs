//! Contacts: one address key per contact, checked and turned into printed text plus a link.

use serde_saphyr::Spanned;

use super::error::{ProfileError, Source};
use super::model::{Contact, ContactKind};
use super::raw::{MapOnly, Plain, RawContact};
use super::suggest;

/// The address keys of a contact, in the spec's order.
const KEYS: [&str; 9] =
    ["email", "phone", "url", "github", "gitlab", "linkedin", "twitter", "mastodon", "stackoverflow"];

/// The fewest digits a telephone number can have (short national numbers have five).
const MIN_PHONE_DIGITS: usize = 5;

/// Converts the contacts, in order.
pub(crate) fn contacts(
    src: &Source,
    raw: &[Spanned<MapOnly<RawContact>>],
) -> Result<Vec<Contact>, ProfileError> {
    raw.iter().map(|c| contact(src, c)).collect()
}

/// Converts one contact.
fn contact(src: &Source, raw: &Spanned<MapOnly<RawContact>>) -> Result<Contact, ProfileError> {
    let MapOnly(fields) = &raw.value;
    let given = given(fields);
    let (kind, _, value) = match given.as_slice() {
        [one] => *one,
        [] => return Err(none_given(src, raw)),
        [first, second, ..] => return Err(several_given(src, first.1, second.1, second.2)),
    };
    let (text, url) =
        address(kind, value.value.trim()).map_err(|(m, h)| src.error(&value.referenced, m).with_hint(h))?;
    let text = fields.label.as_ref().map_or(text, |l| l.value.clone());
    Ok(Contact { kind, text, url })
}

/// Lists the address keys a contact gives: kind, key and value.
fn given(raw: &RawContact) -> Vec<(ContactKind, &'static str, &Plain)> {
    let all = [
        (ContactKind::Email, &raw.email),
        (ContactKind::Phone, &raw.phone),
        (ContactKind::Website, &raw.url),
        (ContactKind::GitHub, &raw.github),
        (ContactKind::GitLab, &raw.gitlab),
        (ContactKind::LinkedIn, &raw.linkedin),
        (ContactKind::Twitter, &raw.twitter),
        (ContactKind::Mastodon, &raw.mastodon),
        (ContactKind::StackOverflow, &raw.stackoverflow),
    ];
    let keyed = all.into_iter().zip(KEYS);
    keyed.filter_map(|((kind, value), key)| value.as_ref().map(|v| (kind, key, v))).collect()
}

/// The error for a contact without an address key.
fn none_given(src: &Source, raw: &Spanned<MapOnly<RawContact>>) -> ProfileError {
    src.error(&raw.referenced, "this contact has no address")
        .with_hint(format!("give one of {}", suggest::list(&KEYS)))
}

/// The error for a contact with two address keys; it points at the second one's value.
fn several_given(src: &Source, first: &str, second: &str, at: &Plain) -> ProfileError {
    let message = format!("this contact has both `{first}` and `{second}`");
    src.error(&at.referenced, message)
        .with_hint("write each contact as its own list item: `- email: …` then `- phone: …`")
}

/// Returns the printed text and link of an address, or an error message and hint.
fn address(kind: ContactKind, value: &str) -> Result<(String, String), (String, String)> {
    match kind {
        ContactKind::Email => email(value),
        ContactKind::Phone => phone(value),
        ContactKind::Website => website(value),
        ContactKind::Mastodon => mastodon(value),
        _ => profile(kind, value),
    }
}

/// Checks an e-mail address: one `@`, something before it, a dot inside the domain, no spaces.
fn email(value: &str) -> Result<(String, String), (String, String)> {
    let valid = match value.split_once('@') {
        Some((local, domain)) => {
            let inner_dot =
                domain.trim_matches('.').contains('.') && !domain.starts_with('.') && !domain.ends_with('.');
            !local.is_empty() && !domain.contains('@') && inner_dot && !value.contains(char::is_whitespace)
        }
        None => false,
    };
    if !valid {
        return Err((
            format!("`{value}` is not an e-mail address"),
            "write it like `jane@example.com`".into(),
        ));
    }
    Ok((value.to_owned(), format!("mailto:{value}")))
}

/// Checks a telephone number: digits, spaces and `+ - ( ) .` only, and enough digits.
fn phone(value: &str) -> Result<(String, String), (String, String)> {
    let allowed = value.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c));
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    if !allowed || digits.len() < MIN_PHONE_DIGITS {
        return Err((
            format!("`{value}` is not a telephone number"),
            "use digits, spaces and `+ - ( ) .` only, e.g. `+1 516 218 1593`".into(),
        ));
    }
    let plus = if value.trim_start().starts_with('+') { "+" } else { "" };
    Ok((value.to_owned(), format!("tel:{plus}{digits}")))
}

/// Checks a web address (http or https); it prints without the scheme.
fn website(value: &str) -> Result<(String, String), (String, String)> {
    let text = strip_scheme(value).ok_or_else(|| {
        (
            format!("`{value}` is not a web address"),
            "write the full address, e.g. `https://example.com`".into(),
        )
    })?;
    Ok((text, value.to_owned()))
}

/// Returns an http(s) URL without its scheme and a bare trailing slash, or `None` when the value
/// is not a well-formed http(s) URL. A `www.` stays: it is part of the address as the person
/// wrote it (and of the words an applicant tracking system looks for).
fn strip_scheme(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        url.get(8..)?
    } else {
        url.get(7..).filter(|_| lower.starts_with("http://"))?
    };
    let host_ok = rest.starts_with(|c: char| c.is_alphanumeric()) && !url.contains(char::is_whitespace);
    host_ok.then(|| rest.trim_end_matches('/').to_owned())
}

/// A network profile: a handle, or a full https URL.
fn profile(kind: ContactKind, value: &str) -> Result<(String, String), (String, String)> {
    if value.to_ascii_lowercase().starts_with("https://") {
        return website(value);
    }
    let handle = if kind == ContactKind::Twitter { value.strip_prefix('@').unwrap_or(value) } else { value };
    let valid = match kind {
        // Stack Overflow profiles are `users/ID` or `users/ID/name`.
        ContactKind::StackOverflow => stackoverflow_id(handle),
        _ => is_handle(handle),
    };
    if !valid {
        return Err((
            format!("`{value}` is not a valid handle"),
            "write the handle alone (`tevren`) or the full https URL".into(),
        ));
    }
    let path = profile_path(kind, handle);
    Ok((path.trim_start_matches("www.").to_owned(), format!("https://{path}")))
}

/// Returns the host and path of a network profile.
fn profile_path(kind: ContactKind, handle: &str) -> String {
    match kind {
        ContactKind::GitHub => format!("github.com/{handle}"),
        ContactKind::GitLab => format!("gitlab.com/{handle}"),
        ContactKind::LinkedIn => format!("www.linkedin.com/in/{handle}"),
        ContactKind::Twitter => format!("x.com/{handle}"),
        _ => format!("stackoverflow.com/users/{handle}"),
    }
}

/// Whether a handle has only letters, digits, `-`, `_` and `.`.
fn is_handle(handle: &str) -> bool {
    !handle.is_empty() && handle.chars().all(|c| c.is_alphanumeric() || "-_.".contains(c))
}

/// Whether a Stack Overflow handle is a numeric id, optionally followed by `/name`.
fn stackoverflow_id(handle: &str) -> bool {
    let (id, name) = handle.split_once('/').unwrap_or((handle, "x"));
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) && is_handle(name)
}

/// A Mastodon account: `@user@instance`, `user@instance`, or a full https URL.
fn mastodon(value: &str) -> Result<(String, String), (String, String)> {
    if value.to_ascii_lowercase().starts_with("https://") {
        return website(value);
    }
    let account = value.strip_prefix('@').unwrap_or(value);
    match account.split_once('@') {
        Some((user, host)) if is_handle(user) && host.contains('.') && is_handle(host) => {
            Ok((format!("@{user}@{host}"), format!("https://{host}/@{user}")))
        }
        _ => Err((
            format!("`{value}` is not a Mastodon account"),
            "write it as `@user@instance.social` or the full https URL".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(kind: ContactKind, value: &str) -> (String, String) {
        address(kind, value).unwrap()
    }

    #[test]
    fn addresses_print_and_link() {
        let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        assert_eq!(
            ok(ContactKind::Email, "jane@example.com"),
            pair("jane@example.com", "mailto:jane@example.com")
        );
        assert_eq!(ok(ContactKind::Phone, "+1 516 218 1593"), pair("+1 516 218 1593", "tel:+15162181593"));
        assert_eq!(ok(ContactKind::Phone, "(516) 218-1593"), pair("(516) 218-1593", "tel:5162181593"));
        assert_eq!(
            ok(ContactKind::Website, "https://www.akshatm.com/"),
            pair("www.akshatm.com", "https://www.akshatm.com/")
        );
        assert_eq!(ok(ContactKind::Website, "http://akshatm.com"), pair("akshatm.com", "http://akshatm.com"));
        assert_eq!(
            ok(ContactKind::LinkedIn, "https://www.linkedin.com/in/jane-doe/"),
            pair("www.linkedin.com/in/jane-doe", "https://www.linkedin.com/in/jane-doe/")
        );
        assert_eq!(ok(ContactKind::GitHub, "tevren"), pair("github.com/tevren", "https://github.com/tevren"));
        assert_eq!(
            ok(ContactKind::GitLab, "jane.doe"),
            pair("gitlab.com/jane.doe", "https://gitlab.com/jane.doe")
        );
        assert_eq!(
            ok(ContactKind::LinkedIn, "jane-doe"),
            pair("linkedin.com/in/jane-doe", "https://www.linkedin.com/in/jane-doe")
        );
        assert_eq!(ok(ContactKind::Twitter, "@tevren"), pair("x.com/tevren", "https://x.com/tevren"));
        assert_eq!(
            ok(ContactKind::Mastodon, "@jane@hachyderm.io"),
            pair("@jane@hachyderm.io", "https://hachyderm.io/@jane")
        );
        assert_eq!(
            ok(ContactKind::StackOverflow, "12345/jane"),
            pair("stackoverflow.com/users/12345/jane", "https://stackoverflow.com/users/12345/jane")
        );
        assert_eq!(
            ok(ContactKind::GitHub, "https://github.com/tevren"),
            pair("github.com/tevren", "https://github.com/tevren")
        );
    }

    #[test]
    fn bad_addresses_are_rejected() {
        for value in [
            "jane",
            "jane@",
            "@example.com",
            "jane@example",
            "jane@@example.com",
            "ja ne@example.com",
            "a@.com",
        ] {
            assert!(address(ContactKind::Email, value).is_err(), "{value}");
        }
        for value in ["1234", "+1 516 CALL NOW", "555-1234 ext. 5"] {
            assert!(address(ContactKind::Phone, value).is_err(), "{value}");
        }
        for value in
            ["example.com", "ftp://example.com", "https://", "https://exa mple.com", "javascript:alert(1)"]
        {
            assert!(address(ContactKind::Website, value).is_err(), "{value}");
        }
        for value in ["", "te vren", "http://github.com/tevren", "a/b"] {
            assert!(address(ContactKind::GitHub, value).is_err(), "{value:?}");
        }
        assert!(address(ContactKind::Mastodon, "jane").is_err());
        assert!(address(ContactKind::StackOverflow, "jane").is_err());
    }
}
