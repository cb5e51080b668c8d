//! A cover letter as content: Profile + [`Letter`] + Theme → [`Content`], the same kind of
//! document a résumé is, so layout, fitting and the PDF treat it as one. The letterhead is the
//! résumé's header (name as the one top-level heading, headline, contacts; in the sidebar when
//! the layout puts them there), then the recipient block, the date (flush right), the subject
//! (bold), the salutation, the body (justified or ragged as the layout sets body text), the
//! closing, the signature image and the name, all in the layout's body style.

use super::builder::{Builder, doc_info, leading, page_setup, smart_text};
use super::ir::{Align, BlockKind, Content, Metadata, Role};
use crate::font::FontBook;
use crate::geom::{Pt, Size};
use crate::profile::{Date, Dates, Letter, Profile, Rich, Signature};
use crate::theme::Theme;

/// A signature's height in lines of body text: about the height of a handwritten signature
/// over a printed name, and it shrinks with the body when a letter is tightened to fit.
const SIGNATURE_LINES: f64 = 3.0;
/// The gap between two body paragraphs, in lines of body text: half a line sets them apart
/// clearly (the résumé's paragraph gap is made for lines of one entry), without the full blank
/// line of a typewritten letter that a one-page letter cannot always afford; it tightens with
/// the line spacing when a letter is fitted.
const PARAGRAPH_GAP_LINES: f64 = 0.5;
/// The widest a signature may be, as a share of the text column: a scan with wide margins
/// must not run across the page; a narrower box keeps the image's proportions.
const SIGNATURE_MAX_WIDTH: f64 = 0.5;

/// Builds the content of a profile's cover letter in a theme, with every run's face looked up
/// in `fonts`; `date` is the date to print (the letter's, else one the caller resolved).
pub fn build_letter(
    profile: &Profile,
    letter: &Letter,
    theme: &Theme,
    fonts: &FontBook,
    date: Option<&Dates>,
) -> Content {
    let mut b = Builder::new(theme, &profile.lang);
    b.letterhead(profile);
    b.label = "the letter".into();
    b.letter_body(profile, letter, date);
    let mut content = b.finish(profile, page_setup(profile, theme, None), letter_info(profile, letter));
    super::fonts::resolve_fonts(&mut content, fonts);
    content
}

/// Returns the letter's metadata: the résumé's author and language, the title "Cover letter —
/// NAME", the subject line as the subject, and no keywords (a letter is not searched by skill).
fn letter_info(profile: &Profile, letter: &Letter) -> Metadata {
    let resume = doc_info(profile);
    let title = match profile.name.as_ref().map(Rich::to_plain) {
        Some(name) if !name.trim().is_empty() => format!("Cover letter — {}", name.trim()),
        _ => "Cover letter".to_owned(),
    };
    Metadata { title, subject: letter.subject.as_ref().map(Rich::to_plain), keywords: Vec::new(), ..resume }
}

/// Returns a letter's date as printed: a date with its day in the language's words, a date
/// without one as a résumé prints it, text as written (with the layout's punctuation).
pub(super) fn letter_date(date: &Dates, theme: &Theme, lang: &str) -> String {
    match date {
        Dates::Single(d) => crate::locale::format_day(d, &theme.dates, lang),
        Dates::Text(t) => smart_text(t, theme),
        range => super::builder::format_dates(range, theme, lang),
    }
}

impl Builder<'_> {
    /// Adds everything below the letterhead, each part a gap below the one before (the
    /// header's gap, then the section gap between parts, the paragraph gap inside one).
    fn letter_body(&mut self, profile: &Profile, letter: &Letter, date: Option<&Dates>) {
        let part = self.theme.spacing.section_before.pt();
        let line = leading(&self.theme.roles.body) * PARAGRAPH_GAP_LINES;
        let mut gap = self.theme.spacing.after_header.pt();
        let r = &letter.recipient;
        let recipient = r.name.iter().chain(&r.organization).chain(&r.address);
        for (i, text) in recipient.enumerate() {
            self.body_line(text, if i == 0 { gap } else { Pt::ZERO }, Align::Left);
            gap = part;
        }
        if let Some(date) = date {
            let text = Rich::plain(letter_date(date, self.theme, &profile.lang));
            self.body_line(&text, gap, Align::Right);
            gap = part;
        }
        if let Some(subject) = &letter.subject {
            let bold = Rich { spans: subject.spans.iter().map(emboldened).collect() };
            self.body_line(&bold, gap, Align::Left);
            gap = part;
        }
        if let Some(salutation) = &letter.salutation {
            self.body_line(salutation, gap, Align::Left);
            gap = line;
        }
        for paragraph in &letter.body {
            self.body_line(paragraph, gap, self.body_align());
            gap = line;
        }
        self.sign_off(profile, letter, part);
    }

    /// Adds the closing, the signature and the sender's name under it.
    fn sign_off(&mut self, profile: &Profile, letter: &Letter, part: Pt) {
        let mut gap = part;
        if let Some(closing) = &letter.closing {
            self.body_line(closing, gap, Align::Left);
            gap = self.theme.spacing.paragraph.pt();
        }
        if let Some(signature) = &letter.signature {
            self.signature(signature, profile, gap);
            gap = self.theme.spacing.paragraph.pt();
        }
        if let Some(name) = &profile.name {
            self.body_line(name, gap, Align::Left);
        }
    }

    /// Adds one paragraph of the letter in the body style.
    fn body_line(&mut self, text: &Rich, space_before: Pt, align: Align) {
        let para = self.para(text, &self.theme.roles.body, align);
        self.push(BlockKind::Text(para), space_before, Role::Body);
    }

    /// Adds the signature image: [`SIGNATURE_LINES`] body lines tall in the image's own
    /// proportions, narrowed (keeping them) to [`SIGNATURE_MAX_WIDTH`] of the text column.
    fn signature(&mut self, signature: &Signature, profile: &Profile, space_before: Pt) {
        let height = leading(&self.theme.roles.body) * SIGNATURE_LINES;
        let size = signature_box(signature, height, self.measure() * SIGNATURE_MAX_WIDTH);
        let alt = match profile.name.as_ref().map(Rich::to_plain) {
            Some(name) if !name.trim().is_empty() => format!("Signature of {}", name.trim()),
            _ => "Signature".to_owned(),
        };
        let image = signature.image.clone();
        let kind = BlockKind::Image {
            size,
            data: image.data,
            jpeg: image.jpeg,
            round: false,
            align: Align::Left,
            alt,
        };
        self.push(kind, space_before, Role::Body);
    }

    /// Returns the width of the main text column: the paper less its margins and, in a
    /// two-column layout, the sidebar and its gap.
    fn measure(&self) -> Pt {
        let page = &self.theme.page;
        let mut width = page.size().w - page.left.pt() - page.right.pt();
        if self.theme.sidebar.enabled {
            width = width - self.theme.sidebar.width.pt() - self.theme.sidebar.gap.pt();
        }
        width.max(Pt::ZERO)
    }
}

/// Returns a signature's box: `height` tall in the image's proportions, or `max_width` wide
/// (and as tall as the proportions then give) when that is narrower.
fn signature_box(signature: &Signature, height: Pt, max_width: Pt) -> Size {
    let ratio = f64::from(signature.width.max(1)) / f64::from(signature.height.max(1));
    let width = height * ratio;
    if width <= max_width {
        return Size::new(width, height);
    }
    Size::new(max_width, max_width * (1.0 / ratio))
}

/// Returns a span set in bold (the subject line).
fn emboldened(span: &crate::profile::Span) -> crate::profile::Span {
    let mut span = span.clone();
    span.style.bold = true;
    span
}

/// Returns the day a moment in seconds since the Unix epoch falls on (UTC): the date a letter
/// without a `date:` prints when `SOURCE_DATE_EPOCH` is set.
pub fn day_of(seconds: i64) -> Date {
    let days = seconds.div_euclid(crate::calendar::SECONDS_PER_DAY);
    let (year, month, day) = crate::calendar::civil_from_days(days);
    Date { year: i32::try_from(year).unwrap_or(i32::MAX), month: Some(month), day: Some(day) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::ir::Paragraph;

    /// A profile with a complete letter (no signature).
    fn profile() -> Profile {
        let yaml = "name: Jane Doe\nheadline: Engineer\ncontacts:\n  - email: jane@example.com\nsummary: Not in a letter.\nletter:\n  recipient:\n    name: Ms Rivera\n    organization: Acme\n    address: 5 Main St\n  date: 2024-05-17\n  subject: The role\n  salutation: Dear Ms Rivera,\n  body: |\n    One.\n\n    Two.\n  closing: Kind regards,\n";
        crate::profile::parse(yaml, "cv.yaml").unwrap()
    }

    /// Returns each text block's text and alignment, in order.
    fn texts(content: &Content) -> Vec<(String, Align)> {
        let text = |p: &Paragraph| p.runs.iter().map(|r| r.text.as_str()).collect::<String>();
        content
            .blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Text(p) => Some((text(p), p.align)),
                _ => None,
            })
            .collect()
    }

    /// Builds the profile's letter in a bundled layout.
    fn build(p: &Profile, layout: &str, date: Option<&Dates>) -> Content {
        let theme = crate::theme::load(layout).unwrap();
        build_letter(p, p.letter.as_ref().unwrap(), &theme, &FontBook::bundled(), date)
    }

    #[test]
    fn a_letter_reads_letterhead_recipient_date_subject_body_closing_name() {
        let p = profile();
        let date = p.letter.as_ref().unwrap().date.clone();
        let c = build(&p, "classic", date.as_ref());
        let got: Vec<String> = texts(&c).into_iter().map(|(t, _)| t).collect();
        let want = [
            "Jane Doe",
            "Engineer",
            "jane@example.com",
            "Ms Rivera",
            "Acme",
            "5 Main St",
            "17 May 2024",
            "The role",
            "Dear Ms Rivera,",
            "One.",
            "Two.",
            "Kind regards,",
            "Jane Doe",
        ];
        assert_eq!(got, want, "the summary is the résumé's, not the letter's");
        let aligns: Vec<Align> = texts(&c).into_iter().map(|(_, a)| a).collect();
        assert_eq!(aligns[6], Align::Right, "the date is flush right");
        assert_eq!(aligns[9], Align::Justify, "classic justifies body text");
        let subject = c.blocks.iter().find_map(|b| match &b.kind {
            BlockKind::Text(p) if p.runs.iter().any(|r| r.text == "The role") => Some(p.runs[0].style.bold),
            _ => None,
        });
        assert_eq!(subject, Some(true));
        let headings: Vec<u8> = c.blocks.iter().filter_map(|b| b.heading).collect();
        assert_eq!(headings, [1], "the name is the one heading");
        assert_eq!(c.info.title, "Cover letter — Jane Doe");
        assert_eq!(c.info.subject.as_deref(), Some("The role"));
    }

    #[test]
    fn without_a_date_none_is_printed_and_a_ragged_layout_stays_ragged() {
        let p = profile();
        let c = build(&p, "modern", None);
        assert!(!texts(&c).iter().any(|(t, _)| t.contains("2024")));
        let theme = crate::theme::load("modern").unwrap();
        let body = texts(&c).into_iter().find(|(t, _)| t == "One.").unwrap();
        assert_eq!(body.1, if theme.justify { Align::Justify } else { Align::Left });
    }

    #[test]
    fn the_sidebar_layout_puts_the_contacts_in_the_sidebar() {
        let c = build(&profile(), "sidebar", None);
        let side = c.sidebar.expect("a sidebar");
        assert!(side.blocks.iter().any(
            |b| matches!(&b.kind, BlockKind::Text(p) if p.runs.iter().any(|r| r.text == "jane@example.com"))
        ));
    }

    #[test]
    fn a_signature_keeps_its_proportions_within_half_the_column() {
        let image = crate::profile::Photo { path: "s.png".into(), data: Default::default(), jpeg: false };
        let sig = |width, height| Signature { image: image.clone(), width, height };
        assert_eq!(signature_box(&sig(300, 100), Pt(30.0), Pt(200.0)), Size::new(Pt(90.0), Pt(30.0)));
        // Too wide: narrowed to the limit, its height following.
        assert_eq!(signature_box(&sig(1000, 100), Pt(30.0), Pt(200.0)), Size::new(Pt(200.0), Pt(20.0)));
        // A degenerate size never divides by zero.
        assert_eq!(signature_box(&sig(0, 0), Pt(30.0), Pt(200.0)), Size::new(Pt(30.0), Pt(30.0)));
    }

    #[test]
    fn the_day_of_a_moment_is_its_utc_date() {
        // 1 700 000 000 s is 2023-11-14T22:13:20Z.
        assert_eq!(day_of(1_700_000_000), Date { year: 2023, month: Some(11), day: Some(14) });
        assert_eq!(day_of(-1), Date { year: 1969, month: Some(12), day: Some(31) });
    }
}
