//! The validated profile: what the file says, with inline markup parsed, links checked and
//! dates understood. This is the type that leaves the `profile` stage.

/// A whole résumé as its author wrote it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profile {
    /// The person's name; one seed has none.
    pub name: Option<Rich>,
    /// A one-line description such as "Site Reliability Engineer".
    pub headline: Option<Rich>,
    /// Where the person lives or works.
    pub location: Option<Rich>,
    /// E-mail, phone, web links and network handles, in the file's order.
    pub contacts: Vec<Contact>,
    /// The summary paragraphs under the header.
    pub summary: Vec<Rich>,
    /// The BCP 47 tag of the language the profile was read in (the one chosen from its
    /// `languages:`, else its `lang:`, else inferred from its text): it selects the locale's
    /// words and dates, the hyphenation patterns and the PDF's language.
    pub lang: String,
    /// The languages the profile offers (`languages:`, as written, the default among them); a
    /// profile that names one or none offers just [`Profile::lang`].
    pub languages: Vec<String>,
    /// Words with their allowed break points, overriding the patterns (brand names and such).
    pub hyphenation: Vec<HyphenationException>,
    /// Keywords for the PDF metadata; when the file gives none, skills sections supply them.
    pub keywords: Vec<String>,
    /// The sections, in order.
    pub sections: Vec<Section>,
    /// The layout the profile asks for: a bundled name, or a path (relative paths are resolved
    /// from the profile's folder when it is loaded from a file); the command line wins.
    pub layout: Option<String>,
    /// Where the file names its `layout:`, so that a layout that cannot be found is reported at
    /// that line; none for a profile that names none or was converted from another format.
    pub layout_at: WrittenAt,
    /// The most pages the résumé should take.
    pub pages: Option<usize>,
    /// When the résumé was last updated (for a footer's `{updated}`).
    pub updated: Option<Date>,
    /// A photo, read and checked when the profile is loaded.
    pub photo: Option<Photo>,
    /// Overrides of the layout's design options.
    pub design: Option<Design>,
    /// The PDF standards the résumé claims (`standard: a-2b,ua-1`); `--standard` wins, and
    /// without either PDF/UA-1 is claimed (`docs/standards.md`).
    pub standard: Option<crate::pdf::Standards>,
    /// Whether the PDF carries this profile's source (`embed_source:`); `--no-embed-source`
    /// wins, and without either it does.
    pub embed_source: Option<bool>,
    /// The vitae YAML the profile was read from (for a foreign format, its conversion), which
    /// the PDF carries so that `vitae import cv.pdf` gives it back.
    pub source: Option<String>,
    /// A cover letter set in the résumé's style (`letter:`, or a letter file that names this
    /// profile); `docs/tailoring.md`.
    pub letter: Option<Letter>,
    /// What reading the file noticed without failing: the text of a foreign format that the
    /// profile does not carry, or carries changed; a text missing in the chosen language, read
    /// in the default one. Every render repeats these as warnings, so that nothing of the file
    /// is lost silently.
    pub notes: Vec<crate::diag::Warning>,
    /// The named selections of `variants:`, in the order written (`docs/tailoring.md`).
    pub variants: Vec<super::Variant>,
}

/// A cover letter: what the profile's `letter:` (or a letter file) says. The sender is the
/// profile's own name, contacts and location.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Letter {
    /// Who the letter goes to.
    pub recipient: Recipient,
    /// The date printed above the subject: a date (`2024-05-17`) or text as written; `None`
    /// prints the day of `SOURCE_DATE_EPOCH` when it is set, else no date (never the clock).
    pub date: Option<Dates>,
    /// The subject line, set in bold.
    pub subject: Option<Rich>,
    /// The greeting ("Dear Ms Rivera,").
    pub salutation: Option<Rich>,
    /// The body's paragraphs (blank lines separate them in the file); never empty.
    pub body: Vec<Rich>,
    /// The closing ("Kind regards,"), set above the signature and the name.
    pub closing: Option<Rich>,
    /// A signature image, read and checked as a photo is.
    pub signature: Option<Signature>,
    /// Whether the letter came from a letter file of its own (`profile: cv.yaml`), which
    /// renders only the letter.
    pub own_file: bool,
    /// Where the letter is written (its `letter:` key, or the letter file), for warnings.
    pub written_at: WrittenAt,
}

/// The addressee of a [`Letter`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Recipient {
    /// The person.
    pub name: Option<Rich>,
    /// The organisation.
    pub organization: Option<Rich>,
    /// The address, one entry per line as written.
    pub address: Vec<Rich>,
}

/// A signature image with its size in pixels (its aspect ratio sets its box).
#[derive(Debug, Clone, PartialEq)]
pub struct Signature {
    /// The image, read as a photo is.
    pub image: Photo,
    /// Its width in pixels.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
}

/// A photo: the image bytes, read once when the profile is loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct Photo {
    /// The path as written in the profile.
    pub path: String,
    /// The file's bytes.
    pub data: std::sync::Arc<Vec<u8>>,
    /// Whether it is a JPEG (else a PNG).
    pub jpeg: bool,
}

/// The `design:` block: layout options in the layout file's own form, applied over the layout.
/// Two blocks are equal when their options are: where they were written is only for errors.
#[derive(Debug, Clone)]
pub struct Design {
    /// The options as written.
    pub value: serde_json::Value,
    /// The profile's file name, for errors.
    pub file: String,
    /// The line of the `design:` block's first option.
    pub line: usize,
    /// The profile's lines from the block on, for pointing at a bad option.
    pub lines: Vec<String>,
}

impl PartialEq for Design {
    fn eq(&self, other: &Design) -> bool {
        self.value == other.value
    }
}

/// Where the profile wrote something, kept for messages only: any two compare equal, so that
/// profiles compare by what they say (as [`Design`] does).
#[derive(Debug, Clone, Default)]
pub struct WrittenAt(pub Option<crate::diag::Location>);

impl PartialEq for WrittenAt {
    fn eq(&self, _: &WrittenAt) -> bool {
        true
    }
}

/// A word and where it may be hyphenated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HyphenationException {
    /// The word without hyphens, as it appears in text (matched case-insensitively).
    pub word: String,
    /// Character offsets (in `char`s from the word's start) where a break is allowed.
    pub breaks: Vec<usize>,
}

/// A way to reach the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// What kind of contact this is (decides an icon or a prefix in some layouts).
    pub kind: ContactKind,
    /// What is printed, e.g. `github.com/tevren` or `jane@example.com`.
    pub text: String,
    /// The link target: `mailto:`, `tel:` or `http(s):`.
    pub url: String,
}

/// The kinds of contact a profile can list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactKind {
    /// An e-mail address.
    Email,
    /// A telephone number.
    Phone,
    /// A web page.
    Website,
    /// A GitHub account.
    GitHub,
    /// A GitLab account.
    GitLab,
    /// A LinkedIn profile.
    LinkedIn,
    /// An X (Twitter) account.
    Twitter,
    /// A Mastodon account.
    Mastodon,
    /// A Stack Overflow profile.
    StackOverflow,
}

/// A titled section of entries.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The title as written (may contain emoji).
    pub title: Rich,
    /// A line or two set under the title, before the entries: a note on the section, or the
    /// column heads of a table the entries came from ("Position · Company · Tenure").
    pub intro: Option<Rich>,
    /// The entries, in order.
    pub entries: Vec<Entry>,
    /// The section's `id:`, by which a variant's `sections:` may name it besides its title.
    pub id: Option<String>,
    /// The section's `tags:`: with `--only`, a tagged section is kept only when it has one of
    /// the tags asked for; an untagged one always is.
    pub tags: Vec<String>,
}

/// One entry of a section. The kind is stated with `kind:` or inferred from the keys.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// A heading block plus body: a job, a degree, a project, a talk, a publication.
    Item(Item),
    /// One organisation with several successive roles.
    Group(Group),
    /// A "label: details" row, e.g. "Languages: Rust, Go".
    Row(Row),
    /// A bullet (possibly with nested bullets). Consecutive bullets form one list.
    Bullet(ListItem),
    /// A free paragraph.
    Paragraph(Rich),
}

/// What an [`Item`] describes; layouts may style them differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// A job or similar role: `position` at `organization`.
    Experience,
    /// A degree or course: `degree` (and `area`) at `institution`.
    Education,
    /// A project, usually with a link.
    Project,
    /// A talk given somewhere.
    Talk,
    /// A publication.
    Publication,
    /// An award or honour.
    Award,
}

/// A heading block plus body.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// What the item describes.
    pub kind: ItemKind,
    /// The main line: position, degree, project or talk name.
    pub title: Option<Rich>,
    /// The second line: organisation, institution, venue or publisher.
    pub subtitle: Option<Rich>,
    /// A one-line description of the organisation or project.
    pub about: Option<Rich>,
    /// Where.
    pub location: Option<Rich>,
    /// When.
    pub dates: Option<Dates>,
    /// A link for the title (projects, talks, publications).
    pub url: Option<String>,
    /// Free paragraphs before the highlights.
    pub summary: Vec<Rich>,
    /// Bullet or numbered points.
    pub highlights: List,
    /// Free paragraphs after the highlights (e.g. "Technical environment: …").
    pub footer: Vec<Rich>,
    /// Its tags, priority and private notes (`docs/tailoring.md`).
    pub tailoring: Tailoring,
}

/// One organisation with several successive roles.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The organisation's name.
    pub organization: Rich,
    /// A one-line description of the organisation.
    pub about: Option<Rich>,
    /// Where.
    pub location: Option<Rich>,
    /// The whole span at the organisation.
    pub dates: Option<Dates>,
    /// Paragraphs about the organisation as a whole.
    pub summary: Vec<Rich>,
    /// The roles, most recent first as written; each is an [`ItemKind::Experience`] item whose
    /// `subtitle` is usually empty.
    pub roles: Vec<Item>,
    /// Paragraphs after the roles.
    pub footer: Vec<Rich>,
    /// Its tags, priority and private notes (`docs/tailoring.md`).
    pub tailoring: Tailoring,
}

/// A "label: details" row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The label, set in bold by most layouts.
    pub label: Rich,
    /// The details.
    pub details: Rich,
    /// Its tags, priority and private notes (`docs/tailoring.md`).
    pub tailoring: Tailoring,
}

/// A list of points, bulleted or numbered.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct List {
    /// Whether the points are numbered 1., 2., … instead of bulleted.
    pub numbered: bool,
    /// The points.
    pub items: Vec<ListItem>,
}

/// One point of a list, with an optional nested list one level down.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListItem {
    /// The point's text.
    pub text: Rich,
    /// Sub-points.
    pub children: List,
    /// Its tags, priority and private notes (`docs/tailoring.md`).
    pub tailoring: Tailoring,
}

/// When something happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dates {
    /// From a start to an end; `end: None` means "present".
    Range {
        /// The start.
        start: Date,
        /// The end, or `None` for an ongoing role.
        end: Option<Date>,
    },
    /// One date.
    Single(Date),
    /// Free text such as "Summer 2019", printed as written.
    Text(String),
}

/// A calendar date with optional month and day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// The year, e.g. 2021.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: Option<u8>,
    /// The day of the month, valid for the month and year.
    pub day: Option<u8>,
}

/// Text with inline markup parsed: a sequence of styled spans.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rich {
    /// The spans, in order; adjacent spans differ in style or link.
    pub spans: Vec<Span>,
}

impl Rich {
    /// Creates rich text of one plain span.
    pub fn plain(text: impl Into<String>) -> Rich {
        Rich { spans: vec![Span { text: text.into(), style: SpanStyle::default(), link: None }] }
    }

    /// Returns the text without markup.
    pub fn to_plain(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }

    /// Whether there is no visible text.
    pub fn is_empty(&self) -> bool {
        self.spans.iter().all(|s| s.text.trim().is_empty())
    }
}

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// The text, with markup removed.
    pub text: String,
    /// Bold, italic, code.
    pub style: SpanStyle,
    /// The link target when the span is a link (`http`, `https`, `mailto` or `tel`).
    pub link: Option<String>,
}

/// Inline styles a span can carry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct SpanStyle {
    /// Whether the span is bold (`**…**`).
    pub bold: bool,
    /// Whether the span is italic (`*…*` or `_…_`).
    pub italic: bool,
    /// Whether the span is code (`` `…` ``).
    pub code: bool,
}

/// What tailors one entry or point to an application (`docs/tailoring.md`): the tags that
/// select it, the priority that decides whether it may be dropped to fit a page limit, and
/// the private notes an interview copy prints.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tailoring {
    /// The `tags:`; none means the item is in every selection.
    pub tags: Vec<String>,
    /// The `priority:` (higher is more important); none means must-keep: never dropped to fit.
    pub priority: Option<i64>,
    /// The `notes:` paragraphs, printed only in an interview copy (`--interview-copy`).
    pub notes: Vec<Rich>,
}
