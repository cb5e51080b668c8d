//! Tests of the content builder.

use super::builder::{NAME_HEADING, SECTION_HEADING, title_matches};
use super::*;
use crate::geom::Pt;
use crate::profile::Date;
use crate::profile::{self, Entry, Profile, Rich};
use crate::theme::Theme;

/// Builds content with the bundled fonts.
fn build_in(profile: &Profile, theme: &Theme) -> Content {
    build(profile, theme, &crate::font::FontBook::bundled())
}

fn theme() -> Theme {
    crate::theme::load("classic").unwrap()
}

fn ym(year: i32, month: u8) -> Date {
    Date { year, month: Some(month), day: None }
}

#[test]
fn sidebar_words_match_translated_titles() {
    let title = Rich::plain("スキル");
    let words = ["skill".to_owned(), "language".to_owned()];
    assert!(title_matches(&title, &words, "ja"));
    assert!(title_matches(&Rich::plain("語学"), &words, "ja"));
    assert!(!title_matches(&title, &words, "en"));
    assert!(!title_matches(&Rich::plain("職歴"), &words, "ja"));
    assert!(title_matches(&Rich::plain("Technical Skills"), &words, "ja"));
}

#[test]
fn anonymous_profile_titles_after_headline() {
    let p = Profile { headline: Some(Rich::plain("SRE")), lang: "en".into(), ..Default::default() };
    let c = build_in(&p, &theme());
    assert_eq!(c.info.title, "SRE");
    // Anonymous: attributed to the headline when there is no e-mail.
    assert_eq!(c.info.author.as_deref(), Some("SRE"));
    // The footer drops the name placeholder and its separator.
    let footer = c.page.footer.unwrap();
    assert_eq!(footer.runs[0].text, "{page} / {pages}");
}

#[test]
fn footer_placeholders_are_filled() {
    let mut t = theme();
    t.footer = "{name} · updated {updated} · {page}/{pages}".into();
    let p = Profile {
        name: Some(Rich::plain("Jane")),
        updated: Some(ym(2024, 5)),
        lang: "en".into(),
        ..Default::default()
    };
    let c = build_in(&p, &t);
    assert_eq!(c.page.footer.unwrap().runs[0].text, "Jane · updated May 2024 · {page}/{pages}");
}

#[test]
fn section_titles_carry_outline_entries_and_rules() {
    let p = Profile {
        name: Some(Rich::plain("Jane")),
        lang: "en".into(),
        sections: vec![profile::Section {
            title: Rich::plain("💼 Work"),
            intro: None,
            entries: vec![],
            id: None,
            tags: vec![],
        }],
        ..Default::default()
    };
    let c = build_in(&p, &theme());
    let outlines: Vec<_> = c.blocks.iter().filter_map(|b| b.outline.clone()).collect();
    assert_eq!(outlines, vec!["💼 Work".to_string()]);
    // The name is the one level-1 heading, the section title a level-2 heading, and the
    // rule under the title is no heading.
    let headings: Vec<_> = c.blocks.iter().map(|b| b.heading).collect();
    assert_eq!(headings.iter().filter(|h| **h == Some(NAME_HEADING)).count(), 1);
    let title = c.blocks.iter().position(|b| b.outline.is_some()).unwrap();
    assert_eq!(headings[title], Some(SECTION_HEADING));
    assert!(
        c.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Rule { .. })).all(|b| b.heading.is_none())
    );
    assert!(c.blocks.iter().any(|b| matches!(b.kind, BlockKind::Rule { .. })));
    assert_eq!(c.info.title, "Jane — Résumé");
}

/// Returns the index of the first text block containing `needle`.
fn block_with(c: &Content, needle: &str) -> Option<usize> {
    c.blocks
        .iter()
        .position(|b| matches!(&b.kind, BlockKind::Text(t) if t.runs.iter().any(|r| r.text.contains(needle))))
}

#[test]
fn a_section_intro_follows_the_title_and_keeps_with_it() {
    let p = Profile {
        name: Some(Rich::plain("Jane")),
        lang: "en".into(),
        sections: vec![profile::Section {
            title: Rich::plain("Work"),
            intro: Some(Rich::plain("Position · Company")),
            entries: vec![Entry::Paragraph(Rich::plain("Shipped it"))],
            id: None,
            tags: vec![],
        }],
        ..Default::default()
    };
    let c = build_in(&p, &theme());
    let title = c.blocks.iter().position(|b| b.outline.is_some()).unwrap();
    let intro = block_with(&c, "Position").expect("the intro is a block");
    let entry = block_with(&c, "Shipped").unwrap();
    assert!(title < intro && intro < entry, "{title} {intro} {entry}");
    // Kept with the title and the first entry, and no heading of its own.
    assert_eq!(c.blocks[intro].role, Role::SectionTitle);
    assert_eq!(c.blocks[intro].heading, None);
    assert!(c.blocks[intro].space_before > Pt::ZERO);
    // Without an intro there is no such block.
    let mut bare = p.clone();
    bare.sections[0].intro = None;
    assert_eq!(block_with(&build_in(&bare, &theme()), "Position"), None);
}

#[test]
fn dates_written_as_text_get_smart_punctuation_built_dates_the_locale() {
    let mut t = theme();
    let text = profile::Dates::Text("2019 - 2021".into());
    assert_eq!(format_dates(&text, &t, "en"), "2019 – 2021");
    t.smart_punctuation = false;
    assert_eq!(format_dates(&text, &t, "en"), "2019 - 2021");
    let built = profile::Dates::Range { start: ym(2021, 3), end: None };
    assert_eq!(format_dates(&built, &t, "de"), crate::locale::format_dates(&built, &t.dates, "de"));
}

/// A profile that uses every design value the layout can set: a headline, contacts, a skills
/// row, an entry with a description and a location, and an organisation with two roles.
const DESIGN_PROFILE: &str = "name: Jane Doe
headline: Engineer
location: Berlin
contacts:
  - email: jane@example.com
sections:
  - title: Skills
    entries:
      - label: Languages
        details: Rust, Go
      - Docker
  - title: Experience
    entries:
      - position: Engineer
        organization: Acme
        about: Rockets
        date: 2020 to 2021
      - organization: Initech
        roles:
          - position: Dev
            date: 2019
          - position: Lead
            date: 2020
";

/// Returns the runs' texts of every text and split block, in order, one string per block.
fn block_texts(c: &Content) -> Vec<String> {
    let join = |p: &Paragraph| p.runs.iter().map(|r| r.text.as_str()).collect::<String>();
    c.blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Text(p) => Some(join(p)),
            BlockKind::Split { left, right } => Some(format!("{}|{}", join(left), join(right))),
            _ => None,
        })
        .collect()
}

/// Returns the space before the first block whose text starts with `needle`.
fn space_before(c: &Content, needle: &str) -> Pt {
    let texts = block_texts(c);
    let i =
        texts.iter().position(|t| t.starts_with(needle)).unwrap_or_else(|| panic!("{needle} in {texts:?}"));
    let blocks: Vec<&Block> =
        c.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Text(_) | BlockKind::Split { .. })).collect();
    blocks[i].space_before
}

#[test]
fn the_default_design_values_are_the_engines_former_constants() {
    let p = crate::profile::parse(DESIGN_PROFILE, "cv.yaml").unwrap();
    let mut t = theme();
    t.entries.skills_as_paragraph = true;
    t.entries.dates = crate::theme::DatePlacement::Inline;
    let c = build_in(&p, &t);
    let texts = block_texts(&c);
    assert!(texts.contains(&"Languages: Rust, Go · Docker".to_string()), "{texts:?}");
    assert!(texts.iter().any(|s| s.starts_with("Acme — Rockets")), "{texts:?}");
    assert!(texts.iter().any(|s| s.starts_with("Engineer · 2020 to 2021")), "{texts:?}");
    assert_eq!(space_before(&c, "Engineer"), Pt(2.0));
    assert_eq!(space_before(&c, "Berlin"), Pt(4.0));
    assert_eq!(space_before(&c, "Dev"), Pt(2.0));
    assert_eq!(space_before(&c, "Lead"), t.spacing.paragraph.pt() * 2.0);
}

#[test]
fn a_layout_sets_the_gaps_and_separators() {
    let p = crate::profile::parse(DESIGN_PROFILE, "cv.yaml").unwrap();
    let yaml = "name: x
entries:
  dates: inline
  skills-as-paragraph: true
spacing:
  headline: 5pt
  contacts: 6pt
  first-role: 7pt
  role: 9pt
separators:
  skills: ' / '
  label: ' = '
  about: ', '
  meta: ' | '
";
    let c = build_in(&p, &crate::theme::parse(yaml, "x.yaml").unwrap());
    let texts = block_texts(&c);
    assert!(texts.contains(&"Languages = Rust, Go / Docker".to_string()), "{texts:?}");
    assert!(texts.iter().any(|s| s.starts_with("Acme, Rockets")), "{texts:?}");
    assert!(texts.iter().any(|s| s.starts_with("Engineer | 2020 to 2021")), "{texts:?}");
    assert_eq!(space_before(&c, "Engineer"), Pt(5.0));
    assert_eq!(space_before(&c, "Berlin"), Pt(6.0));
    assert_eq!(space_before(&c, "Dev"), Pt(7.0));
    assert_eq!(space_before(&c, "Lead"), Pt(9.0));
}

#[test]
fn sidebar_contacts_take_the_layouts_gaps_and_icon_indent() {
    let p = crate::profile::parse(DESIGN_PROFILE, "cv.yaml").unwrap();
    let mut t = crate::theme::load("sidebar").unwrap();
    assert!(t.sidebar.enabled && t.sidebar.contacts && t.contact_icons, "the sidebar layout lists contacts");
    t.spacing.contact = crate::theme::Length::points(3.0);
    t.header.icon_indent = crate::theme::Em(2.0);
    let c = build_in(&p, &t);
    let side = &c.sidebar.expect("a sidebar").blocks;
    let paras: Vec<&Paragraph> =
        side.iter().filter_map(|b| if let BlockKind::Text(p) = &b.kind { Some(p) } else { None }).collect();
    // The location, then the e-mail address 3 pt under it, each hung after its icon.
    assert_eq!(side[1].space_before, Pt(3.0));
    for p in &paras[..2] {
        assert_eq!(p.indent, t.roles.contacts.size.pt() * 2.0);
        assert!(p.marker.is_some());
    }
}

#[test]
fn design_values_are_checked_where_the_layout_is_read() {
    for bad in [
        "name: x\nseparators:\n  colon: ': '\n",
        "name: x\nspacing:\n  headline: -2pt\n",
        "name: x\nheader:\n  icon-indent: -1\n",
        "name: x\nheader:\n  icon-indent: 40\n",
    ] {
        assert!(crate::theme::parse(bad, "x.yaml").is_err(), "{bad}");
    }
}

#[test]
fn an_entrys_notes_follow_it_small_and_italic() {
    let yaml = "sections:\n  - title: Work\n    entries:\n      - position: Engineer\n        notes: Ask about it\n        highlights: [Did it]\n      - position: Next\n";
    let p = crate::profile::parse(yaml, "t.yaml").unwrap();
    let c = build_in(&p, &theme());
    let texts: Vec<&Paragraph> = c
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Text(p) | BlockKind::Split { left: p, .. } => Some(p),
            _ => None,
        })
        .collect();
    let at = |text: &str| texts.iter().position(|p| p.runs.iter().any(|r| r.text.contains(text))).unwrap();
    let (point, note, next) = (at("Did it"), at("Ask about it"), at("Next"));
    assert!(point < note && note < next, "{point} {note} {next}");
    let (note_run, body_run) = (&texts[note].runs[0], &texts[point].runs[0]);
    assert!(note_run.style.italic && !body_run.style.italic);
    assert!(note_run.style.size < body_run.style.size);
    // Renders remove notes unless for an interview copy: content prints what it gets.
    let plain = p.without_notes().unwrap();
    let c = build_in(&plain, &theme());
    assert!(
        !c.blocks
            .iter()
            .any(|b| matches!(&b.kind, BlockKind::Text(p) if p.runs.iter().any(|r| r.text.contains("Ask"))))
    );
}
