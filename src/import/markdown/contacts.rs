//! Contacts in a Markdown résumé's header: links, e-mail addresses, phone numbers and web
//! addresses, bare or labelled (`Email: …`, `**GitHub:** …`, `Location: …`), each checked
//! against vitae's own rules before it becomes a contact.

use crate::import::common::{contact, contact_ok};
use crate::import::markup::{escape_plain, normalize_url};
use crate::import::yaml_out::Out;
use crate::strings::slice;

/// What a part of a header line gives.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Found {
    /// A contact.
    Contact(Out),
    /// A place (`Location: Berlin`), for the profile's `location`.
    Location(String),
}

/// What a label before a contact (`Email:`) says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    /// E-mail, phone or web address: whatever the value reads as.
    Any,
    /// A network whose profiles may be given as a bare handle.
    Network(&'static str),
    /// A place.
    Location,
}

/// Reads a header line as contacts: every part (split at `|`, `·`, `•` or wide spaces) must be
/// a link, an e-mail address, a phone number or a web address, perhaps after a label.
pub(crate) fn contacts_of(line: &str) -> Option<Vec<Found>> {
    let parts: Vec<&str> = line
        .split(['|', '·', '•'])
        .flat_map(|p| p.split("   "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        return None;
    }
    parts.into_iter().map(labelled).collect()
}

/// Reads one part, with or without a label.
fn labelled(part: &str) -> Option<Found> {
    let Some((label, value)) = split_label(part) else { return contact_of(part).map(Found::Contact) };
    match label {
        Label::Location => Some(Found::Location(value.to_owned())),
        Label::Network(key) => {
            let handle = value.trim_start_matches('@');
            let bare = !handle.contains(['/', '.', ' ', '[', ':']) && !handle.is_empty();
            if bare && contact_ok(key, handle) {
                return Some(Found::Contact(contact(key, handle, None)));
            }
            contact_of(value).map(Found::Contact)
        }
        Label::Any => contact_of(value).map(Found::Contact),
    }
}

/// Splits a label (`Email:`, `**Email:**`, `**Email**:`, `*Phone*:`) off a part.
fn split_label(part: &str) -> Option<(Label, &str)> {
    let (name, value) = part.split_once(':')?;
    let value = value.trim_start_matches(['*', '_']).trim();
    let name = name.trim().trim_matches(['*', '_']).trim();
    // A URL's scheme (`https:`) or a `mailto:` link is not a label.
    if value.starts_with("//") || name.contains(['[', '(', '/']) || value.is_empty() {
        return None;
    }
    let label = match name.to_lowercase().as_str() {
        "email" | "e-mail" | "mail" | "phone" | "tel" | "telephone" | "mobile" | "cell" | "ph"
        | "website" | "web" | "site" | "homepage" | "home page" | "portfolio" | "blog" | "url" | "www" => {
            Label::Any
        }
        "linkedin" => Label::Network("linkedin"),
        "github" => Label::Network("github"),
        "gitlab" => Label::Network("gitlab"),
        "twitter" | "x" => Label::Network("twitter"),
        "location" | "address" | "based in" | "city" => Label::Location,
        _ => return None,
    };
    Some((label, value))
}

/// Reads one contact.
fn contact_of(part: &str) -> Option<Out> {
    if let Some((label, target)) = whole_link(part) {
        return linked_contact(label, target);
    }
    let plain = part.trim_end_matches([',', ';']);
    if contact_ok("email", plain) {
        return Some(contact("email", plain, None));
    }
    let digits = plain.chars().filter(char::is_ascii_digit).count();
    if digits >= 7 && contact_ok("phone", plain) {
        return Some(contact("phone", plain, None));
    }
    let url = normalize_url(plain).filter(|u| u.starts_with("http") && !plain.contains(' '))?;
    let label = (!plain.to_lowercase().starts_with("http")).then(|| escape_plain(plain));
    Some(profile_contact(&url, label))
}

/// Reads a contact written as a Markdown link.
fn linked_contact(label: &str, target: &str) -> Option<Out> {
    let lower = target.to_ascii_lowercase();
    let label_text = label.trim();
    if let Some(address) = lower.strip_prefix("mailto:").map(|_| slice(target, 7..)) {
        let shown = (label_text != address).then(|| label_text.to_owned());
        return contact_ok("email", address).then(|| contact("email", address, shown));
    }
    if lower.starts_with("tel:") {
        let number = if contact_ok("phone", label_text) {
            label_text.to_owned()
        } else {
            slice(target, 4..).to_owned()
        };
        return contact_ok("phone", &number).then(|| contact("phone", &number, None));
    }
    let url = normalize_url(target).filter(|u| u.starts_with("http"))?;
    Some(profile_contact(&url, Some(label_text.to_owned())))
}

/// A contact for a web address: a GitHub, GitLab, LinkedIn, X or Stack Overflow handle when the
/// address is a profile there, else a `url` contact.
fn profile_contact(url: &str, label: Option<String>) -> Out {
    let rest = url.split_once("://").map_or(url, |(_, r)| r).trim_end_matches('/');
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let handle = match host {
        "github.com" => Some(("github", path)),
        "gitlab.com" => Some(("gitlab", path)),
        "linkedin.com" => path.strip_prefix("in/").map(|h| ("linkedin", h)),
        "twitter.com" | "x.com" => Some(("twitter", path)),
        "stackoverflow.com" => path.strip_prefix("users/").map(|h| ("stackoverflow", h)),
        _ => None,
    };
    match handle.filter(|(key, h)| !h.is_empty() && contact_ok(key, h)) {
        Some((key, h)) => contact(key, h, label),
        None => contact("url", url, label),
    }
}

/// Reads text that is exactly one Markdown link: its label and target.
fn whole_link(text: &str) -> Option<(&str, &str)> {
    let inner = text.trim().strip_prefix('[')?.strip_suffix(')')?;
    let (label, target) = inner.split_once("](")?;
    (!label.contains(']') && !target.contains(' ')).then_some((label, target))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_from_header_lines() {
        assert!(contacts_of("[github/tevren](http://github.com/tevren)").is_some());
        assert!(contacts_of("[anurag@mohanty.io](mailto:anurag@mohanty.io)").is_some());
        assert!(contacts_of("[(516) 218-1593](tel:+15162181593)").is_some());
        assert!(contacts_of("akshatm.bkk@gmail.com").is_some());
        assert!(contacts_of("www.akshatm.com").is_some());
        assert!(contacts_of("jane@example.com | +1 555 123 4567 | https://jane.dev").is_some());
        assert!(contacts_of("(distributed systems person)").is_none());
        assert!(contacts_of("Site Reliability Engineer").is_none());
    }

    #[test]
    fn labelled_contacts() {
        let one = |line: &str| contacts_of(line).and_then(|f| f.into_iter().next());
        assert_eq!(
            one("**Email:** jane@example.com"),
            Some(Found::Contact(contact("email", "jane@example.com", None)))
        );
        assert_eq!(
            one("Phone: +1 555 010 9999"),
            Some(Found::Contact(contact("phone", "+1 555 010 9999", None)))
        );
        assert_eq!(one("GitHub: janeroe"), Some(Found::Contact(contact("github", "janeroe", None))));
        assert_eq!(
            one("LinkedIn: linkedin.com/in/janeroe"),
            Some(Found::Contact(contact("linkedin", "janeroe", Some("linkedin.com/in/janeroe".into()))))
        );
        assert_eq!(one("**Location**: Berlin, Germany"), Some(Found::Location("Berlin, Germany".into())));
        assert!(
            contacts_of("Email: jane@example.com | GitHub: janeroe | Website: jane.example.org").is_some()
        );
        assert_eq!(one("Summary: ten years of Rust"), None);
        assert_eq!(one("LinkedIn: Jane Roe"), None);
        assert_eq!(
            one("https://jane.example.org"),
            Some(Found::Contact(contact("url", "https://jane.example.org", None)))
        );
    }
}
