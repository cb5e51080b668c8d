//! Reading other formats: JSON Resume and RenderCV files rendered directly (conformance with
//! each project's published example: every string of the input in the PDF's text), edge cases
//! from real files, `vitae import` (Markdown seeds through `pdf-audit`, round trips through the
//! YAML it writes, `--strict`), `vitae new`, and the JSON Schema against the loader's keys.
//!
//! The command-line tests run the real binary in a temporary folder. The seed audit needs the
//! shared folder `../shared` (seeds and `tools/pdf-audit`) and fails when it is absent. Tests
//! that read a PDF's text need `pdftotext` (poppler-utils, which `.ci/run` installs): they fail
//! without it when `CI` is set, and elsewhere say loudly on standard error that they checked
//! nothing.

mod common;
use common::TempDir;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use vitae::import::{Format, ImportOptions, NoteKind};
use vitae::profile::{Date, Dates, Entry, ItemKind, Profile};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The fixtures of this suite.
fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

/// Runs `vitae` with arguments in a folder.
fn vitae(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vitae")).args(args).current_dir(dir).output().expect("run vitae")
}

/// Returns standard error as text.
fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Renders a file with the binary and returns the PDF's text, or `None` without `pdftotext`.
fn rendered_text(input: &Path) -> Option<String> {
    let tmp = TempDir::new();
    let pdf = tmp.join("out.pdf");
    let out = vitae(&tmp.path, &["render", input.to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
    assert!(out.status.success(), "render {}: {}", input.display(), stderr(&out));
    pdftotext(&pdf)
}

/// Extracts a PDF's text, or `None` when `pdftotext` is not installed outside CI (see
/// [`without_pdftotext`]).
fn pdftotext(pdf: &Path) -> Option<String> {
    match Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(pdf).arg("-").output() {
        Ok(out) if out.status.success() => Some(String::from_utf8(out.stdout).expect("UTF-8 text")),
        Ok(out) => panic!("pdftotext failed: {}", stderr(&out)),
        Err(_) => {
            without_pdftotext();
            None
        }
    }
}

/// Fails when `CI` is set (`.ci/run` installs poppler-utils, so a missing `pdftotext` there is
/// a broken setup); elsewhere says on standard error that the test checked nothing.
fn without_pdftotext() {
    assert!(
        std::env::var_os("CI").is_none(),
        "pdftotext is not installed, and CI is set: .ci/run installs poppler-utils"
    );
    eprintln!("NOT CHECKED: pdftotext is not installed (apt-get install poppler-utils)");
}

/// Normalises text for comparison: soft hyphens at line ends joined, whitespace collapsed, and
/// what smart punctuation sets (curly quotes, dashes, an ellipsis) read as what was typed.
fn normalise(text: &str) -> String {
    let joined = text.replace("\u{ad}\n", "").replace('\u{ad}', "");
    let straight = joined.replace(['“', '”'], "\"").replace(['‘', '’'], "'").replace('…', "...");
    let dashes = straight.replace(['–', '—'], "-");
    let mut single = String::with_capacity(dashes.len());
    for c in dashes.chars() {
        if !(c == '-' && single.ends_with('-')) {
            single.push(c);
        }
    }
    single.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Returns the expected strings the PDF's text lacks.
fn missing(pdf_text: &str, expected: &[String]) -> Vec<String> {
    let text = normalise(pdf_text);
    expected.iter().filter(|s| !text.contains(&normalise(s))).cloned().collect()
}

/// Collects every string (and number) value of a JSON document with its key path.
fn json_strings(value: &serde_json::Value, path: &str, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::String(s) => out.push((path.to_owned(), s.clone())),
        serde_json::Value::Number(n) => out.push((path.to_owned(), n.to_string())),
        serde_json::Value::Array(items) => {
            items.iter().for_each(|v| json_strings(v, &format!("{path}[]"), out))
        }
        serde_json::Value::Object(map) => {
            map.iter().for_each(|(k, v)| json_strings(v, &format!("{path}.{k}"), out));
        }
        _ => {}
    }
}

/// Returns the plain text of inline markup (what the PDF prints for it).
fn plain(markup: &str) -> String {
    vitae::profile::parse_inline(markup).map_or_else(|_| markup.to_owned(), |r| r.to_plain())
}

/// Loads a file in any format.
fn load(path: &Path) -> Profile {
    vitae::load_profile(path).unwrap_or_else(|e| panic!("{}", e.render()))
}

/// Loads a file of another format without the notes its reading made: the profile a round trip
/// through `vitae import` must equal (the YAML written carries the notes as comments instead).
fn load_content(path: &Path) -> Profile {
    Profile { notes: Vec::new(), ..load(path) }
}

/// Reading a foreign file keeps its notes with the profile, and every render repeats them as
/// warnings placed at the file's line and column: what is not printed is named, never silent.
#[test]
fn import_notes_become_render_warnings_at_their_place() {
    let path = fixture("jsonresume-sample.json");
    let profile = load(&path);
    let schema = profile.notes.iter().find(|w| w.message.contains("$schema")).expect("a note on $schema");
    assert_eq!(schema.kind, vitae::WarningKind::NotRendered);
    let at = schema.at.as_ref().expect("placed");
    assert_eq!((at.line, at.column), (2, 14));
    assert!(schema.to_string().starts_with(&format!("{}:2:14: ", path.display())), "{schema}");
    let rendered = vitae::render(&profile, &vitae::RenderOptions::default()).expect("renders");
    assert!(rendered.warnings.starts_with(&profile.notes), "the notes come first, in the file's order");
    let tmp = TempDir::new();
    let run = vitae(&tmp.path, &["render", path.to_str().unwrap(), "-o", "out.pdf"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stderr(&run).contains(&format!("warning: {}:2:14: `$schema`", path.display())),
        "{}",
        stderr(&run)
    );
    let run = vitae(&tmp.path, &["check", path.to_str().unwrap()]);
    assert!(stderr(&run).contains("`$schema` names the file's schema; not printed"), "{}", stderr(&run));
}

/// Returns a section's entries by title.
fn section<'p>(profile: &'p Profile, title: &str) -> &'p [Entry] {
    let s = profile.sections.iter().find(|s| s.title.to_plain() == title);
    &s.unwrap_or_else(|| panic!("no section {title}")).entries
}

/// A year-and-month date.
fn ym(year: i32, month: u8) -> Date {
    Date { year, month: Some(month), day: None }
}

// ---------------------------------------------------------------------------------------------
// Conformance: the formats' own examples
// ---------------------------------------------------------------------------------------------

/// The JSON Resume sample renders, and every string of it is in the PDF's text, except the
/// documented ones: metadata, links shown as labels, dates printed in the layout's style, the
/// name of a network whose handle prints as its address.
#[test]
fn json_resume_sample_prints_every_string() {
    let input = fixture("jsonresume-sample.json");
    let Some(text) = rendered_text(&input) else { return };
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&input).unwrap()).unwrap();
    let mut strings = Vec::new();
    json_strings(&doc, "", &mut strings);
    let mut expected = Vec::new();
    for (path, value) in strings {
        let leaf = path.rsplit('.').next().unwrap_or("");
        match leaf {
            // Not printed: schema and meta data.
            "$schema" | "canonical" | "version" | "lastModified" => {}
            // Links: the name they belong to is printed and linked; a bare address prints
            // without its scheme.
            "url" if path == ".basics.url" => expected.push(value.replace("http://", "")),
            "url" | "image" => {}
            // Dates print in the layout's style ("Dec 2013"); the year is there.
            "startDate" | "endDate" | "date" | "releaseDate" => expected.push(value[..4].to_owned()),
            // A known network prints as its address (x.com/neutralthoughts).
            "network" if value == "Twitter" => {}
            _ if value.is_empty() => {}
            _ => expected.push(value),
        }
    }
    assert!(expected.len() > 50, "{expected:?}");
    let lost = missing(&text, &expected);
    assert!(lost.is_empty(), "missing from the PDF: {lost:#?}\n\n{text}");
}

/// RenderCV's example renders, and every string of it is in the PDF's text (Markdown as its
/// plain text), except the documented ones: design and locale settings, network names, links.
#[test]
fn rendercv_example_prints_every_string() {
    let input = fixture("rendercv-john-doe.yaml");
    let Some(text) = rendered_text(&input) else { return };
    let source = std::fs::read_to_string(&input).unwrap();
    let mut expected = Vec::new();
    let mut in_cv = false;
    for line in source.lines() {
        if !line.starts_with(' ') && !line.starts_with('#') {
            in_cv = line.starts_with("cv:");
            continue;
        }
        let Some((key, value)) = yaml_value(line) else { continue };
        if !in_cv || value.is_empty() {
            continue;
        }
        match key {
            "network" | "url" => {}
            "website" => expected.push("johndoe.ai".to_owned()),
            "start_date" | "end_date" | "date" => expected.push(value[..4].to_owned()),
            // A highlight's " - " parts are nested points.
            _ => expected.extend(plain(&value).split(" - ").map(str::to_owned)),
        }
    }
    assert!(expected.len() > 80, "{expected:?}");
    let lost = missing(&text, &expected);
    assert!(lost.is_empty(), "missing from the PDF: {lost:#?}\n\n{text}");
}

/// Reads `key: value` or `- value` from a line of simple block YAML, unquoting the value.
fn yaml_value(line: &str) -> Option<(&str, String)> {
    let t = line.trim_start();
    let (key, value) = match t.strip_prefix("- ") {
        Some(rest) if rest.starts_with(['\'', '"']) || (!rest.contains(": ") && !rest.ends_with(':')) => {
            ("-", rest)
        }
        Some(rest) => rest.split_once(':').map(|(k, v)| (k, v.trim()))?,
        None => t.split_once(':').map(|(k, v)| (k, v.trim()))?,
    };
    let value = if let Some(v) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        v.replace("''", "'")
    } else if let Some(v) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        v.replace("\\\"", "\"")
    } else {
        value.to_owned()
    };
    Some((key, value))
}

/// The RenderCV example maps onto the model as documented: entry types, theme, locale.
#[test]
fn rendercv_example_maps_every_entry_type() {
    let path = fixture("rendercv-john-doe.yaml");
    let profile = load(&path);
    assert_eq!(profile.name.as_ref().map(|n| n.to_plain()).as_deref(), Some("John Doe"));
    assert_eq!(profile.layout.as_deref(), Some("classic"));
    assert_eq!(profile.lang, "en");
    assert_eq!(profile.contacts.len(), 4, "{:?}", profile.contacts);
    assert!(matches!(&section(&profile, "Summary")[0], Entry::Paragraph(_)));
    let Entry::Item(edu) = &section(&profile, "Education")[0] else { panic!("education") };
    assert_eq!(edu.kind, ItemKind::Education);
    assert_eq!(edu.title.as_ref().unwrap().to_plain(), "PhD, Computer Science");
    assert_eq!(edu.dates, Some(Dates::Range { start: ym(2018, 9), end: Some(ym(2023, 5)) }));
    let Entry::Item(job) = &section(&profile, "Experience")[0] else { panic!("experience") };
    assert_eq!(job.dates, Some(Dates::Range { start: ym(2023, 6), end: None }));
    let Entry::Item(deepmind) = &section(&profile, "Experience")[2] else { panic!("experience") };
    assert_eq!(deepmind.highlights.items[1].children.items.len(), 3, "nested points from \" - \"");
    let Entry::Item(paper) = &section(&profile, "Publications")[0] else { panic!("publication") };
    assert_eq!(paper.kind, ItemKind::Publication);
    assert!(paper.footer[0].to_plain().contains("10.1234/neurips.2023.1234"));
    assert!(matches!(&section(&profile, "Selected Honors")[0], Entry::Bullet(_)));
    assert!(matches!(&section(&profile, "Skills")[0], Entry::Row(_)));
    let Entry::Item(patents) = &section(&profile, "Patents")[0] else { panic!("patents") };
    assert!(patents.highlights.numbered);
    let Entry::Paragraph(talk) = &section(&profile, "Invited Talks")[0] else { panic!("talks") };
    assert!(talk.to_plain().starts_with("4. Scaling Laws"), "{}", talk.to_plain());
    let conversion = vitae::import::convert(&path, None, &ImportOptions::default()).unwrap();
    assert_eq!(conversion.format, Format::RenderCv);
    assert_eq!(conversion.layout, Some("classic"));
    let locale = conversion.locale.expect("the locale is returned");
    assert_eq!(locale.months_short[5], "June");
    assert_eq!(locale.present.as_deref(), Some("present"));
}

/// The JSON Resume sample maps onto the model as documented.
#[test]
fn json_resume_sample_maps_onto_the_model() {
    let profile = load(&fixture("jsonresume-sample.json"));
    assert_eq!(profile.headline.as_ref().unwrap().to_plain(), "Programmer");
    assert_eq!(
        profile.location.as_ref().unwrap().to_plain(),
        "2712 Broadway St, San Francisco, California CA 94115, US"
    );
    let kinds: Vec<_> = profile.contacts.iter().map(|c| c.kind).collect();
    use vitae::profile::ContactKind::*;
    assert_eq!(kinds, [Email, Phone, Website, Twitter, Website]);
    assert_eq!(profile.contacts[4].text, "SoundCloud: dandymusicnl");
    let Entry::Item(job) = &section(&profile, "Experience")[0] else { panic!("work") };
    let company = &job.subtitle.as_ref().unwrap().spans[0];
    assert_eq!(company.link.as_deref(), Some("http://piedpiper.example.com"));
    let Entry::Item(project) = &section(&profile, "Projects")[0] else { panic!("project") };
    assert_eq!(project.url.as_deref(), Some("https://missdirection.example.com"));
    assert_eq!(project.dates, Some(Dates::Single(Date { year: 2016, month: Some(8), day: Some(24) })));
    assert_eq!(profile.updated, Some(Date { year: 2017, month: Some(12), day: Some(24) }));
}

// ---------------------------------------------------------------------------------------------
// Edge cases from real files
// ---------------------------------------------------------------------------------------------

/// Missing end dates, year-only dates, empty lists, nulls, legacy keys, non-Latin text and a
/// very long address all load and render with the text intact.
#[test]
fn edge_cases_load_and_render() {
    let path = fixture("edge-cases.json");
    let profile = load(&path);
    let work = section(&profile, "Experience");
    let Entry::Item(current) = &work[0] else { panic!("work") };
    assert_eq!(current.dates, Some(Dates::Range { start: ym(2021, 4), end: None }), "no endDate: ongoing");
    assert_eq!(
        current.subtitle.as_ref().unwrap().spans[0].link.as_deref(),
        Some("https://sample.example.jp")
    );
    let Entry::Item(years) = &work[1] else { panic!("work") };
    let year = |y| Date { year: y, month: None, day: None };
    assert_eq!(years.dates, Some(Dates::Range { start: year(2015), end: Some(year(2019)) }));
    assert!(years.summary.is_empty() && years.highlights.items.is_empty());
    assert!(!profile.sections.iter().any(|s| s.title.to_plain() == "Volunteering"), "empty list: no section");
    assert!(!profile.sections.iter().any(|s| s.title.to_plain() == "Awards"), "null: no section");
    let Entry::Item(quoting) = &work[2] else { panic!("work") };
    let points: Vec<String> = quoting.highlights.items.iter().map(|p| p.text.to_plain()).collect();
    // A line break inside a highlight is two points, as the writer meant two lines.
    assert_eq!(points, ["yes", "null", "2021-03", "- not a list", "back\\slash", "line one", "line two"]);
    assert_eq!(
        quoting.title.as_ref().unwrap().to_plain(),
        "Tester: of *stars*, `ticks`, [brackets] & #hashes"
    );
    let Entry::Item(school) = &section(&profile, "Education")[0] else { panic!("education") };
    assert_eq!(school.about.as_ref().unwrap().to_plain(), "Score: 5.0", "the old `gpa` key");
    let Some(text) = rendered_text(&path) else { return };
    let compact: String = text.split_whitespace().collect();
    for s in [
        "王小明",
        "ソフトウェアエンジニア",
        "株式会社サンプル",
        "分散キャッシュを設計した",
        "東京",
        "言語:Rust,Go",
    ] {
        assert!(compact.contains(s), "{s} missing:\n{text}");
    }
    let lost = missing(
        &text,
        &[
            "Инженер-программист с опытом работы в распределённых системах.".into(),
            "Московский университет".into(),
            "सॉफ़्टवेयर इंजीनियर, वितरित प्रणालियों में अनुभव।".into(),
            "हिन्दी में विवरण".into(),
            "xiaoming.example.com/a/very/long/path/that/goes".into(),
        ],
    );
    assert!(lost.is_empty(), "{lost:?}\n{text}");
}

/// A trailing comma is an error naming the line and column of the comma.
#[test]
fn trailing_comma_is_an_error_with_line_and_column() {
    let e = vitae::load_profile(&fixture("trailing-comma.json")).unwrap_err();
    assert_eq!((e.line, e.column), (3, 29), "{e}");
    assert!(e.message.contains("comma"), "{e}");
    let tmp = TempDir::new();
    let out = vitae(&tmp.path, &["render", fixture("trailing-comma.json").to_str().unwrap(), "-o", "x.pdf"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("trailing-comma.json:3:29"), "{err}");
    assert!(err.contains("hint:"), "{err}");
    assert!(!tmp.join("x.pdf").exists());
}

/// Other invalid JSON names its place too.
#[test]
fn invalid_json_names_the_place() {
    let tmp = TempDir::new();
    let cases = [
        ("{\n  \"basics\": {\"name\": \"x\"}\n  \"work\": []\n}", (3, 3)),
        ("{\n  \"basics\": {\n    \"name\": \"x\"\n", (4, 1)),
        ("{\n  basics: {}\n}", (2, 3)),
        ("{\"basics\": {\"name\": \"Zoë\" \"label\": 1}}", (1, 27)),
    ];
    for (i, (text, place)) in cases.iter().enumerate() {
        let path = tmp.write(&format!("bad{i}.json"), text);
        let e = vitae::load_profile(&path).unwrap_err();
        assert_eq!((e.line, e.column), *place, "{text}: {e}");
        assert!(e.message.starts_with("invalid JSON"), "{e}");
    }
}

/// An impossible day is noted at its line and left out (the month and year print, as they
/// would anyway); so is a month that cannot exist; an end before its start is still an error
/// at its line.
#[test]
fn impossible_date_is_noted_and_the_conversion_goes_on() {
    let path = fixture("impossible-date.json");
    let profile = load(&path);
    let Entry::Item(job) = &section(&profile, "Experience")[0] else { panic!("work") };
    assert_eq!(job.dates, Some(Dates::Range { start: ym(2024, 9), end: None }));
    let conversion = vitae::import::convert(&path, None, &ImportOptions::default()).unwrap();
    let note = conversion.notes.iter().find(|n| n.message.contains("2024-09-31")).expect("a note");
    assert_eq!((note.line, note.column, note.kind), (6, 20, NoteKind::Dropped), "{note}");
    assert!(note.message.contains("no day 31") && note.message.contains("the day is left out"), "{note}");
    let tmp = TempDir::new();
    let month = "{\"work\": [{\"name\": \"Acme\",\n  \"startDate\": \"2024-13\"}]}";
    let path = tmp.write("month.json", month);
    let profile = load(&path);
    let Entry::Item(job) = &section(&profile, "Experience")[0] else { panic!("work") };
    let year = Date { year: 2024, month: None, day: None };
    assert_eq!(job.dates, Some(Dates::Range { start: year, end: None }), "{job:?}");
    let conversion = vitae::import::convert(&path, None, &ImportOptions::default()).unwrap();
    assert!(conversion.notes.iter().any(|n| n.line == 2 && n.message.contains("month is left out")));
    let ends_first =
        "{\"work\": [{\"name\": \"Acme\",\n  \"startDate\": \"2020-05\",\n  \"endDate\": \"2019\"}]}";
    let e = vitae::load_profile(&tmp.write("order.json", ends_first)).unwrap_err();
    assert_eq!(e.line, 3, "{e}");
    let rendercv = "cv:\n  name: X\n  sections:\n    jobs:\n      - company: A\n        position: B\n        start_date: 2023-02-30\n";
    let path = tmp.write("cv.yaml", rendercv);
    let conversion = vitae::import::convert(&path, None, &ImportOptions::default()).unwrap();
    assert!(conversion.notes.iter().any(|n| (n.line, n.column) == (7, 21)), "{:?}", conversion.notes);
    assert!(conversion.yaml.contains("start: \"2023-02\""), "{}", conversion.yaml);
}

/// JSON Resume written as YAML is recognised by its keys and renders.
#[test]
fn json_resume_as_yaml_is_recognised() {
    let path = fixture("jsonresume.yaml");
    assert_eq!(vitae::import::detect(&path, &std::fs::read_to_string(&path).unwrap()), Format::JsonResume);
    let profile = load(&path);
    assert_eq!(profile.contacts[1].text, "github.com/janedoe");
    let Entry::Item(job) = &section(&profile, "Experience")[0] else { panic!("work") };
    assert_eq!(job.dates, Some(Dates::Range { start: ym(2020, 1), end: None }));
}

/// Unknown keys are left out quietly, or listed as errors with `--strict`.
#[test]
fn unknown_keys_are_quiet_unless_strict() {
    let path = fixture("unknown-keys.json");
    let profile = load(&path);
    assert_eq!(profile.name.as_ref().unwrap().to_plain(), "Jane Doe");
    let conversion = vitae::import::convert(&path, None, &ImportOptions::default()).unwrap();
    let unknown: Vec<_> = conversion.notes.iter().filter(|n| n.kind == NoteKind::UnknownKey).collect();
    assert_eq!(unknown.len(), 3, "{unknown:?}");
    assert!(conversion.yaml.contains("unknown key `salary`"), "{}", conversion.yaml);
    let strict = ImportOptions { strict: true, format: None };
    let e = vitae::import::load_with(&path, &strict).unwrap_err();
    assert_eq!(e.line, 2, "{e}");
    assert!(e.message.contains("nickname"), "{e}");
    assert!(e.hint.as_deref().unwrap_or("").contains("2 more"), "{e:?}");

    let tmp = TempDir::new();
    let out = vitae(&tmp.path, &["import", path.to_str().unwrap(), "-o", "x.yaml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("error:"), "{}", stderr(&out));
    let out = vitae(&tmp.path, &["import", path.to_str().unwrap(), "--strict", "-o", "y.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for key in ["nickname", "salary", "hobbies"] {
        assert!(err.contains(&format!("unknown key `{key}`")), "{err}");
    }
    assert!(!tmp.join("y.yaml").exists());
}

// ---------------------------------------------------------------------------------------------
// vitae import
// ---------------------------------------------------------------------------------------------

/// What `vitae import` writes loads with vitae's own loader and gives the same profile as
/// reading the original directly.
#[test]
fn imported_yaml_round_trips() {
    let tmp = TempDir::new();
    for name in ["jsonresume-sample.json", "rendercv-john-doe.yaml", "edge-cases.json", "jsonresume.yaml"] {
        let out_name = format!("{name}.out.yaml");
        let out = vitae(&tmp.path, &["import", fixture(name).to_str().unwrap(), "-o", &out_name]);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let imported =
            vitae::profile::load(&tmp.join(&out_name)).unwrap_or_else(|e| panic!("{name}: {}", e.render()));
        assert_eq!(imported, load_content(&fixture(name)), "{name}");
    }
    // Without -o the profile goes to standard output; an existing file is not overwritten.
    let out = vitae(&tmp.path, &["import", fixture("jsonresume.yaml").to_str().unwrap()]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("name: \"Jane Doe\""));
    let out = vitae(
        &tmp.path,
        &["import", fixture("jsonresume.yaml").to_str().unwrap(), "-o", "jsonresume.yaml.out.yaml"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("exists"));
}

/// Text that YAML could misread survives the emitter exactly.
#[test]
fn awkward_text_survives_the_yaml_writer() {
    let awkward = [
        "yes",
        "no",
        "null",
        "~",
        "2021-03",
        "0x1F",
        "1e3",
        "- dash",
        "? question",
        ": colon",
        "# hash",
        "a # b",
        "&anchor",
        "*alias",
        "!tag",
        "%percent",
        "@at",
        "`tick",
        "{brace",
        "[bracket",
        "|pipe",
        ">fold",
        "'single'",
        "\"double\"",
        "tab\there",
        "trailing space ",
        "\u{2028}sep",
        "emoji 🚀",
        "back\\slash",
        "C:\\path",
    ];
    let highlights: Vec<String> = awkward.iter().map(|s| serde_json::to_string(s).unwrap()).collect();
    let json = format!("{{\"work\": [{{\"name\": \"Acme\", \"highlights\": [{}]}}]}}", highlights.join(", "));
    let tmp = TempDir::new();
    let path = tmp.write("awkward.json", &json);
    let conversion = vitae::import::convert(&path, None, &ImportOptions::default()).unwrap();
    let profile = vitae::profile::parse(&conversion.yaml, "awkward.yaml")
        .unwrap_or_else(|e| panic!("{}\n{}", e.render(), conversion.yaml));
    let Entry::Item(job) = &profile.sections[0].entries[0] else { panic!("work") };
    let got: Vec<String> = job.highlights.items.iter().map(|p| p.text.to_plain()).collect();
    let want: Vec<String> = awkward.iter().map(|s| s.trim().to_owned()).collect();
    assert_eq!(got, want);
}

/// Each seed résumé, imported and rendered, passes `pdf-audit` with fidelity ≥ 0.95.
#[test]
fn seeds_import_and_pass_the_audit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let audit = root.join("tools/pdf-audit");
    let seeds = std::fs::read_dir(root.join("seeds")).unwrap_or_else(|e| {
        panic!(
            "this test needs the shared folder {} (the seed résumés and tools/pdf-audit): {e}",
            root.display()
        )
    });
    assert!(audit.is_file(), "this test needs {} from the shared folder", audit.display());
    if Command::new("pdftotext").arg("-v").output().is_err() {
        // pdf-audit reads the PDF with poppler.
        without_pdftotext();
        return;
    }
    let mut seeds: Vec<PathBuf> = seeds.map(|e| e.unwrap().path()).collect();
    seeds.sort();
    let tmp = TempDir::new();
    let mut failures = Vec::new();
    for seed in &seeds {
        let stem = seed.file_stem().unwrap().to_string_lossy().into_owned();
        let (yaml, pdf) = (format!("{stem}.yaml"), format!("{stem}.pdf"));
        let out = vitae(&tmp.path, &["import", seed.to_str().unwrap(), "-o", &yaml]);
        assert!(out.status.success(), "{stem}: {}", stderr(&out));
        let out = vitae(&tmp.path, &["render", &yaml, "-o", &pdf]);
        assert!(out.status.success(), "{stem}: {}", stderr(&out));
        let out = Command::new(&audit)
            .args([tmp.join(&pdf).to_str().unwrap(), "--source", seed.to_str().unwrap(), "--json"])
            .output()
            .expect("run pdf-audit");
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("pdf-audit --json");
        let fidelity = report["fidelity"].as_f64().unwrap_or(0.0);
        let fails: Vec<&str> =
            report["fails"].as_array().unwrap().iter().filter_map(|f| f.as_str()).collect();
        let other_fails: Vec<&&str> = fails.iter().filter(|f| !f.starts_with("fidelity")).collect();
        eprintln!("{stem}: fidelity {fidelity}");
        if fidelity < 0.95 || !other_fails.is_empty() {
            failures
                .push(format!("{stem}: fidelity {fidelity}, {fails:?}, missing {}", report["missing_words"]));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Markdown import places headings, lists, rows, tables and contacts, and says what it could
/// not place.
#[test]
fn markdown_import_places_and_reports() {
    let md = "# Jane Doe\n\n## Staff Engineer\n\n> [jane@example.com](mailto:jane@example.com) | \
              [github/jane](https://github.com/jane)<br>+1 555 123 4567\n\n---\n\n## Experience\n\n\
              ### Acme _2019 to Present_\nBerlin, DE\n\n- Led the **platform** team\n  - Hired six\n\
              - See [notes](#)\n\n**Technical Environment:** Rust, Go\n\n## Skills\n\n| Area | Tools |\n\
              |---|---|\n| Languages | Rust |\n\n![logo](logo.png)\n\n1. first\n2. second\n";
    let tmp = TempDir::new();
    let path = tmp.write("resume.md", md);
    let out = vitae(&tmp.path, &["import", "resume.md", "-o", "resume.yaml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("the link `notes` has no target"), "{err}");
    assert!(err.contains("image"), "{err}");
    let profile = vitae::profile::load(&tmp.join("resume.yaml")).unwrap_or_else(|e| panic!("{}", e.render()));
    assert_eq!(profile.name.as_ref().unwrap().to_plain(), "Jane Doe");
    assert_eq!(profile.headline.as_ref().unwrap().to_plain(), "Staff Engineer");
    assert_eq!(profile.contacts.len(), 3, "{:?}", profile.contacts);
    let Entry::Item(job) = &section(&profile, "Experience")[0] else { panic!("{:?}", profile.sections) };
    assert_eq!(job.subtitle.as_ref().unwrap().to_plain(), "Acme");
    assert_eq!(job.location.as_ref().unwrap().to_plain(), "Berlin, DE");
    let start = Date { year: 2019, month: None, day: None };
    assert_eq!(job.dates, Some(Dates::Range { start, end: None }), "a range people write is a range");
    assert_eq!(job.highlights.items[0].children.items.len(), 1);
    assert_eq!(job.footer[0].to_plain(), "Technical Environment: Rust, Go");
    let skills = section(&profile, "Skills");
    assert!(matches!(&skills[0], Entry::Row(r) if r.label.to_plain() == "Languages"), "{skills:?}");
    assert!(matches!(&skills.last().unwrap(), Entry::Item(i) if i.highlights.numbered));
    let direct = load_content(&path);
    assert_eq!(direct, profile, "rendering the Markdown directly reads the same profile");
}

/// A table whose columns name entry keys becomes entries, and its column heads the section's
/// intro, so that every word of the table still prints; a second table's heads are reported.
#[test]
fn markdown_table_heads_become_the_section_intro() {
    let md = "# Jane Doe\n\n## Experience\n\n| **Position** | Company | Tenure |\n|---|---|---|\n              | Engineer | Acme | 2019 - 2021 |\n| Lead | Initech | 2021 - present |\n\n              | Role | Employer |\n|---|---|\n| Intern | Globex |\n\n## Skills\n\n- Rust\n";
    let tmp = TempDir::new();
    tmp.write("resume.md", md);
    let out = vitae(&tmp.path, &["import", "resume.md", "-o", "resume.yaml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("a second table's column names"), "{}", stderr(&out));
    let profile = vitae::profile::load(&tmp.join("resume.yaml")).unwrap_or_else(|e| panic!("{}", e.render()));
    let experience = profile.sections.iter().find(|s| s.title.to_plain() == "Experience").unwrap();
    let intro = experience.intro.as_ref().expect("the table's heads are the intro");
    assert_eq!(intro.to_plain(), "Position · Company · Tenure");
    assert_eq!(experience.entries.len(), 3, "{:?}", experience.entries);
    let skills = profile.sections.iter().find(|s| s.title.to_plain() == "Skills").unwrap();
    assert_eq!(skills.intro, None, "the heads belong to their own section only");
    if let Some(text) = rendered_text(&tmp.join("resume.yaml")) {
        assert!(normalise(&text).contains("Position · Company · Tenure"), "{text}");
    }
}

// ---------------------------------------------------------------------------------------------
// vitae new and vitae schema
// ---------------------------------------------------------------------------------------------

/// `vitae new` writes a starter that loads and renders at once, and never overwrites.
#[test]
fn new_writes_a_starter_that_renders() {
    let tmp = TempDir::new();
    let out = vitae(&tmp.path, &["new"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let profile = vitae::profile::load(&tmp.join("resume.yaml")).unwrap_or_else(|e| panic!("{}", e.render()));
    let kinds: BTreeSet<String> = profile
        .sections
        .iter()
        .flat_map(|s| &s.entries)
        .map(|e| match e {
            Entry::Item(i) => format!("{:?}", i.kind),
            Entry::Group(_) => "Group".into(),
            Entry::Row(_) => "Row".into(),
            Entry::Bullet(_) => "Bullet".into(),
            Entry::Paragraph(_) => "Paragraph".into(),
        })
        .collect();
    for kind in [
        "Experience",
        "Education",
        "Project",
        "Talk",
        "Publication",
        "Award",
        "Group",
        "Row",
        "Bullet",
        "Paragraph",
    ] {
        assert!(kinds.contains(kind), "the starter lacks a {kind} entry: {kinds:?}");
    }
    let out = vitae(&tmp.path, &["render", "resume.yaml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(tmp.join("resume.pdf").exists());
    let before = std::fs::read(tmp.join("resume.yaml")).unwrap();
    let out = vitae(&tmp.path, &["new"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("exists"), "{}", stderr(&out));
    assert_eq!(std::fs::read(tmp.join("resume.yaml")).unwrap(), before);
    let out = vitae(&tmp.path, &["new", "jane-doe"]);
    assert!(out.status.success());
    assert!(tmp.join("jane-doe.yaml").exists());
}

/// `vitae schema` prints the schema shipped in `docs/`.
#[test]
fn schema_command_prints_the_shipped_schema() {
    let out = vitae(Path::new(env!("CARGO_MANIFEST_DIR")), &["schema"]);
    assert!(out.status.success());
    let shipped =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/profile.schema.json")).unwrap();
    assert_eq!(out.stdout, shipped);
    let _: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
}

// ---------------------------------------------------------------------------------------------
// The schema and the loader agree
// ---------------------------------------------------------------------------------------------

/// Returns the parsed schema.
fn schema() -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/profile.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Returns the property names of a schema object.
fn properties(object: &serde_json::Value) -> BTreeSet<String> {
    object["properties"].as_object().expect("properties").keys().cloned().collect()
}

/// Returns the entry object of the schema (the map branch of `$defs/entry`).
fn entry_schema(schema: &serde_json::Value) -> &serde_json::Value {
    let branches = schema["$defs"]["entry"]["anyOf"].as_array().unwrap();
    branches.iter().find(|b| b["type"] == "object").unwrap()
}

/// Returns the point object of the schema.
fn point_schema(schema: &serde_json::Value) -> &serde_json::Value {
    let branches = schema["$defs"]["point"]["anyOf"].as_array().unwrap();
    branches.iter().find(|b| b["type"] == "object").unwrap()
}

/// Returns the keys the loader lists when it meets an unknown key in `yaml` (whose unknown
/// key is `zzzzzzzzzzzz`), read from its hint "expected one of `a`, `b` or `c`".
fn loader_keys(yaml: &str) -> BTreeSet<String> {
    let e = vitae::profile::parse(yaml, "probe.yaml").expect_err("the probe key is unknown");
    let hint = e.hint.unwrap_or_default();
    assert!(hint.starts_with("expected one of"), "{}: {hint}", e.message);
    hint.split('`').skip(1).step_by(2).map(str::to_owned).collect()
}

/// Every key the loader knows is in the schema, and every key the schema lists is known.
#[test]
fn schema_lists_exactly_the_loaders_keys() {
    let schema = schema();
    let entry = "sections:\n  - title: x\n    entries:\n      - ";
    let cases = [
        ("top level", "zzzzzzzzzzzz: 1\n".to_owned(), properties(&schema)),
        ("contact", "contacts:\n  - zzzzzzzzzzzz: 1\n".to_owned(), properties(&schema["$defs"]["contact"])),
        ("section", "sections:\n  - zzzzzzzzzzzz: 1\n".to_owned(), properties(&schema["$defs"]["section"])),
        ("entry", format!("{entry}zzzzzzzzzzzz: 1\n"), properties(entry_schema(&schema))),
        (
            "point",
            format!("{entry}position: x\n        highlights:\n          - zzzzzzzzzzzz: 1\n"),
            properties(point_schema(&schema)),
        ),
        // `profile:` is a letter file's key: the loader knows it (to refuse it in `letter:`
        // with a message of its own), the schema of a profile's `letter:` does not list it.
        ("letter", "letter:\n  zzzzzzzzzzzz: 1\n".to_owned(), {
            let mut keys = properties(&schema["$defs"]["letter"]);
            keys.insert("profile".into());
            keys
        }),
        (
            "recipient",
            "letter:\n  recipient:\n    zzzzzzzzzzzz: 1\n".to_owned(),
            properties(&schema["$defs"]["recipient"]),
        ),
    ];
    for (what, yaml, in_schema) in cases {
        assert_eq!(loader_keys(&yaml), in_schema, "{what}");
    }
    let kinds: BTreeSet<String> = loader_keys(&format!("{entry}kind: zzzzzzzzzzzz\n"));
    let schema_kinds: BTreeSet<String> = entry_schema(&schema)["properties"]["kind"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(kinds, schema_kinds);
}

/// Each property the schema lists, with its example value, is accepted by the loader: top-level
/// keys on their own, entry keys in an entry of a kind that takes them (as the schema's rules
/// for stated kinds say), contact keys in a contact.
#[test]
fn schema_examples_are_accepted_by_the_loader() {
    let schema = schema();
    let tmp = TempDir::new();
    // A real image: the loader decodes the photo whole, so a bare PNG signature is refused.
    tmp.copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/photo/portrait.png"), "photo.png");
    let example = |p: &serde_json::Value, key: &str| -> serde_json::Value {
        p["examples"].get(0).cloned().unwrap_or_else(|| panic!("`{key}` has no example"))
    };
    let mut profiles = Vec::new();
    for (key, p) in schema["properties"].as_object().unwrap() {
        profiles.push((key.clone(), serde_json::json!({ key: example(p, key) })));
    }
    for (key, p) in schema["$defs"]["contact"]["properties"].as_object().unwrap() {
        let mut contact = serde_json::json!({ key: example(p, key) });
        if key == "label" {
            contact["email"] = "jane@example.com".into();
        }
        profiles.push((format!("contact.{key}"), serde_json::json!({ "contacts": [contact] })));
    }
    let entry = entry_schema(&schema);
    let rules = entry["allOf"].as_array().unwrap();
    for (key, p) in entry["properties"].as_object().unwrap() {
        let rule = rules
            .iter()
            .find(|r| {
                r["if"]["properties"]["kind"]["const"].is_string()
                    && r["then"]["propertyNames"]["enum"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|k| k == key.as_str())
                    && key != "kind"
            })
            .or_else(|| rules.iter().find(|r| r["if"]["properties"]["kind"]["const"] == "talk"))
            .unwrap();
        let kind = rule["if"]["properties"]["kind"]["const"].as_str().unwrap();
        let mut e = serde_json::json!({ "kind": kind });
        for required in rule["then"]["required"].as_array().into_iter().flatten() {
            let r = required.as_str().unwrap();
            e[r] = example(&entry["properties"][r], r);
        }
        e[key] = example(p, key);
        if key == "end" {
            e["start"] = example(&entry["properties"]["start"], "start");
        }
        profiles.push((
            format!("entry.{key}"),
            serde_json::json!({ "sections": [{ "title": "x", "entries": [e] }] }),
        ));
    }
    for (key, p) in point_schema(&schema)["properties"].as_object().unwrap() {
        let mut point = serde_json::json!({ "text": "a point" });
        point[key] = example(p, key);
        let profile = serde_json::json!({ "sections": [{ "title": "x", "entries": [{ "position": "x", "highlights": [point] }] }] });
        profiles.push((format!("point.{key}"), profile));
    }
    assert!(profiles.len() > 50);
    for (what, profile) in profiles {
        // JSON is YAML: the loader reads the profile as written.
        let path = tmp.write("probe.yaml", serde_json::to_string_pretty(&profile).unwrap());
        if let Err(e) = vitae::profile::load(&path) {
            panic!("{what}: {}\n{profile}", e.render());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// YAMLResume
// ---------------------------------------------------------------------------------------------

/// Collects the text a YAMLResume (or RenderCV) file's content should print: each `key: value`
/// of the block starting at a top-level `top:` line, and the lines of `|` blocks with their
/// list markers removed, Markdown as its plain text. Keys in `skip` are left out.
fn yaml_strings(source: &str, top: &str, skip: &[&str]) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    let (mut inside, mut block_indent) = (false, None::<usize>);
    for (n, line) in source.lines().enumerate() {
        let indent = line.len() - line.trim_start().len();
        if let Some(at) = block_indent {
            if line.trim().is_empty() || indent >= at {
                let text = line.trim().trim_start_matches(['-', '*', '+']).trim_start();
                let text = text.trim_start_matches(|c: char| c.is_ascii_digit()).trim_start_matches(". ");
                if !text.is_empty() {
                    out.push((n + 1, "|".to_owned(), plain(text)));
                }
                continue;
            }
            block_indent = None;
        }
        if !line.starts_with(' ') && !line.starts_with('#') && !line.trim().is_empty() {
            inside = line.starts_with(&format!("{top}:"));
            continue;
        }
        let Some((key, value)) = yaml_value(line) else { continue };
        if !inside || skip.contains(&key.trim_start_matches("- ")) {
            continue;
        }
        if value == "|" {
            block_indent = Some(indent + 2);
        } else if !value.is_empty() && value != "[]" {
            out.push((n + 1, key.to_owned(), plain(&value)));
        }
    }
    out
}

/// Every string of a YAMLResume file's content is in the PDF's text (dates by their year,
/// links as their labels), and each of its layout options is either carried into `design:` or
/// noted at its line: nothing is lost silently.
#[test]
fn yamlresume_prints_every_string_or_notes_it() {
    let input = fixture("yamlresume-full.yml");
    let source = std::fs::read_to_string(&input).unwrap();
    let conversion = vitae::import::convert(&input, None, &ImportOptions::default()).unwrap();
    let noted: BTreeSet<usize> = conversion.notes.iter().map(|n| n.line).collect();
    // `sections.order` items (`- work`) order the sections (checked in the next test).
    for (line, key, value) in yaml_strings(&source, "layouts", &["engine", "-"]) {
        let carried = conversion.yaml.contains(&format!("\"{}\"", value.replace(' ', "")));
        assert!(carried || noted.contains(&line), "line {line}: `{key}: {value}` neither carried nor noted");
    }
    let Some(text) = rendered_text(&input) else { return };
    let mut expected = Vec::new();
    for (_, key, value) in yaml_strings(&source, "content", &["url", "network", "username"]) {
        match key.as_str() {
            "startDate" | "endDate" | "date" | "releaseDate" => {
                let year = value.split(|c: char| !c.is_ascii_digit()).find(|p| p.len() == 4);
                expected.push(year.expect("a year").to_owned());
            }
            _ => expected.push(value),
        }
    }
    expected.extend(["Line: marisolq".to_owned(), "github.com/mquenby".to_owned()]);
    assert!(expected.len() > 70, "{expected:?}");
    let lost = missing(&text, &expected);
    assert!(lost.is_empty(), "missing from the PDF: {lost:#?}\n\n{text}");
}

/// The YAMLResume fixture maps onto the model as documented: section order and titles from
/// the layout, every date form, Markdown lists as points, locale and layout as `lang`,
/// `layout` and `design`.
#[test]
fn yamlresume_maps_onto_the_model() {
    let path = fixture("yamlresume-full.yml");
    assert_eq!(vitae::import::detect(&path, &std::fs::read_to_string(&path).unwrap()), Format::YamlResume);
    let profile = load(&path);
    let titles: Vec<String> = profile.sections.iter().map(|s| s.title.to_plain()).collect();
    // An alias ("Experience") as written; the other titles in the locale's language, Spanish.
    let order = ["Experience", "Formación", "Idiomas", "Habilidades", "Premios", "Certificados"];
    assert_eq!(titles[..6], order, "{titles:?}");
    assert_eq!(titles[6..], ["Publicaciones", "Referencias", "Proyectos", "Intereses", "Voluntariado"]);
    assert_eq!(profile.lang, "es");
    assert_eq!(profile.layout.as_deref(), Some("modern"));
    let design = &profile.design.as_ref().expect("design").value;
    assert_eq!(design["page"]["left"], "1.5cm");
    assert_eq!(design["roles"]["body"]["size"], "11pt");
    let day = |year, month, day| Date { year, month: Some(month), day: Some(day) };
    let Entry::Item(lead) = &section(&profile, "Experience")[0] else { panic!("work") };
    assert_eq!(lead.dates, Some(Dates::Range { start: ym(2024, 7), end: None }));
    assert_eq!(lead.highlights.items.len(), 2);
    assert_eq!(lead.highlights.items[0].children.items[0].text.to_plain(), "hiring and mentoring");
    let Entry::Item(before) = &section(&profile, "Experience")[1] else { panic!("work") };
    let range = Dates::Range { start: day(2019, 8, 21), end: Some(day(2024, 6, 28)) };
    assert_eq!(before.dates, Some(range));
    let Entry::Item(school) = &section(&profile, "Formación")[0] else { panic!("education") };
    assert_eq!(school.dates, Some(Dates::Range { start: day(2012, 9, 1), end: Some(day(2014, 7, 1)) }));
    assert!(school.highlights.numbered);
    assert_eq!(school.summary[0].to_plain(), "Thesis on tidal-flat locomotion.");
    let Entry::Item(mentor) = &section(&profile, "Voluntariado")[0] else { panic!("volunteer") };
    assert_eq!(mentor.dates, Some(Dates::Range { start: day(2025, 7, 28), end: None }));
    assert!(profile.summary.iter().any(|p| p.to_plain() == "• Ships firmware to 4,000 field units"));
    let conversion = vitae::import::convert(&path, None, &ImportOptions::default()).unwrap();
    assert_eq!((conversion.format, conversion.layout), (Format::YamlResume, Some("modern")));
    for noted in ["showPageNumbers", "moderncv-banking", "`markdown` layout"] {
        assert!(
            conversion.notes.iter().any(|n| n.message.contains(noted)),
            "{noted}: {:?}",
            conversion.notes
        );
    }
}

/// A YAMLResume file imports (it used to be taken for a vitae profile with an unknown key
/// `content`), the YAML written round-trips, and impossible or unreadable dates are noted.
#[test]
fn yamlresume_imports_and_notes_bad_dates() {
    let tmp = TempDir::new();
    let out = vitae(&tmp.path, &["import", fixture("yamlresume-full.yml").to_str().unwrap(), "-o", "y.yaml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("already a vitae profile"), "{}", stderr(&out));
    let imported = vitae::profile::load(&tmp.join("y.yaml")).unwrap_or_else(|e| panic!("{}", e.render()));
    assert_eq!(imported, load_content(&fixture("yamlresume-full.yml")));

    let text = "content:\n  basics:\n    name: Ada Quill\n  work:\n    - name: Inkwell\n      position: Scribe\n      startDate: Sep 31, 2024\n      endDate: Whenever\n  unknown_section:\n    - x\n";
    let path = tmp.write("bad.yml", text);
    let conversion = vitae::import::convert(&path, None, &ImportOptions::default()).unwrap();
    let at = |line: usize| conversion.notes.iter().find(|n| n.line == line).map(|n| n.message.clone());
    assert!(at(7).is_some_and(|m| m.contains("no day 31")), "{:?}", conversion.notes);
    assert!(at(8).is_some_and(|m| m.contains("Whenever")), "{:?}", conversion.notes);
    assert!(at(9).is_some_and(|m| m.contains("unknown key `unknown_section`")), "{:?}", conversion.notes);
    let profile = load(&path);
    let Entry::Item(job) = &section(&profile, "Work")[0] else { panic!("work") };
    assert_eq!(job.dates, Some(Dates::Text("2024-09 – Whenever".into())), "{job:?}");
}

// ---------------------------------------------------------------------------------------------
// JSON Resume as its themes read it
// ---------------------------------------------------------------------------------------------

/// A JSON Resume file as real ones are: sections in the themes' order whatever the file's,
/// line breaks as paragraphs or points, runs of spaces collapsed, name-only skills as one
/// paragraph, a profile without a username labelled by its network, web addresses repaired or
/// kept with a note, and text under keys outside the schema printed where a reader expects it.
#[test]
fn json_resume_reads_as_its_themes_do() {
    let path = fixture("jsonresume-real.json");
    let profile = load(&path);
    let titles: Vec<String> = profile.sections.iter().map(|s| s.title.to_plain()).collect();
    let order = ["Contact", "Experience", "Education", "Skills", "Projects", "Presentations"];
    assert_eq!(titles, order);
    assert_eq!(profile.name.as_ref().unwrap().to_plain(), "Corwin Aldmere");
    assert_eq!(profile.headline.as_ref().unwrap().to_plain(), "Data Engineer");
    assert_eq!(profile.summary.len(), 2, "a line break is a paragraph: {:?}", profile.summary);
    let kaggle = profile.contacts.iter().find(|c| c.url.contains("kaggle")).expect("kaggle");
    assert_eq!(kaggle.text, "Kaggle", "labelled by the network, not the query string");
    let skills = section(&profile, "Skills");
    assert!(matches!(&skills[0], Entry::Paragraph(p) if p.to_plain() == "Python, SQL, Airflow, Spark"));
    assert!(matches!(&skills[1], Entry::Row(_)));
    let Entry::Item(job) = &section(&profile, "Experience")[0] else { panic!("work") };
    assert_eq!(job.summary.len(), 2);
    let points: Vec<String> = job.highlights.items.iter().map(|p| p.text.to_plain()).collect();
    assert_eq!(points[1..], ["Won the 2023 ops award", "Mentored four juniors"]);
    assert_eq!(job.footer[0].to_plain(), "not a web address", "a broken address is kept");
    assert_eq!(job.dates, Some(Dates::Range { start: ym(2022, 3), end: None }), "`Mar 2022` is a date");
    let Entry::Item(school) = &section(&profile, "Education")[0] else { panic!("education") };
    assert_eq!(school.summary[0].to_plain(), "Minor in oceanography.");
    let Entry::Item(project) = &section(&profile, "Projects")[0] else { panic!("project") };
    assert_eq!(project.url.as_deref(), Some("https://www.tidewatch.example"));
    let talks = section(&profile, "Presentations");
    let Entry::Item(talk) = &talks[0] else { panic!("presentation") };
    assert_eq!(talk.title.as_ref().unwrap().to_plain(), "Pipelines at Sea");
    assert_eq!(talk.subtitle.as_ref().map(|s| s.to_plain()).as_deref(), Some("DataHarbour 2024"));
    assert_eq!(talk.dates, Some(Dates::Single(ym(2024, 10))));
    assert_eq!(talks.len(), 2);

    let conversion = vitae::import::convert(&path, None, &ImportOptions::default()).unwrap();
    let note = |line: usize, words: &str| {
        let found = conversion.notes.iter().any(|n| n.line == line && n.message.contains(words));
        assert!(found, "no note at line {line} with {words:?}: {:#?}", conversion.notes);
    };
    note(5, "linked as `https://www.tidewatch.example`");
    note(13, "photo");
    note(32, "printed as text");
    note(37, "printed as the entry's points");
    note(38, "`salary`");
    note(48, "printed as the entry's summary");
    note(51, "printed as a section \"Presentations\"");
    let strict = ImportOptions { strict: true, format: None };
    let e = vitae::import::load_with(&path, &strict).unwrap_err();
    assert!(e.message.contains("achievements"), "keys outside the schema are still listed: {e}");
}

/// Every string of that file is in the PDF's text, or noted.
#[test]
fn json_resume_real_file_prints_every_string_or_notes_it() {
    let input = fixture("jsonresume-real.json");
    let Some(text) = rendered_text(&input) else { return };
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&input).unwrap()).unwrap();
    let mut strings = Vec::new();
    json_strings(&doc, "", &mut strings);
    let mut expected = Vec::new();
    for (path, value) in strings {
        match path.rsplit('.').next().unwrap_or("") {
            // Links on names, a noted photo and a noted key; dates in the layout's style.
            "url" | "image" | "salary" | "network" => {}
            "startDate" | "endDate" | "date" => {
                let year = value.split(|c: char| !c.is_ascii_digit()).find(|p| p.len() == 4);
                expected.push(year.expect("a year").to_owned());
            }
            _ => expected.extend(value.split('\n').map(str::to_owned)),
        }
    }
    expected.extend(["Kaggle".to_owned(), "not a web address".to_owned()]);
    let lost = missing(&text, &expected);
    assert!(lost.is_empty(), "missing from the PDF: {lost:#?}\n\n{text}");
}

// ---------------------------------------------------------------------------------------------
// RenderCV design and locale
// ---------------------------------------------------------------------------------------------

/// RenderCV's design options become vitae's layout options (page size, margins, colours,
/// fonts by kind, alignment, links, header, rules, date separator), its locale the language
/// and words, custom connections contacts; every option vitae cannot express is noted at its
/// line, by its key.
#[test]
fn rendercv_design_and_locale_map_onto_layout_options() {
    let path = fixture("rendercv-design.yaml");
    let profile = load(&path);
    assert_eq!(profile.layout.as_deref(), Some("compact"));
    assert_eq!(profile.lang, "ko");
    let design = &profile.design.as_ref().expect("design").value;
    assert_eq!(design["page"]["paper"], "a4");
    assert_eq!(design["page"]["top"], "1.5cm");
    assert_eq!(design["page"]["left"], "0.7in");
    assert_eq!(design["roles"]["name"]["color"], "rgb(0, 79, 144)");
    assert_eq!(design["colors"]["link"], "#7fffd4");
    assert_eq!(design["roles"]["body"]["family"], "Source Serif 4", "XCharter is a serif");
    assert_eq!(design["roles"]["body"]["size"], "10pt");
    assert_eq!(
        (&design["justify"], &design["links"]),
        (&serde_json::json!(false), &serde_json::json!("underline"))
    );
    assert_eq!(design["section-title"]["rule"], false);
    assert_eq!(design["dates"]["separator"], " — ");
    assert_eq!(design["dates"]["present"], "현재");
    let call = profile.contacts.iter().find(|c| c.text == "Book a call").expect("a custom connection");
    assert_eq!(call.url, "https://cal.sennet.example/halvard");
    assert!(
        matches!(&section(&profile, "연락처")[0], Entry::Bullet(b) if b.text.to_plain() == "Ask at the harbour office")
    );

    let conversion = vitae::import::convert(&path, None, &ImportOptions::default()).unwrap();
    let note = |line: usize, words: &str| {
        let found = conversion.notes.iter().any(|n| n.line == line && n.message.contains(words));
        assert!(found, "no note at line {line} with {words:?}: {:#?}", conversion.notes);
    };
    note(10, "icon");
    note(24, "`design.page.show_footer: false`");
    note(28, "`design.colors.section_titles");
    note(30, "XCharter");
    note(33, "`design.typography.font_size.section_titles: 1.4em`");
    note(39, "phone_number_format");
    // Korean's own template, so honoured: no note.
    assert_eq!(design["dates"]["months"], "short");
    assert!(
        !conversion.notes.iter().any(|n| n.message.contains("YEAR년 MONTH월")),
        "{:#?}",
        conversion.notes
    );
    assert!(!conversion.notes.iter().any(|n| n.kind == NoteKind::UnknownKey), "{:#?}", conversion.notes);
}

/// A RenderCV file without a page size gets RenderCV's default, US Letter; a date template
/// vitae has is carried over.
#[test]
fn rendercv_defaults_to_letter_and_reads_date_templates() {
    let profile = load(&fixture("rendercv-john-doe.yaml"));
    assert_eq!(profile.design.as_ref().expect("design").value["page"]["paper"], "letter");
    let tmp = TempDir::new();
    let text = "cv:\n  name: Ines Varro\ndesign:\n  theme: classic\n  templates:\n    single_date: MONTH_NAME YEAR\n";
    let profile = load(&tmp.write("cv.yaml", text));
    let design = &profile.design.as_ref().expect("design").value;
    assert_eq!(
        (&design["dates"]["months"], &design["page"]["paper"]),
        (&serde_json::json!("long"), &serde_json::json!("letter"))
    );
}

// ---- Markdown shapes
// Each shape people write in a Markdown résumé, from a fixture in `fixtures/import/markdown/`
// (fictional people), read into the profile's structure; what is left out is a note with its
// line and column.

/// Converts a Markdown file; returns the profile its YAML loads as, the YAML and the notes.
fn md_convert(path: &Path) -> (Profile, String, Vec<String>) {
    let options = ImportOptions { format: Some(Format::Markdown), ..ImportOptions::default() };
    let c = vitae::import::convert(path, None, &options).unwrap_or_else(|e| panic!("{}", e.render()));
    let profile = vitae::profile::parse(&c.yaml, "out.yaml").unwrap_or_else(|e| panic!("{}", e.render()));
    (profile, c.yaml, c.notes.iter().map(ToString::to_string).collect())
}

/// Converts a fixture of this group.
fn md_shape(name: &str) -> (Profile, String, Vec<String>) {
    md_convert(&fixture(&format!("markdown/{name}")))
}

/// The section titles of a profile.
fn titles(profile: &Profile) -> Vec<String> {
    profile.sections.iter().map(|s| s.title.to_plain()).collect()
}

/// The contact kinds of a profile, in order.
fn contact_kinds(profile: &Profile) -> Vec<vitae::profile::ContactKind> {
    profile.contacts.iter().map(|c| c.kind).collect()
}

/// Returns an entry as an item, or fails.
fn item(entry: &Entry) -> &vitae::profile::Item {
    match entry {
        Entry::Item(i) => i,
        other => panic!("not an item: {other:?}"),
    }
}

/// A range of dates from a start to an end (`None`: present).
fn range(start: Date, end: Option<Date>) -> Option<Dates> {
    Some(Dates::Range { start, end })
}

/// A year.
fn year(year: i32) -> Date {
    Date { year, month: None, day: None }
}

/// A setext name and headline, and a `## Name` at the top: the name is the first heading of
/// any level that reads as a name, so the PDF's author is the person, not "Anonymous".
#[test]
fn markdown_names_from_setext_and_any_heading_level() {
    use vitae::profile::ContactKind::{Email, GitHub, Phone, Website};
    let (p, _, notes) = md_shape("setext-name.md");
    assert_eq!(p.name.as_ref().map(|n| n.to_plain()).as_deref(), Some("Mira Castellanos"));
    assert_eq!(p.headline.as_ref().map(|n| n.to_plain()).as_deref(), Some("Data Engineer"));
    assert_eq!(contact_kinds(&p), [Email, Phone]);
    assert_eq!(titles(&p), ["Experience"]);
    assert!(notes.is_empty(), "{notes:?}");

    let (p, _, _) = md_shape("atx-level2-name.md");
    assert_eq!(p.name.as_ref().map(|n| n.to_plain()).as_deref(), Some("Tobias Wrenfield"));
    assert_eq!(p.headline, None, "`## Experience` is a section, not the headline");
    assert_eq!(contact_kinds(&p), [Email, GitHub, Website]);
    assert_eq!(titles(&p), ["Experience"]);
    let job = item(&section(&p, "Experience")[0]);
    assert_eq!(job.title.as_ref().unwrap().to_plain(), "Platform Engineer");
    assert_eq!(job.subtitle.as_ref().unwrap().to_plain(), "Harbor Labs");
    assert_eq!(job.dates, range(ym(2020, 1), Some(ym(2021, 3))));
}

/// A heading that does not read as a name (a greeting with an emoji, a section title) is not
/// taken as one.
#[test]
fn markdown_headings_that_are_not_names() {
    let tmp = TempDir::new();
    let path = tmp.write("r.md", "### Hi there 👋\n\nI build things.\n\n### Skills\n\n- Rust\n");
    let (p, _, _) = md_convert(&path);
    assert_eq!(p.name, None);
    assert_eq!(titles(&p), ["Hi there 👋", "Skills"]);
    let path = tmp.write("s.md", "## Experience\n\n### Acme\n\n- Shipped\n");
    let (p, _, _) = md_convert(&path);
    assert_eq!(p.name, None);
    assert_eq!(titles(&p), ["Experience"]);
    let path = tmp.write("t.md", "## Work History\n\n### Acme\n\n- Shipped\n\n## Education\n\n- BSc\n");
    let (p, _, _) = md_convert(&path);
    assert_eq!(p.name, None);
    assert_eq!(titles(&p), ["Work History", "Education"]);
    let path = tmp.write("u.md", "### José María de la Vega\n\n#### Experience\n\n- Shipped\n");
    let (p, _, _) = md_convert(&path);
    assert_eq!(p.name.as_ref().map(|n| n.to_plain()).as_deref(), Some("José María de la Vega"));
}

/// Labelled contacts (`Email:`, `**GitHub:**`), a list of them and a line separated by `·` and
/// `•` are contacts and a place, not bullets under an invented "Summary".
#[test]
fn markdown_contact_blocks_are_contacts() {
    use vitae::profile::ContactKind::{Email, GitHub, LinkedIn, Phone, Website};
    let (p, _, notes) = md_shape("contacts.md");
    assert_eq!(contact_kinds(&p), [Email, Phone, LinkedIn, GitHub, Email, Website, Phone]);
    assert_eq!(p.contacts[2].text, "linkedin.com/in/odilemarchetti");
    assert_eq!(p.contacts[5].text, "Portfolio");
    assert_eq!(p.location.as_ref().map(|l| l.to_plain()).as_deref(), Some("Milan, Italy"));
    assert_eq!(titles(&p), ["Experience"]);
    assert!(p.summary.is_empty(), "{:?}", p.summary);
    assert!(notes.is_empty(), "{notes:?}");

    // A "Contact" section of such lines is the contacts too, and says so.
    let tmp = TempDir::new();
    let md = "# Ana Ruiz\n\n## Contact\n\n- Email: ana@example.com\n- GitHub: anaruiz\n\n## Skills\n\n- Go\n";
    let (p, _, notes) = md_convert(&tmp.write("r.md", md));
    assert_eq!(contact_kinds(&p), [Email, GitHub]);
    assert_eq!(titles(&p), ["Skills"]);
    assert!(
        notes.iter().any(|n| n.starts_with("line 3: the section \"Contact\" is read as the contacts")),
        "{notes:?}"
    );
}

/// The common ways of writing dates become start and end, one form printing one way in the
/// whole file: under a heading, italic with a place after `|`, in the heading after `|`.
#[test]
fn markdown_date_lines_become_ranges() {
    let (p, yaml, _) = md_shape("dates.md");
    let jobs: Vec<&vitae::profile::Item> = section(&p, "Experience").iter().map(item).collect();
    let dates: Vec<Option<Dates>> = jobs.iter().map(|j| j.dates.clone()).collect();
    assert_eq!(
        dates,
        [
            range(ym(2014, 12), Some(ym(2016, 3))),
            range(ym(2016, 5), None),
            range(ym(2020, 1), None),
            range(year(2019), Some(year(2021))),
            range(year(2019), None),
            range(ym(2020, 1), Some(ym(2021, 3))),
            range(ym(2014, 12), None),
            range(ym(2020, 1), Some(ym(2021, 3))),
        ]
    );
    assert_eq!(jobs[0].title.as_ref().unwrap().to_plain(), "Logistics Analyst");
    assert_eq!(
        jobs[7].title.as_ref().unwrap().to_plain(),
        "Engineer",
        "a line of its own, not run into the dates"
    );
    assert_eq!(jobs[1].location.as_ref().unwrap().to_plain(), "Remote");
    assert_eq!(jobs[5].subtitle.as_ref().unwrap().to_plain(), "Cedar Group");
    let school = item(&section(&p, "Education")[0]);
    assert_eq!(school.dates, range(year(2010), Some(year(2014))));
    assert!(!yaml.contains("\ndate:") && !yaml.contains(" date: "), "no free-text dates left:\n{yaml}");
}

/// Front matter gives the name, headline, place and contacts; other keys are noted by name at
/// their line, and the heading repeating the name is not a section.
#[test]
fn markdown_front_matter_fills_the_header() {
    use vitae::profile::ContactKind::{Email, GitHub, Phone, Website};
    let (p, _, notes) = md_shape("front-matter.md");
    assert_eq!(p.name.as_ref().unwrap().to_plain(), "Selma Okonkwo");
    assert_eq!(p.headline.as_ref().unwrap().to_plain(), "Site Reliability Engineer");
    assert_eq!(p.location.as_ref().unwrap().to_plain(), "Leeds, UK");
    assert_eq!(contact_kinds(&p), [Email, Phone, Website, GitHub, Website]);
    assert_eq!(p.contacts[4].text, "Blog", "a link's key is its label");
    assert_eq!(titles(&p), ["Experience"]);
    assert_eq!(
        notes,
        [
            "11:1: the front-matter key `layout` has no place in a profile; left out: modern",
            "12:1: the front-matter key `tags` has no place in a profile; left out: sre, ops",
        ]
    );
}

/// Tool directives and comments are left out, each noted at its line and column.
#[test]
fn markdown_directives_are_noted_where_they_are() {
    let (p, yaml, notes) = md_shape("directives.md");
    assert_eq!(p.name.as_ref().unwrap().to_plain(), "Jonas Brekke");
    assert_eq!(titles(&p), ["Experience", "Skills"]);
    let job = item(&section(&p, "Experience")[0]);
    assert_eq!(job.subtitle.as_ref().unwrap().to_plain(), "Fjord Data");
    assert_eq!(job.highlights.items[0].text.to_plain(), "Built the lakehouse");
    let places: Vec<&str> = notes.iter().map(|n| n.split(": ").next().unwrap()).collect();
    assert_eq!(places, ["1:1", "5:1", "8:15", "10:16", "12:23", "14:1", "16:1", "18:1"], "{notes:#?}");
    assert!(notes[0].contains("`@import \"theme.less\"`"), "{notes:?}");
    assert!(notes[1].contains("HTML comment (\"TODO: shorten\")"), "{notes:?}");
    let body = yaml.lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>().join("\n");
    for debris in ["@import", "<!--", "{:", "{#", "pagebreak", "newpage"] {
        assert!(!body.contains(debris), "{debris} leaked:\n{body}");
    }
}

/// HTML tags give their text; icons and images are noted at their column; `<br>` in a point
/// is a space, noted (vitae's points have no line breaks); `<b>`, `<strong>`, `<em>` and `<i>` around text are markup, and no `**` or `<…>` is
/// left to print.
#[test]
fn markdown_html_is_read_and_icons_noted() {
    use vitae::profile::ContactKind::{Email, GitHub, Phone};
    let (p, yaml, notes) = md_shape("html.md");
    assert_eq!(contact_kinds(&p), [Email, Phone, GitHub]);
    let places: Vec<&str> = notes.iter().map(|n| n.split(": ").next().unwrap()).collect();
    assert_eq!(places, ["3:1", "3:52", "3:108", "9:37", "12:3"], "{notes:#?}");
    assert!(notes[3].contains("line break (`<br>`) inside a point"), "{notes:?}");
    assert!(notes[4].contains("with its text \"star\""), "{notes:?}");
    let job = item(&section(&p, "Experience")[0]);
    let points: Vec<String> = job.highlights.items.iter().map(|i| i.text.to_plain()).collect();
    assert_eq!(
        points,
        [
            "Led firmware work across three teams",
            "Wrote the motion planner and tuned it",
            "Empty tags and spaced bold",
            "Awarded twice",
        ]
    );
    assert!(yaml.contains("\"Led **firmware** work across three teams\""), "{yaml}");
    assert!(yaml.contains("\"Wrote the *motion planner* and *tuned* it\""), "{yaml}");
    assert!(yaml.contains("\"Empty tags and **spaced** bold\""), "{yaml}");
    for text in points.iter().chain(std::iter::once(&job.subtitle.as_ref().unwrap().to_plain())) {
        assert!(!text.contains(['<', '>', '*']), "markup leaked into {text:?}");
    }
}

/// Headings written as list items are headings; nested numbered lists keep their nesting;
/// numbering vitae cannot print as written (a start at 3, letters, a third level) is noted.
#[test]
fn markdown_lists_keep_headings_nesting_and_numbers() {
    let (p, _, notes) = md_shape("list-headings.md");
    assert_eq!(titles(&p), ["Experience", "Achievements", "Steps"]);
    let jobs: Vec<&vitae::profile::Item> = section(&p, "Experience").iter().map(item).collect();
    let names: Vec<String> = jobs.iter().map(|j| j.subtitle.as_ref().unwrap().to_plain()).collect();
    assert_eq!(names, ["Solace Health", "Brightline Media"]);
    assert_eq!(jobs[0].highlights.items.len(), 2);
    let planned = &jobs[1].highlights;
    assert!(planned.numbered);
    assert_eq!(planned.items[0].text.to_plain(), "Planned the migration");
    assert!(planned.items[0].children.numbered);
    let subs: Vec<String> = planned.items[0].children.items.iter().map(|i| i.text.to_plain()).collect();
    assert_eq!(subs, ["Inventory", "Cut-over"]);
    let steps = item(&section(&p, "Steps")[0]);
    assert_eq!(steps.highlights.items[0].children.items.len(), 2);
    assert_eq!(steps.highlights.items[1].children.items.len(), 2, "the third level moves up a level");
    assert_eq!(notes.len(), 3, "{notes:#?}");
    assert!(notes[0].starts_with("line 16: the point numbered 3"), "{notes:?}");
    assert!(notes[1].starts_with("line 22: lettered points"), "{notes:?}");
    assert!(notes[2].starts_with("line 26: points nested more than two levels"), "{notes:?}");
    for entry in section(&p, "Experience") {
        let text = format!("{entry:?}");
        assert!(!text.contains('#'), "a heading mark leaked: {text}");
    }
}

/// A quote nested 100,000 levels deep is read in linear time, as one level, and noted.
#[test]
fn markdown_deep_quotes_are_bounded() {
    let tmp = TempDir::new();
    let deep = format!("# Ada Byte\n\n{}Keeps going.\n\n> > Two levels.\n", "> ".repeat(100_000));
    let path = tmp.write("deep.md", deep);
    let started = std::time::Instant::now();
    let (p, yaml, notes) = md_convert(&path);
    // Linear work takes well under a second even in a debug build; a quadratic reading of a
    // 200,000-character line would take minutes.
    assert!(started.elapsed().as_secs() < 30, "took {:?}", started.elapsed());
    assert_eq!(p.name.as_ref().unwrap().to_plain(), "Ada Byte");
    assert!(yaml.contains("Keeps going.") && yaml.contains("Two levels."), "{yaml}");
    assert!(!yaml.contains("> >"), "quote markers leaked");
    assert_eq!(notes, ["3:1: a quote nested 100000 levels deep is read as one level (the limit is 32)"]);
}

/// A document with nothing left to place (empty, or only a comment and a directive) is an
/// error about the whole file; a stray `<!--` is text, not the start of a comment swallowing the
/// rest of the file.
#[test]
fn markdown_without_text_is_an_error_and_a_stray_comment_is_text() {
    let tmp = TempDir::new();
    for text in ["", "<!-- only a comment -->\n\\newpage\n"] {
        // Nothing to print is an error about the file as a whole, never "a bug in the importer".
        let path = tmp.write("empty.md", text);
        let e =
            vitae::import::convert(&path, None, &ImportOptions::default()).expect_err("nothing to import");
        assert!(e.message.contains("as a whole holds nothing that makes a résumé"), "{}", e.message);
        assert!(!e.message.contains("cannot load"), "{}", e.message);
    }
    let (p, _, notes) = md_convert(&tmp.write("stray.md", "# Jo Ng\n\n<!-- stray\n\n## Skills\n\n- Go\n"));
    assert_eq!(titles(&p), ["Skills"]);
    let headline = p.headline.as_ref().map(|h| h.to_plain());
    assert_eq!(headline.as_deref(), Some("<!-- stray"), "the stray marker is kept as text");
    assert_eq!(notes[0], "3:1: a `<!--` that is never closed is kept as text");
}

/// `import::load_text` (the entry of the playground and the server: text, no file system) reads every format as
/// `load_profile` reads the file, notes and positions included.
#[test]
fn load_text_reads_every_format_as_the_file_is_read() {
    let files = [
        "tests/fixtures/import/jsonresume-sample.json",
        "tests/fixtures/import/unknown-keys.json",
        "tests/fixtures/import/rendercv-john-doe.yaml",
        "tests/fixtures/import/yamlresume-full.yml",
        "tests/fixtures/import/markdown/contacts.md",
        "samples/anurag-mohanty.yaml",
    ];
    for file in files {
        let path = std::path::Path::new(file);
        let text = std::fs::read_to_string(path).expect("fixture");
        let from_file = vitae::load_profile(path).expect(file);
        let options = vitae::import::ImportOptions::default();
        let from_text = vitae::import::load_text(&text, file, &options).expect(file);
        assert_eq!(format!("{from_text:?}"), format!("{from_file:?}"), "{file}");
    }
    let strict = vitae::import::ImportOptions { strict: true, format: None };
    let text = std::fs::read_to_string("tests/fixtures/import/unknown-keys.json").expect("fixture");
    let e = vitae::import::load_text(&text, "jd.json", &strict).unwrap_err();
    assert_eq!((e.file.as_str(), e.line > 0), ("jd.json", true));
}
