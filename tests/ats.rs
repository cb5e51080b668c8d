//! `vitae ats`: every sample in every layout, the sidebar's two columns included, reads back
//! with every field intact in both models; each hazard kind, planted, is reported; the extractor agrees with poppler's `pdftotext` on the
//! samples' words; and the command's output and exit codes.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use rayon::prelude::*;
use vitae::ats::{self, Extraction, FieldKind, HazardKind, Report, Status};

/// The samples, as paths.
fn samples() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir("samples")
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| p.display().to_string())
        .collect();
    out.sort();
    out
}

/// Renders a sample in a layout in-process; returns the PDF and the ATS report.
fn render(sample: &str, layout: &str) -> (Vec<u8>, Report) {
    let profile = vitae::load_profile(Path::new(sample)).unwrap();
    let theme =
        vitae::resolve_theme(&profile, &vitae::Overrides { layout: Some(layout), paper: None }).unwrap();
    let out = vitae::Engine::shared().render(&profile, &theme, &vitae::RenderOptions::default()).unwrap();
    let report = ats::check(&out.pdf, &profile, &theme).unwrap();
    (out.pdf, report)
}

/// Every (sample, layout) pair.
fn pairs() -> Vec<(String, &'static str)> {
    let layouts: Vec<&'static str> = vitae::theme::BUNDLED.iter().map(|(n, _)| *n).collect();
    samples().into_iter().flat_map(|s| layouts.iter().map(move |l| (s.clone(), *l))).collect()
}

#[test]
fn every_sample_in_every_layout_reads_back_with_every_field_intact() {
    let failures: Vec<String> = pairs()
        .par_iter()
        .flat_map(|(sample, layout)| {
            let (_, report) = render(sample, layout);
            let mut problems = Vec::new();
            if report.fields.is_empty() {
                problems.push(format!("{sample} {layout}: no fields expected"));
            }
            for f in report.lost() {
                problems.push(format!(
                    "{sample} {layout}: {:?} {:?}: {:?}/{:?}",
                    f.field.kind, f.field.text, f.blocks, f.lines
                ));
            }
            problems
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_fields_of_a_sample_are_its_name_contacts_sections_entries_and_skills() {
    let (_, report) = render("samples/anurag-mohanty.yaml", "classic");
    let count = |k: FieldKind| report.fields.iter().filter(|f| f.field.kind == k).count();
    assert_eq!(count(FieldKind::Name), 1);
    assert_eq!((count(FieldKind::Email), count(FieldKind::Phone), count(FieldKind::Link)), (1, 1, 1));
    assert!(count(FieldKind::Section) >= 3);
    assert!(count(FieldKind::Skill) >= 20, "{}", count(FieldKind::Skill));
    assert!(count(FieldKind::Title) >= 4 && count(FieldKind::Dates) >= 4);
    let texts: Vec<&str> = report.fields.iter().map(|f| f.field.text.as_str()).collect();
    assert!(texts.contains(&"Terraform") && texts.contains(&"anurag@mohanty.io"), "{texts:?}");
}

#[test]
fn the_sidebar_reports_interleaved_columns() {
    let (_, report) = render("samples/anurag-mohanty.yaml", "sidebar");
    let h = report.hazards.iter().find(|h| h.kind == HazardKind::Interleave).expect("interleave hazard");
    assert!(h.count >= 1 && !h.examples.is_empty());
    // The hazard is real for parsers that join a line's items; the lines model keeps the
    // columns' items apart, so the wrapped sidebar title still reads whole.
    let title = report.fields.iter().find(|f| f.field.text == "Bachelor of Science in Applied Mathematics");
    assert_eq!(title.map(|f| (f.blocks, f.lines)), Some((Status::Intact, Status::Intact)));
    let (_, classic) = render("samples/anurag-mohanty.yaml", "classic");
    assert!(classic.hazards.iter().all(|h| h.kind != HazardKind::Interleave), "{:?}", classic.hazards);
}

#[test]
fn a_soft_hyphen_in_the_text_is_reported_with_the_word_it_splits() {
    let (_, report) = render("samples/indradhanush-gupta.yaml", "classic");
    let h = report.hazards.iter().find(|h| h.kind == HazardKind::Hyphenation).expect("hyphenation hazard");
    assert!(h.examples.iter().any(|e| e.contains("stream|line")), "{:?}", h.examples);
}

/// Returns the extraction and the fields of a sample rendered in a layout.
fn extraction(sample: &str, layout: &str) -> (Extraction, Vec<ats::Field>) {
    let profile = vitae::load_profile(Path::new(sample)).unwrap();
    let theme = vitae::theme_for(&profile, Some(layout)).unwrap();
    let out = vitae::Engine::shared().render(&profile, &theme, &vitae::RenderOptions::default()).unwrap();
    (ats::extract(&out.pdf).unwrap(), ats::fields::expected(&profile, &theme))
}

/// Returns the hazard of a kind in a report.
fn hazard(report: &Report, kind: HazardKind) -> Option<&ats::Hazard> {
    report.hazards.iter().find(|h| h.kind == kind)
}

#[test]
fn a_keyword_split_by_a_hyphenated_line_break_is_split_not_intact() {
    let (mut x, fields) = extraction("samples/anurag-mohanty.yaml", "classic");
    let intact =
        |r: &Report| r.fields.iter().find(|f| f.field.text == "Terraform").map(|f| (f.blocks, f.lines));
    assert_eq!(intact(&ats::analyse(&x, &fields)), Some((Status::Intact, Status::Intact)));
    // Plant: the one run that holds "Terraform" breaks it as "Terra-" / "form" on the next
    // line, as a narrow column with hyphenation would.
    let i = x.runs.iter().position(|r| r.text.contains("Terraform")).unwrap();
    let mut tail = x.runs[i].clone();
    let (before, after) =
        x.runs[i].text.split_once("Terraform").map(|(a, b)| (a.to_owned(), b.to_owned())).unwrap();
    x.runs[i].text = format!("{before}Terra-");
    tail.text = format!("form{after}");
    tail.y += tail.size * 1.3;
    let y = x.runs[i].y;
    for r in x.runs.iter_mut().filter(|r| r.page == tail.page && r.y > y) {
        r.y += tail.size * 1.3;
    }
    x.runs.insert(i + 1, tail);
    let report = ats::analyse(&x, &fields);
    assert_eq!(intact(&report), Some((Status::Split, Status::Split)));
    let h = hazard(&report, HazardKind::Hyphenation).expect("hyphenation hazard");
    assert!(h.examples.iter().any(|e| e.contains("Terraform")), "{:?}", h.examples);
}

#[test]
fn a_name_left_only_in_the_footer_is_reported() {
    let (mut x, fields) = extraction("samples/anurag-mohanty.yaml", "classic");
    let name = "Anurag Mohanty";
    let before = ats::analyse(&x, &fields);
    assert!(hazard(&before, HazardKind::FooterOnly).is_none(), "{:?}", before.hazards);
    // Plant: the heading's name is gone; the running footer "Anurag Mohanty · 1 / 3" stays.
    let footer_zone = |r: &ats::Run| r.y > x.pages[r.page].1 * (1.0 - ats::hazards::FOOTER_ZONE);
    let kept: Vec<ats::Run> = x.runs.iter().filter(|r| r.text != name || footer_zone(r)).cloned().collect();
    assert!(kept.len() < x.runs.len() && kept.iter().any(|r| r.text.contains(name)));
    x.runs = kept;
    let report = ats::analyse(&x, &fields);
    let h = hazard(&report, HazardKind::FooterOnly).expect("footer-only hazard");
    assert!(h.examples.iter().any(|e| e.contains(name)), "{:?}", h.examples);
}

#[test]
fn letters_drawn_by_an_icon_font_are_reported_and_emoji_icons_are_not() {
    let (mut x, fields) = extraction("samples/anurag-mohanty.yaml", "sidebar");
    // vitae's icons are colour emoji in a Type 3 font: they carry no letters.
    assert!(x.runs.iter().any(|r| r.type3));
    assert!(hazard(&ats::analyse(&x, &fields), HazardKind::IconText).is_none());
    // Plant: a ligature icon font whose "mail" glyph carries the letters of its name.
    let icon = x.runs.iter_mut().find(|r| r.type3).unwrap();
    (icon.text, icon.font, icon.type3) = ("mail".into(), "MaterialIcons-Regular".into(), false);
    let report = ats::analyse(&x, &fields);
    let h = hazard(&report, HazardKind::IconText).expect("icon-text hazard");
    assert!(h.examples[0].contains("mail") && h.examples[0].contains("MaterialIcons"), "{:?}", h.examples);
}

#[test]
fn text_smaller_than_six_points_is_reported() {
    let (mut x, fields) = extraction("samples/distributed-systems-engineer.yaml", "classic");
    assert!(x.runs.iter().all(|r| r.size >= ats::hazards::TINY_TEXT));
    assert!(hazard(&ats::analyse(&x, &fields), HazardKind::TinyText).is_none());
    x.runs[3].size = 5.5;
    let report = ats::analyse(&x, &fields);
    let h = hazard(&report, HazardKind::TinyText).expect("tiny-text hazard");
    assert_eq!(h.count, 1);
    assert!(h.examples[0].contains("5.5 pt"), "{:?}", h.examples);
}

#[test]
fn a_pdf_whose_fonts_lost_their_unicode_maps_reports_unmapped_glyphs_and_lost_fields() {
    let profile = vitae::load_profile(Path::new("samples/distributed-systems-engineer.yaml")).unwrap();
    let theme = vitae::theme_for(&profile, Some("classic")).unwrap();
    let out = vitae::Engine::shared().render(&profile, &theme, &vitae::RenderOptions::default()).unwrap();
    let mut doc = lopdf::Document::load_mem(&out.pdf).unwrap();
    let mut removed = 0;
    for object in doc.objects.values_mut() {
        if let Ok(dict) = object.as_dict_mut()
            && dict.remove(b"ToUnicode").is_some()
        {
            removed += 1;
        }
    }
    assert!(removed >= 2, "{removed}");
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let report = ats::check(&bytes, &profile, &theme).unwrap();
    let h = hazard(&report, HazardKind::Unmapped).expect("unmapped hazard");
    assert!(h.count > 10, "{}", h.count);
    assert!(report.lost().count() == report.fields.len(), "{}", report);
}

#[test]
fn the_extractor_tracks_the_text_state_of_a_hand_written_pdf() {
    // Helvetica with widths of 500/1000 em for every code, no ToUnicode (read as Latin-1).
    let content = "BT /F1 10 Tf 72 700 Td (AB) Tj 2 Tc 50 Tz (CD) Tj ET \
        q 2 0 0 2 0 0 cm BT 0 Tc 100 Tz /F1 10 Tf 1 0 0 1 36 300 Tm [(E) -1000 (F)] TJ 0 -20 Td (G) Tj ET Q \
        BT 0 Tc 100 Tz /F1 4 Tf 300 100 Td (tiny) Tj ET";
    let pdf = simple_pdf(content);
    let x = ats::extract(&pdf).unwrap();
    let at: Vec<(String, f64, f64, f64, f64)> =
        x.runs.iter().map(|r| (r.text.clone(), r.x, 792.0 - r.y, r.width, r.size)).collect();
    let expect = [
        ("AB", 72.0, 700.0, 10.0, 10.0),
        // After AB (2 × 5 pt); Tc 2 and Tz 50: (5 + 2) × 0.5 per glyph.
        ("CD", 82.0, 700.0, 7.0, 10.0),
        // Scaled by cm 2: at (72, 600), 20 pt; E and F are 10 pt wide, the -1000 moves 20 pt on.
        ("EF", 72.0, 600.0, 40.0, 20.0),
        ("G", 72.0, 560.0, 10.0, 20.0),
        ("tiny", 300.0, 100.0, 8.0, 4.0),
    ];
    assert_eq!(at.len(), expect.len(), "{at:?}");
    for (got, want) in at.iter().zip(expect) {
        let close = |a: f64, b: f64| (a - b).abs() < 1e-6;
        assert!(got.0 == want.0 && close(got.1, want.1) && close(got.2, want.2), "{got:?} vs {want:?}");
        assert!(close(got.3, want.3) && close(got.4, want.4), "{got:?} vs {want:?}");
    }
    let fields = [ats::Field { kind: FieldKind::Name, text: "ABCD".into(), section: None, entry: None }];
    let report = ats::analyse(&x, &fields);
    assert_eq!(report.fields[0].blocks, Status::Intact, "{report}");
    assert!(hazard(&report, HazardKind::TinyText).is_some());
}

/// Writes a one-page PDF (US letter) with a Helvetica font `F1` whose codes are all 500 units
/// wide, drawing `content`.
fn simple_pdf(content: &str) -> Vec<u8> {
    use lopdf::{Object, Stream, dictionary};
    let mut doc = lopdf::Document::with_version("1.7");
    let widths: Vec<Object> = (0..256).map(|_| Object::Integer(500)).collect();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "FirstChar" => 0, "LastChar" => 255, "Widths" => widths,
    });
    let stream = doc.add_object(Stream::new(dictionary! {}, content.as_bytes().to_vec()));
    let pages = doc.new_object_id();
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages, "Contents" => stream,
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// Returns the words of a text (runs of letters and digits, folded), counted.
fn word_counts(text: &str) -> BTreeMap<String, usize> {
    let folded = ats::fields::fold(text);
    let mut counts = BTreeMap::new();
    for w in folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        *counts.entry(w.to_owned()).or_insert(0) += 1;
    }
    counts
}

/// Joins lines as pdftotext does: a word broken after a hyphen (not a soft hyphen) at a line
/// end is joined, the hyphen dropped.
fn poppler_joined(lines: &[String]) -> String {
    let mut out = String::new();
    for line in lines {
        let hyphenated = out.strip_suffix('-').is_some_and(|rest| rest.ends_with(char::is_alphabetic));
        if hyphenated {
            out.pop();
        } else {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

#[test]
fn the_extractor_reads_the_same_words_as_pdftotext() {
    if Command::new("pdftotext").arg("-v").output().is_err() {
        eprintln!("note: pdftotext (poppler-utils) is not installed; the comparison with poppler is skipped");
        return;
    }
    let dir = std::env::temp_dir().join(format!("vitae-ats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut compared = 0;
    for (n, (sample, layout)) in pairs().iter().enumerate() {
        let (pdf, report) = render(sample, layout);
        let path = dir.join(format!("{n}.pdf"));
        std::fs::write(&path, &pdf).unwrap();
        let out = Command::new("pdftotext").arg(&path).arg("-").output().unwrap();
        assert!(out.status.success(), "pdftotext failed on {sample} {layout}");
        let poppler = word_counts(&String::from_utf8_lossy(&out.stdout));
        let ours = word_counts(&poppler_joined(&report.text[0].lines));
        let differ: Vec<_> = ours
            .keys()
            .chain(poppler.keys())
            .filter(|w| ours.get(*w) != poppler.get(*w))
            .map(|w| (w, ours.get(w), poppler.get(w)))
            .collect();
        assert!(
            differ.is_empty(),
            "{sample} {layout}: the words differ from pdftotext's (word, ours, poppler's): {differ:?}"
        );
        compared += 1;
    }
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(compared, pairs().len());
}

/// Runs the binary with arguments; returns its exit code, stdout and stderr.
fn vitae(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_vitae")).args(args).output().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

#[test]
fn the_command_prints_a_table_and_a_summary_and_exits_0_when_nothing_is_lost() {
    let (code, out, err) =
        vitae(&["ats", "samples/distributed-systems-engineer.yaml", "--layout", "classic"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("field"), "{out}");
    assert!(out.contains("23 of 23 fields intact and in order in both reading models"), "{out}");
}

/// A profile whose section title is too long to read as a heading: a line-grouping parser
/// starts no section at a line of more than a few words.
const LONG_TITLE: &str = "name: Jane Doe\nsections:\n  - title: Selected Open Source Projects and Community Contributions\n    entries:\n      - Maintained a parser.\n";

/// Writes a profile into a fresh folder; returns its path.
fn profile_file(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("vitae-ats-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("cv.yaml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn the_command_exits_1_and_lists_the_lost_fields_when_some_are_lost() {
    let path = profile_file("long-title", LONG_TITLE);
    let (code, out, err) = vitae(&["ats", path.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}{err}");
    let lost = "lost: section \"Selected Open Source Projects and Community Contributions\": blocks intact, lines not a heading";
    assert!(out.contains(lost), "{out}");
}

#[test]
fn the_json_report_lists_every_field_with_both_models() {
    let (code, out, err) =
        vitae(&["ats", "samples/distributed-systems-engineer.yaml", "--format", "json", "--paper", "letter"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let fields = json["fields"].as_array().unwrap();
    assert_eq!(fields.len(), 23);
    // The sample is anonymous: its first field is its e-mail.
    assert_eq!(fields[0]["kind"], "email");
    assert_eq!(fields[0]["blocks"], "intact");
    assert_eq!(fields[0]["lines"], "intact");
    assert_eq!(json["text"][0]["model"], "blocks");
}

#[test]
fn errors_print_as_the_other_commands_print_them() {
    let (code, _, err) = vitae(&["ats", "no-such-profile.yaml"]);
    assert_eq!(code, 1);
    assert!(err.starts_with("error: ") && err.contains("no-such-profile.yaml"), "{err}");
    let (code, _, err) = vitae(&["ats", "samples/anurag-mohanty.yaml", "--paper", "b5"]);
    assert_eq!(code, 2);
    assert!(err.contains("error: unknown paper `b5`") && err.contains("hint:"), "{err}");
    let (code, _, err) = vitae(&["ats", "samples/anurag-mohanty.yaml", "--layout", "no-such-layout"]);
    assert_eq!(code, 1);
    assert!(err.starts_with("error: "), "{err}");
}

#[test]
fn help_shows_an_example() {
    let (code, out, _) = vitae(&["ats", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("Example") && out.contains("vitae ats cv.yaml"), "{out}");
    assert!(out.contains("--format") && out.contains("--layout") && out.contains("--paper"), "{out}");
}

#[test]
fn the_text_format_prints_what_each_model_read() {
    let (code, out, _) =
        vitae(&["ats", "samples/anurag-mohanty.yaml", "--layout", "sidebar", "--format", "text"]);
    assert_eq!(code, 0, "the sidebar loses no field: {out}");
    let lines: Vec<&str> = out.lines().collect();
    let at = |header: &str| lines.iter().position(|l| *l == header).unwrap();
    let (blocks, models) = (at("== blocks"), at("== lines"));
    assert_eq!(blocks, 0);
    // The blocks model keeps the wrapped sidebar title's halves together; the lines model
    // prints each half on a line of the main column (its items are kept apart in the search).
    let pair = ["Bachelor of Science in Applied", "Mathematics"];
    assert!(lines[..models].windows(2).any(|w| w == pair), "{out}");
    assert!(!lines[models..].windows(2).any(|w| w == pair), "{out}");
}
