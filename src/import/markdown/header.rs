//! The header of a Markdown résumé: YAML front matter (name, headline, place, contacts; other
//! keys noted), the name (the first heading that reads as one), the headline, and lines and
//! lists of contacts, bare or labelled (`Email: …`), also under a "Contact" heading.

use super::Converter;
use super::blocks::{Block, Item};
use super::contacts::{Found, contacts_of};
use super::entry::SHORT_LINE;
use super::spans::{self, BREAK};
use crate::import::tree::Node;

impl Converter<'_, '_> {
    /// Reads the header: name, headline, contacts and summary paragraphs; returns the blocks
    /// after it.
    pub(super) fn header<'b>(&mut self, blocks: &'b [Block]) -> &'b [Block] {
        let mut i = 0;
        // The level of the name's heading (0 for a name from the front matter): a headline
        // written as a heading is deeper.
        let mut named = self.name.as_ref().map(|_| 0);
        // Whether only rules came before: the name is the first heading.
        let mut first = true;
        while let Some(block) = blocks.get(i) {
            match block {
                Block::Rule => {}
                Block::Heading { level, text, line } if first && self.name_heading(*level, text, *line) => {
                    named = Some(*level);
                }
                Block::Heading { text, line, level }
                    if self.headline.is_none() && named.is_some_and(|n| *level > n) =>
                {
                    let plain = plain_words(text);
                    if SECTION_WORDS.contains(&plain.as_str())
                        || !only_contacts_follow(blocks.get(i + 1..).unwrap_or_default())
                    {
                        break;
                    }
                    self.headline = Some(self.inline(text, *line));
                }
                Block::Para { lines, line, .. } if self.header_para(lines, *line) => {}
                Block::List { items, .. } if self.contact_list(items) => {}
                _ => break,
            }
            first &= *block == Block::Rule;
            i += 1;
        }
        blocks.get(i..).unwrap_or_default()
    }

    /// Reads the first heading as the name when it is one: a `#` heading always (as before
    /// anything else), a deeper one when it reads as a person's name, so that `## Jane Roe` at
    /// the top is the name and `### Hi there 👋` is not. With a name in the front matter, only a
    /// heading repeating it is taken (and read as nothing more).
    fn name_heading(&mut self, level: usize, text: &str, line: usize) -> bool {
        if level == 0 {
            return false;
        }
        let name = self.inline(text, line);
        if let Some(known) = &self.name {
            return plain_words(known) == plain_words(&name);
        }
        if level > 1 && !looks_like_name(&name) {
            return false;
        }
        self.name = Some(name);
        true
    }

    /// Reads a header paragraph: contact lines, a short line as the headline; returns false
    /// (reading nothing) when the paragraph is prose that belongs to the body.
    fn header_para(&mut self, lines: &[String], line: usize) -> bool {
        let text = self.inline_breaks(&lines.join(&BREAK.to_string()), line);
        // Each part is read once: reading a contact checks it with vitae's own loader.
        let parts: Vec<(&str, Option<Vec<Found>>)> =
            text.split(BREAK).map(str::trim).filter(|p| !p.is_empty()).map(|p| (p, contacts_of(p))).collect();
        let mut others = parts.iter().filter(|(_, found)| found.is_none());
        let prose = others.clone().any(|(p, _)| p.chars().count() > SHORT_LINE);
        if prose || others.nth(1).is_some() {
            return false;
        }
        for (part, found) in parts {
            match found {
                Some(found) => self.found(found),
                None if self.headline.is_none() => self.headline = Some(part.to_owned()),
                None => self.summary.push(part.to_owned()),
            }
        }
        true
    }

    /// Reads a list whose every point is contacts (`- Email: …`); returns false (reading
    /// nothing) otherwise.
    fn contact_list(&mut self, items: &[Item]) -> bool {
        let mut found = Vec::new();
        for item in items {
            let text = self.inline(&item.text, item.line);
            match contacts_of(&text) {
                Some(f) if item.children.is_empty() => found.extend(f),
                _ => return false,
            }
        }
        self.found(found);
        true
    }

    /// Reads blocks of contacts (see [`is_contact_block`]).
    pub(super) fn contact_blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            match block {
                Block::Para { lines, line, .. } => {
                    self.header_para(lines, *line);
                }
                Block::List { items, .. } => {
                    self.contact_list(items);
                }
                _ => {}
            }
        }
    }

    /// Keeps contacts and places read from the header; a second place joins the summary.
    fn found(&mut self, found: Vec<Found>) {
        for f in found {
            match f {
                Found::Contact(c) => self.contacts.push(c),
                Found::Location(place) if self.location.is_none() => self.location = Some(place),
                Found::Location(place) => self.summary.push(place),
            }
        }
    }

    /// Reads YAML front matter: the name, headline, place and contacts; other keys are noted.
    pub(super) fn front_matter(&mut self, front: &Node) {
        for (key, value) in front.entries() {
            let name = key.name.to_lowercase();
            let text = value.text();
            match (name.as_str(), text) {
                ("name" | "author", Some(t)) => self.name = Some(self.inline(&t, value.line)),
                ("title" | "headline" | "subtitle" | "tagline", Some(t)) => {
                    self.headline = Some(self.inline(&t, value.line));
                }
                ("location" | "address" | "city", Some(t)) => {
                    self.location = Some(self.inline(&t, value.line))
                }
                ("links" | "social" | "profiles" | "contacts", _) => self.front_links(value),
                (_, Some(t)) if is_contact_key(&name) => {
                    let line = format!("{}: {t}", if name == "url" { "website" } else { &name });
                    self.front_contact(&line, value, &key.name);
                }
                _ => self.ctx.drop_at(
                    key.line,
                    key.column,
                    format!(
                        "the front-matter key `{}` has no place in a profile; left out: {}",
                        key.name,
                        value.gist(300)
                    ),
                ),
            }
        }
    }

    /// Reads the front matter's `links`: addresses, `label: address` maps, or `{name, url}`.
    fn front_links(&mut self, links: &Node) {
        for item in links.items() {
            if let Some(t) = item.text() {
                self.front_contact(&t, item, "links");
                continue;
            }
            if let (Some(url), label) = (item.text_of("url"), item.text_of("name").or(item.text_of("label")))
            {
                let line = label.map_or(url.clone(), |l| format!("[{l}]({url})"));
                self.front_contact(&line, item, "links");
                continue;
            }
            for (key, value) in item.entries() {
                // A map per contact, as templates write them: `Email: {text: …, link: …, icon: …}`.
                if let Some(t) = value.text_of("text") {
                    self.front_labelled(&key.name, &t, value);
                    continue;
                }
                let Some(t) = value.text() else {
                    self.ctx.drop_at(
                        key.line,
                        key.column,
                        format!("the link `{}` is not text; left out: {}", key.name, value.gist(300)),
                    );
                    continue;
                };
                // A network's key reads the value as a handle; any other key is the link's label.
                let network = ["github", "gitlab", "linkedin", "twitter", "x"]
                    .contains(&key.name.to_lowercase().as_str());
                let line =
                    if network { format!("{}: {t}", key.name) } else { format!("[{}]({t})", key.name) };
                self.front_contact(&line, value, &key.name);
            }
        }
    }

    /// Reads one contact written as a map (`{text, link, icon}`) under its label: an address
    /// becomes the location, a link a contact with the text as its label, anything else the
    /// labelled text; the icon is a template's drawing, noted.
    fn front_labelled(&mut self, label: &str, text: &str, value: &Node) {
        let lower = label.to_lowercase();
        if ["address", "location", "city", "home"].contains(&lower.as_str()) && self.location.is_none() {
            self.location = Some(self.inline(text, value.line));
        } else {
            let line = match value.text_of("link").or_else(|| value.text_of("url")) {
                Some(link) if link.starts_with("mailto:") || link.starts_with("tel:") => {
                    format!("{label}: {text}")
                }
                Some(link) => format!("[{text}]({link})"),
                None => format!("{label}: {text}"),
            };
            self.front_contact(&line, value, label);
        }
        if let Some((key, _)) = value.entries().iter().find(|(k, _)| k.name == "icon") {
            self.ctx.drop_at(
                key.line,
                key.column,
                format!("the icon of `{label}` is a template's drawing; left out"),
            );
        }
    }

    /// Adds a contact from the front matter, or notes why it cannot be one.
    fn front_contact(&mut self, line: &str, node: &Node, key: &str) {
        match contacts_of(line) {
            Some(found) => self.found(found),
            None => self.ctx.drop_at(
                node.line,
                node.column,
                format!("the front-matter `{key}` value `{line}` is not a contact vitae accepts; left out"),
            ),
        }
    }
}

/// Whether only contact-like paragraphs, lists and rules follow, up to the next heading.
fn only_contacts_follow(blocks: &[Block]) -> bool {
    blocks.iter().take_while(|b| !matches!(b, Block::Heading { .. })).all(is_contact_block)
}

/// Whether a block holds nothing but contacts (or is a rule).
pub(super) fn is_contact_block(block: &Block) -> bool {
    let contacts = |l: &str| {
        let mut problems = Vec::new();
        let text = spans::convert(l, &mut problems);
        text.split(BREAK).map(str::trim).filter(|p| !p.is_empty()).all(|p| contacts_of(p).is_some())
    };
    match block {
        Block::Rule => true,
        Block::Para { lines, .. } => lines.iter().all(|l| contacts(l)),
        Block::List { items, .. } => items.iter().all(|i| i.children.is_empty() && contacts(&i.text)),
        _ => false,
    }
}

/// The most words read as a person's name in a heading below `#`: "Maria de la Cruz Ortega
/// Núñez" has six.
const NAME_WORDS: usize = 6;

/// Section titles that are never a name, in lower case.
const SECTION_WORDS: &[&str] = &[
    "about",
    "about me",
    "summary",
    "profile",
    "experience",
    "work experience",
    "education",
    "skills",
    "projects",
    "contact",
    "contacts",
    "publications",
    "awards",
    "certifications",
    "languages",
    "interests",
    "objective",
    "resume",
    "résumé",
    "curriculum vitae",
    "cv",
    "employment",
    "hobbies",
];

/// Words of section titles that are no part of a person's name, in lower case.
const TITLE_WORDS: &[&str] = &[
    "about",
    "summary",
    "profile",
    "experience",
    "work",
    "history",
    "education",
    "skills",
    "skill",
    "technical",
    "projects",
    "project",
    "contact",
    "contacts",
    "publications",
    "awards",
    "certifications",
    "languages",
    "interests",
    "objective",
    "resume",
    "résumé",
    "curriculum",
    "vitae",
    "cv",
    "employment",
    "career",
    "hobbies",
    "references",
    "volunteering",
    "activities",
    "achievements",
    "honors",
    "honours",
    "courses",
    "training",
    "qualifications",
    "overview",
    "leadership",
    "research",
    "teaching",
    "patents",
    "talks",
    "me",
    "my",
    "hi",
    "hello",
    "welcome",
];

/// Whether a heading reads as a person's name: one to six capitalised words of letters (with
/// `.`, `-`, `'` and lower-case particles such as "de" or "van"), none of them a word of
/// section titles ("Work History", "About Me").
fn looks_like_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let capitalised = words.iter().filter(|w| w.starts_with(char::is_uppercase)).count();
    (1..=NAME_WORDS).contains(&words.len())
        && capitalised * 2 > words.len()
        && words.iter().all(|w| w.chars().all(|c| c.is_alphabetic() || ".-'’,".contains(c)))
        && !words.iter().any(|w| TITLE_WORDS.contains(&w.to_lowercase().trim_end_matches([',', '.'])))
}

/// A text's words in lower case without markup, for comparing names.
fn plain_words(text: &str) -> String {
    let letters: String = text.chars().filter(|c| c.is_alphanumeric() || c.is_whitespace()).collect();
    letters.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Whether a front-matter key names a contact.
fn is_contact_key(key: &str) -> bool {
    matches!(
        key,
        "email"
            | "e-mail"
            | "mail"
            | "phone"
            | "tel"
            | "mobile"
            | "website"
            | "url"
            | "homepage"
            | "web"
            | "blog"
            | "portfolio"
            | "github"
            | "gitlab"
            | "linkedin"
            | "twitter"
            | "x"
    )
}

/// Whether a section title names the contacts (`## Contact`, `### 📫 Contact me`).
pub(super) fn is_contact_title(title: &str) -> bool {
    let t = plain_words(title);
    [
        "contact",
        "contacts",
        "contact me",
        "contact info",
        "contact information",
        "contact details",
        "get in touch",
    ]
    .contains(&t.as_str())
}
