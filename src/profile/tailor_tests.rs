//! Tests of tailoring: reading tags, priorities, notes and variants; selecting by tags and
//! variants; the priority drop order and the profile without dropped items.

use super::priority::{Address, drop_order, reported, without};
use super::*;

/// The tailored fixture profile (`tests/fixtures/tailoring.yaml`).
fn tailored() -> Profile {
    load(Path::new("tests/fixtures/tailoring.yaml")).unwrap()
}

/// Returns the section titles and, per section, each entry's title (or label), as plain text.
fn outline(p: &Profile) -> Vec<(String, Vec<String>)> {
    let name = |e: &Entry| match e {
        Entry::Item(i) => i.title.as_ref().map_or_else(String::new, Rich::to_plain),
        Entry::Group(g) => g.organization.to_plain(),
        Entry::Row(r) => r.label.to_plain(),
        Entry::Bullet(b) => b.text.to_plain(),
        Entry::Paragraph(t) => t.to_plain(),
    };
    p.sections.iter().map(|s| (s.title.to_plain(), s.entries.iter().map(name).collect())).collect()
}

/// Returns the first entry's points, as plain text.
fn first_points(p: &Profile) -> Vec<String> {
    let Some(Entry::Item(item)) = p.sections.first().and_then(|s| s.entries.first()) else { panic!() };
    item.highlights.items.iter().map(|i| i.text.to_plain()).collect()
}

/// A selection of tags.
fn only(tags: &[&str]) -> Selection {
    Selection { only: tags.iter().map(|t| (*t).to_owned()).collect(), ..Selection::default() }
}

#[test]
fn tags_priority_notes_and_variants_are_read() {
    let p = tailored();
    assert_eq!(p.sections[1].tags, ["ml"]);
    assert_eq!(p.sections[2].id.as_deref(), Some("skills"));
    let Entry::Item(staff) = &p.sections[0].entries[0] else { panic!() };
    assert_eq!(staff.tailoring.notes[0].to_plain(), "Ask about the payments outage story.");
    assert_eq!(staff.highlights.items[0].tailoring.tags, ["backend"]);
    let names: Vec<&str> = p.variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["backend", "data"]);
    assert_eq!(p.variants[0].sections, [2, 0]);
    assert_eq!((p.variants[1].pages, p.variants[1].output.as_deref()), (Some(1), Some("jane-data")));
    assert_eq!(tags_of(&p.sections).into_iter().collect::<Vec<_>>(), ["backend", "ml"]);
}

#[test]
fn only_keeps_untagged_items_and_those_with_a_selected_tag() {
    let p = tailored().select(&only(&["backend"])).unwrap();
    // The ml-tagged entry and section go; the untagged ones stay.
    let titles: Vec<String> = outline(&p).into_iter().map(|(t, _)| t).collect();
    assert_eq!(titles, ["Experience", "Skills"]);
    assert_eq!(outline(&p)[0].1, ["Staff Engineer"]);
    assert_eq!(first_points(&p), ["Built the Rust ingestion service", "Led a team of five"]);
    // Any of several tags.
    let both = tailored().select(&only(&["backend", "ml"])).unwrap();
    assert_eq!(first_points(&both).len(), 3);
    assert_eq!(outline(&both).len(), 3);
}

#[test]
fn a_section_emptied_by_tags_goes_but_an_empty_one_stays() {
    let yaml = "sections:\n  - title: Empty\n    entries: []\n  - title: Talks\n    entries:\n      - name: A\n        tags: [ml]\n";
    let p = parse(yaml, "t.yaml").unwrap();
    let selected = p.select(&only(&["ml"])).unwrap();
    assert_eq!(outline(&selected).len(), 2);
    let p = parse(&format!("{yaml}      - name: B\n        tags: [web]\n"), "t.yaml").unwrap();
    let selected = p.select(&only(&["web"])).unwrap();
    assert_eq!(outline(&selected), [("Empty".into(), vec![]), ("Talks".into(), vec!["B".to_owned()])]);
}

#[test]
fn a_group_keeps_its_selected_roles_and_goes_with_none() {
    let yaml = "sections:\n  - title: Work\n    entries:\n      - organization: Acme\n        roles:\n          - position: A\n            tags: [x]\n          - position: B\n            tags: [y]\n      - label: Other\n        details: kept\n  - title: More\n    entries:\n      - name: C\n        tags: [z]\n";
    let p = parse(yaml, "t.yaml").unwrap();
    let Entry::Group(g) = &p.select(&only(&["y"])).unwrap().sections[0].entries[0] else { panic!() };
    let roles: Vec<String> =
        g.roles.iter().map(|r| r.title.as_ref().map_or_else(String::new, Rich::to_plain)).collect();
    assert_eq!(roles, ["B"]);
    // Neither role selected: the group goes, the untagged row stays.
    assert_eq!(outline(&p.select(&only(&["z"])).unwrap())[0], ("Work".into(), vec!["Other".to_owned()]));
}

#[test]
fn a_tag_nothing_carries_is_an_error_listing_the_profiles_tags() {
    let e = tailored().select(&only(&["backend", "frontend"])).unwrap_err();
    assert_eq!(e.message, "no section, entry or point carries the tag `frontend`");
    assert_eq!(e.hint, "the profile's tags: `backend`, `ml`");
    let e = parse("name: A\n", "t.yaml").unwrap().select(&only(&["x"])).unwrap_err();
    assert!(e.hint.contains("has no tags"), "{}", e.hint);
}

#[test]
fn a_variant_applies_its_tags_layout_design_pages_and_sections() {
    let p = tailored();
    let backend = p.select(&Selection { variant: Some("backend".into()), ..Selection::default() }).unwrap();
    let titles: Vec<String> = outline(&backend).into_iter().map(|(t, _)| t).collect();
    assert_eq!(titles, ["Skills", "Experience"]);
    assert_eq!((backend.layout.as_deref(), backend.pages), (None, None));
    let data = p.select(&Selection { variant: Some("data".into()), ..Selection::default() }).unwrap();
    assert_eq!((data.layout.as_deref(), data.pages), (Some("sidebar"), Some(1)));
    assert_eq!(data.design.as_ref().unwrap().value["colors"]["link"], "#2a6f97");
    assert_eq!(outline(&data)[0].1, ["Staff Engineer", "Data Scientist"]);
    let e = p.select(&Selection { variant: Some("web".into()), ..Selection::default() }).unwrap_err();
    assert_eq!(e.hint, "the profile's variants are `backend` or `data`");
}

#[test]
fn a_variants_design_is_merged_key_by_key_over_the_profiles() {
    let yaml = "design:\n  colors:\n    text: \"#111111\"\n    accent: \"#000000\"\n  justify: true\nvariants:\n  v:\n    design:\n      colors:\n        accent: \"#ff0000\"\n";
    let p = parse(yaml, "t.yaml").unwrap();
    let v = p.select(&Selection { variant: Some("v".into()), ..Selection::default() }).unwrap();
    let value = v.design.unwrap().value;
    assert_eq!(value["colors"]["accent"], "#ff0000");
    assert_eq!(value["colors"]["text"], "#111111");
    assert_eq!(value["justify"], true);
}

#[test]
fn notes_and_the_source_holding_them_can_be_left_out() {
    let p = tailored();
    let plain = p.without_notes().unwrap();
    let Entry::Item(staff) = &plain.sections[0].entries[0] else { panic!() };
    assert!(staff.tailoring.notes.is_empty());
    // The source holds the notes, so the PDF must not carry it; a warning says so.
    assert!(plain.source.is_none() && p.source.is_some());
    assert!(plain.notes.iter().any(|w| w.message.contains("does not carry the profile's source")));
    // Selecting everything leaves the profile as it was, notes and source.
    assert_eq!(p.select(&Selection::default()).unwrap(), p);
    // A profile without notes needs no copy.
    assert!(parse("name: A\n", "t.yaml").unwrap().without_notes().is_none());
}

#[test]
fn an_owned_profile_is_selected_as_a_borrowed_one_is() {
    let p = tailored();
    let variant = |name: &str| Selection { variant: Some(name.into()), ..Selection::default() };
    let selections =
        [Selection::default(), only(&["backend"]), only(&["nope"]), variant("data"), variant("web")];
    for selection in &selections {
        assert_eq!(p.clone().into_selected(selection), p.select(selection), "{selection:?}");
    }
    // Nothing asked: the profile itself, source and all.
    assert_eq!(p.clone().into_selected(&Selection::default()).unwrap(), p);
    assert!(p.source.is_some());
}

#[test]
fn a_selection_that_leaves_something_out_leaves_out_the_source() {
    let p = tailored();
    let backend = p.select(&only(&["backend"])).unwrap();
    assert!(backend.source.is_none());
    assert_eq!(backend.notes.len(), 1, "{:?}", backend.notes);
    // Hiding the notes afterwards does not warn twice.
    assert_eq!(backend.without_notes().unwrap().notes.len(), 1);
}

/// A profile with priorities: two must-keep entries, droppable entries and points.
fn prioritised() -> Profile {
    let yaml = "sections:
  - title: Work
    entries:
      - position: Keep
        highlights:
          - text: low point
            priority: 1
          - kept point
      - position: Low
        priority: 1
        highlights:
          - text: inside low
            priority: 5
      - position: Zero
        priority: 0
  - title: Skills
    entries:
      - label: Tools
        details: many
        priority: 1
";
    parse(yaml, "t.yaml").unwrap()
}

#[test]
fn the_drop_order_is_lowest_priority_first_then_last_in_the_document() {
    let order: Vec<(String, i64)> =
        drop_order(&prioritised()).into_iter().map(|d| (d.name, d.priority)).collect();
    let expected = [
        ("Work › Zero", 0),
        ("Skills › Tools", 1),
        ("Work › Low", 1),
        ("Work › Keep › “low point”", 1),
        ("Work › Low › “inside low”", 5),
    ];
    let expected: Vec<(String, i64)> = expected.iter().map(|(n, p)| ((*n).to_owned(), *p)).collect();
    assert_eq!(order, expected);
    // Must-keep items (no priority) are never candidates.
    assert!(drop_order(&tailored()).is_empty());
}

#[test]
fn without_removes_items_and_an_emptied_section_but_nothing_else() {
    let p = prioritised();
    let order = drop_order(&p);
    let trimmed = without(&p, &order[..2]);
    assert_eq!(outline(&trimmed), [("Work".into(), vec!["Keep".to_owned(), "Low".to_owned()])]);
    let all = without(&p, &order);
    assert_eq!(outline(&all), [("Work".into(), vec!["Keep".to_owned()])]);
    assert_eq!(first_points(&all), ["kept point"]);
    assert_eq!(without(&p, &[]), p);
}

#[test]
fn points_inside_a_dropped_entry_are_not_reported_again() {
    let p = prioritised();
    let order = drop_order(&p);
    let names: Vec<&str> = reported(&order).iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["Work › Zero", "Skills › Tools", "Work › Low", "Work › Keep › “low point”"]);
    let entry = Address { section: 0, entry: 1, role: None, point: None, sub: None };
    let point = Address { point: Some(0), ..entry };
    assert!(point.within(&entry) && !entry.within(&point) && !entry.within(&entry));
}

#[test]
fn keywords_read_from_skills_follow_the_selection_and_given_ones_stay() {
    let yaml = "sections:\n  - title: Skills\n    entries:\n      - label: Languages\n        details: Rust, Go\n      - label: ML\n        details: PyTorch\n        tags: [ml]\n        priority: 0\n";
    let p = parse(yaml, "t.yaml").unwrap();
    assert_eq!(p.keywords, ["Rust", "Go", "PyTorch"]);
    let web =
        parse(&format!("{yaml}      - label: Web\n        details: React\n        tags: [web]\n"), "t.yaml")
            .unwrap();
    assert_eq!(web.select(&only(&["web"])).unwrap().keywords, ["Rust", "Go", "React"]);
    assert_eq!(without(&p, &drop_order(&p)).keywords, ["Rust", "Go"]);
    let given = parse(
        &format!(
            "keywords: [Kubernetes]\n{yaml}      - label: Web\n        details: React\n        tags: [web]\n"
        ),
        "t.yaml",
    )
    .unwrap();
    assert_eq!(given.select(&only(&["web"])).unwrap().keywords, ["Kubernetes"]);
}

#[test]
fn notes_anywhere_in_a_group_are_found_before_the_copy() {
    // `without_notes` decides without copying whether there are notes: a role's notes, a
    // group's own and an item's all count, and the copy then has none left.
    let group = |group_notes: &str, role_notes: &str| {
        format!(
            "name: A\nsections:\n  - title: Work\n    entries:\n      - organization: Acme\n{group_notes}        roles:\n          - position: Engineer\n            date: 2020\n{role_notes}"
        )
    };
    let none = parse(&group("", ""), "t.yaml").unwrap();
    assert!(none.without_notes().is_none());
    for (g, r) in [("", "            notes: Role story.\n"), ("        notes: Group story.\n", "")] {
        let p = parse(&group(g, r), "t.yaml").unwrap();
        let plain = p.without_notes().expect("notes were found");
        let Entry::Group(group) = &plain.sections[0].entries[0] else { panic!("{:?}", plain.sections) };
        assert!(group.tailoring.notes.is_empty() && group.roles.iter().all(|r| r.tailoring.notes.is_empty()));
    }
}
