//! Tests of the whole loader: the complete example of `docs/profile.md`, the samples, one
//! fixture per error kind (`tests/fixtures/bad`), loading from disk, and random mutations.

use std::path::{Path, PathBuf};

use super::*;

/// The spec, whose last YAML block is the complete example.
const SPEC: &str = include_str!("../../docs/profile.md");

/// Returns the complete example from the spec.
fn example() -> &'static str {
    let start = SPEC.find("## A complete example").expect("the spec has a complete example");
    let body = &SPEC[start..];
    let yaml = &body[body.find("```yaml\n").expect("a yaml block") + 8..];
    &yaml[..yaml.find("```").expect("a closed block")]
}

/// Returns a path relative to the repository root (works from the main crate and from a
/// scratch crate that includes this module by absolute path).
fn repo_path(relative: &str) -> PathBuf {
    Path::new(file!())
        .parent()
        .and_then(Path::parent)
        .and_then(Path::parent)
        .unwrap_or(Path::new("."))
        .join(relative)
}

fn plain(text: &str) -> Rich {
    Rich::plain(text)
}

fn bold_in(before: &str, bold: &str, after: &str) -> Rich {
    let span = |text: &str, bold: bool| Span {
        text: text.into(),
        style: SpanStyle { bold, ..SpanStyle::default() },
        link: None,
    };
    Rich {
        spans: vec![span(before, false), span(bold, true), span(after, false)]
            .into_iter()
            .filter(|s| !s.text.is_empty())
            .collect(),
    }
}

fn point(text: &str) -> ListItem {
    ListItem { text: plain(text), ..ListItem::default() }
}

fn points(texts: &[&str]) -> List {
    List { numbered: false, items: texts.iter().map(|t| point(t)).collect() }
}

fn month(year: i32, month: u8) -> Date {
    Date { year, month: Some(month), day: None }
}

fn year(year: i32) -> Date {
    Date { year, month: None, day: None }
}

fn range(start: Date, end: Option<Date>) -> Option<Dates> {
    Some(Dates::Range { start, end })
}

fn item(kind: ItemKind, title: Rich) -> Item {
    Item {
        kind,
        title: Some(title),
        subtitle: None,
        about: None,
        location: None,
        dates: None,
        url: None,
        summary: Vec::new(),
        highlights: List::default(),
        footer: Vec::new(),
        tailoring: Tailoring::default(),
    }
}

fn section(title: &str, entries: Vec<Entry>) -> Section {
    Section { title: plain(title), intro: None, entries, id: None, tags: Vec::new() }
}

fn contact(kind: ContactKind, text: &str, url: &str) -> Contact {
    Contact { kind, text: text.into(), url: url.into() }
}

/// The complete example as the model should hold it.
fn expected_example() -> Profile {
    let staff = Item {
        subtitle: Some(plain("Example GmbH")),
        about: Some(plain("A payments company")),
        location: Some(plain("Berlin")),
        dates: range(month(2021, 3), None),
        highlights: List {
            numbered: false,
            items: vec![
                ListItem {
                    text: bold_in("Led the migration to ", "Kubernetes", ", cutting costs by 30%."),
                    ..ListItem::default()
                },
                ListItem {
                    text: plain("Built the deployment pipeline"),
                    children: points(&["Canary releases", "Automatic roll-back"]),
                    tailoring: Tailoring::default(),
                },
            ],
        },
        ..item(ItemKind::Experience, plain("Staff Engineer"))
    };
    let fubo = Group {
        organization: plain("FuboTV"),
        about: Some(plain("Streaming television")),
        location: None,
        dates: range(month(2017, 8), None),
        summary: Vec::new(),
        roles: vec![
            Item {
                dates: range(month(2019, 8), None),
                highlights: points(&["Migrated applications to Helm."]),
                ..item(ItemKind::Experience, plain("Staff SRE"))
            },
            Item {
                dates: range(month(2017, 8), Some(month(2019, 8))),
                highlights: points(&["Built the deployment orchestration."]),
                ..item(ItemKind::Experience, plain("Senior SRE"))
            },
        ],
        footer: vec![bold_in("", "Technical Environment:", " Google Cloud, Kubernetes")],
        tailoring: Tailoring::default(),
    };
    let degree = Item {
        subtitle: Some(plain("University of Massachusetts Amherst")),
        dates: range(year(2004), Some(year(2009))),
        ..item(ItemKind::Education, plain("Bachelor of Science, Applied Mathematics"))
    };
    let biffbot = Item {
        url: Some("https://github.com/tevren/biffbot".into()),
        summary: vec![plain("A Ruby library for the Diffbot API.")],
        ..item(ItemKind::Project, plain("Biffbot"))
    };
    Profile {
        name: Some(plain("Jane Doe")),
        headline: Some(plain("Staff Engineer")),
        location: Some(plain("Berlin, Germany")),
        contacts: vec![
            contact(ContactKind::Email, "jane@example.com", "mailto:jane@example.com"),
            contact(ContactKind::Phone, "+49 30 1234567", "tel:+49301234567"),
            contact(ContactKind::GitHub, "github.com/janedoe", "https://github.com/janedoe"),
            contact(ContactKind::Website, "jane.example.com", "https://jane.example.com"),
        ],
        summary: vec![bold_in("Engineer with ", "ten years", " of experience in distributed systems.")],
        lang: "en".into(),
        languages: vec!["en".into()],
        hyphenation: vec![HyphenationException { word: "Kubernetes".into(), breaks: vec![2, 5, 7] }],
        keywords: vec!["Rust".into(), "Go".into(), "Python".into()],
        sections: vec![
            section("Experience", vec![Entry::Item(staff), Entry::Group(fubo)]),
            section("Education", vec![Entry::Item(degree)]),
            section(
                "Skills",
                vec![Entry::Row(Row {
                    label: plain("Languages"),
                    details: plain("Rust, Go, Python"),
                    tailoring: Tailoring::default(),
                })],
            ),
            section("Projects", vec![Entry::Item(biffbot)]),
            section("Interests", vec![Entry::Bullet(point("Climbing")), Entry::Bullet(point("Photography"))]),
        ],
        ..Profile::default()
    }
}

#[test]
fn a_section_intro_is_read_as_rich_text() {
    let yaml = "name: Jane\nsections:\n  - title: Work\n    intro: \"**Position** · Company\"\n    entries:\n      - Shipped it\n";
    let p = parse(yaml, "cv.yaml").unwrap();
    let intro = p.sections[0].intro.as_ref().expect("intro");
    assert_eq!(intro.to_plain(), "Position · Company");
    assert_ne!(*intro, plain("Position · Company"), "the bold markup is kept");
    // A misspelt key is an error that suggests `intro`.
    let e = parse("name: Jane\nsections:\n  - title: Work\n    intor: x\n    entries: []\n", "cv.yaml")
        .unwrap_err();
    assert!(e.render().contains("intro"), "{}", e.render());
}

#[test]
fn complete_example_parses_into_the_model() {
    let profile = parse(example(), "example.yaml").unwrap_or_else(|e| panic!("{}", e.render()));
    // The profile keeps the text it was read from, for the PDF to carry.
    assert_eq!(profile, Profile { source: Some(example().to_string()), ..expected_example() });
}

#[test]
fn standard_and_embed_source_are_read_and_a_bad_standard_points_at_its_line() {
    let p = parse("name: A\nstandard: a-3b, ua-1\nembed_source: false\n", "cv.yaml").unwrap();
    let want = crate::pdf::Standards { archival: Some(crate::pdf::Archival::A3b), ua1: true };
    assert_eq!((p.standard, p.embed_source), (Some(want), Some(false)));
    let e = parse("name: A\nstandard: a-1b,a-2b\n", "cv.yaml").unwrap_err();
    assert_eq!(e.line, 2, "{}", e.render());
    assert!(e.message.contains("unknown PDF standard \"a-1b\""), "{}", e.message);
}

#[test]
fn every_sample_loads() {
    let dir = repo_path("samples");
    let mut count = 0;
    for path in yaml_files(&dir) {
        load(&path).unwrap_or_else(|e| panic!("{}", e.render()));
        count += 1;
    }
    assert!(count > 0, "no samples in {}", dir.display());
}

/// Lists the `.yaml` files of a directory, sorted.
fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.retain(|p| p.extension().is_some_and(|x| x == "yaml"));
    files.sort();
    files
}

/// Reads a fixture's `# expect:` or `# hint:` header.
fn header(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|l| l.strip_prefix(key)).map(str::to_owned)
}

/// Checks one bad fixture; returns a description of the mismatch, if any.
fn check_fixture(path: &Path) -> Option<String> {
    let text = String::from_utf8_lossy(&std::fs::read(path).ok()?).into_owned();
    let expect = header(&text, "# expect: ")?;
    let hint = header(&text, "# hint: ");
    let error = match load(path) {
        Ok(_) => return Some(format!("{}: loaded without error", path.display())),
        Err(error) => error,
    };
    let shown = error.to_string();
    let got = shown.strip_prefix(&format!("{}:", error.file)).unwrap_or(&shown).trim_start();
    let got_hint = error.hint.as_deref().and_then(|h| h.lines().next()).map(str::to_owned);
    (got != expect || got_hint != hint).then(|| {
        format!("{}:\n  expected {expect} / {hint:?}\n  got      {got} / {got_hint:?}", path.display())
    })
}

#[test]
fn bad_fixtures_report_the_expected_errors() {
    let files = yaml_files(&repo_path("tests/fixtures/bad"));
    assert!(files.len() >= 40, "fixtures missing");
    let failures: Vec<String> = files.iter().filter_map(|f| check_fixture(f)).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn rendered_error_shows_the_line_a_caret_and_the_hint() {
    let source =
        "sections:\n  - title: Experience\n    entries:\n      - position: Engineer\n        hilights: [x]\n";
    let error = parse(source, "cv.yaml").unwrap_err();
    let expected = "unknown key `hilights`
 --> cv.yaml:5:9
  |
5 |         hilights: [x]
  |         ^^^^^^^^
hint: did you mean `highlights`?";
    assert_eq!(error.render(), expected);
    assert_eq!((error.line, error.column), (5, 9));
}

#[test]
fn errors_without_position_render_as_one_line() {
    let error = parse("", "cv.yaml").unwrap_err();
    assert_eq!((error.line, error.column), (0, 0));
    assert!(
        error.render().starts_with(
            "cv.yaml: the file as a whole is empty: it holds no profile\nhint: a minimal profile"
        )
    );
}

#[test]
fn a_file_over_the_limit_is_refused() {
    let huge = format!("name: Jane\nsummary: \"{}\"\n", "a".repeat(MAX_FILE_BYTES));
    let error = parse(&huge, "cv.yaml").unwrap_err();
    assert_eq!(
        error.to_string(),
        "cv.yaml: the file as a whole is larger than the limit of 2 MiB for a profile"
    );
}

#[test]
fn load_reports_unreadable_files_without_position() {
    let error = load(Path::new("/nonexistent/vitae/cv.yaml")).unwrap_err();
    assert_eq!(error.to_string(), "/nonexistent/vitae/cv.yaml: cannot read the file: no such file");
    assert_eq!((error.line, error.column), (0, 0));
}

#[test]
fn load_accepts_a_byte_order_mark_and_crlf() {
    let path = std::env::temp_dir().join(format!("vitae-profile-bom-{}.yaml", std::process::id()));
    std::fs::write(&path, b"\xEF\xBB\xBFname: Jane Doe\r\nheadline: Engineer\r\n").expect("temp file");
    let profile = load(&path);
    let _ = std::fs::remove_file(&path);
    let profile = profile.unwrap_or_else(|e| panic!("{}", e.render()));
    assert_eq!(profile.name, Some(plain("Jane Doe")));
    assert_eq!(profile.headline, Some(plain("Engineer")));
}

#[test]
fn entries_of_every_kind_map_onto_the_model() {
    let source = "
sections:
  - title: Misc
    entries:
      - degree: MSc
        institution: ETH Zürich
        score: GPA 5.8/6
        date: 2015
      - kind: talk
        name: Rust at scale
        venue: RustConf
        url: www.example.com/talk
        date: Summer 2019
      - kind: award
        name: Best paper
      - bullet: Main point
        numbered: true
        highlights: [one, two]
      - text: |
          First paragraph
          continues here.

          Second paragraph.
      - yes
      - 1.50
";
    let profile = parse(source, "cv.yaml").unwrap_or_else(|e| panic!("{}", e.render()));
    let entries = &profile.sections[0].entries;
    let Entry::Item(msc) = &entries[0] else { panic!("{:?}", entries[0]) };
    assert_eq!(
        (msc.kind, msc.about.clone(), msc.dates.clone()),
        (ItemKind::Education, Some(plain("GPA 5.8/6")), Some(Dates::Single(year(2015))))
    );
    let Entry::Item(talk) = &entries[1] else { panic!("{:?}", entries[1]) };
    assert_eq!((talk.kind, talk.subtitle.clone()), (ItemKind::Talk, Some(plain("RustConf"))));
    assert_eq!(talk.url.as_deref(), Some("https://www.example.com/talk"));
    assert_eq!(talk.dates, Some(Dates::Text("Summer 2019".into())));
    assert!(matches!(&entries[2], Entry::Item(Item { kind: ItemKind::Award, .. })));
    let Entry::Bullet(main) = &entries[3] else { panic!("{:?}", entries[3]) };
    assert_eq!(main.children, List { numbered: true, items: vec![point("one"), point("two")] });
    assert_eq!(entries[4], Entry::Paragraph(plain("First paragraph continues here.")));
    assert_eq!(entries[5], Entry::Paragraph(plain("Second paragraph.")));
    assert_eq!(entries[6], Entry::Bullet(point("yes")));
    assert_eq!(entries[7], Entry::Bullet(point("1.50")));
}

#[test]
fn keywords_come_from_skills_sections_when_absent() {
    let source = "
sections:
  - title: 🛠 Technical Skills
    entries:
      - label: Languages
        details: Rust, Go , **Python**
      - Docker, Kubernetes, rust
  - title: Experience
    entries:
      - Not, a, skill
";
    let profile = parse(source, "cv.yaml").unwrap_or_else(|e| panic!("{}", e.render()));
    assert_eq!(profile.keywords, ["Rust", "Go", "Python", "Docker", "Kubernetes"]);
    assert_eq!(profile.lang, "en");
}

/// A small deterministic random generator (xorshift64), so the mutation test is reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % u64::try_from(bound.max(1)).unwrap_or(1)).unwrap_or(0)
    }
}

/// Mutates text once: deletes, inserts, duplicates or swaps characters and lines.
fn mutate(chars: &mut Vec<char>, rng: &mut Rng) {
    const PALETTE: &[char] = &[
        ':', '-', ' ', '\n', '\t', '[', ']', '{', '}', '*', '_', '`', '&', '!', '|', '>', '#', '"', '\'',
        '\\', '%', '@', '(', ')', 'a', '9', 'é', '🚀', '\u{0}',
    ];
    let at = rng.next(chars.len() + 1);
    match rng.next(4) {
        0 if at < chars.len() => {
            let end = (at + 1 + rng.next(8)).min(chars.len());
            chars.drain(at..end);
        }
        1 => chars.insert(at, PALETTE[rng.next(PALETTE.len())]),
        2 => {
            let from = rng.next(chars.len());
            let piece: Vec<char> = chars[from..(from + rng.next(40)).min(chars.len())].to_vec();
            chars.splice(at..at, piece);
        }
        _ => {
            let other = rng.next(chars.len() + 1);
            let (a, b) = (at.min(other), at.max(other));
            chars[a..b].reverse();
        }
    }
}

#[test]
fn random_mutations_never_panic() {
    let mut rng = Rng(0x5EED_CAFE_F00D_1234);
    let mut outcomes = [0usize; 2];
    for _ in 0..3_000 {
        let mut chars: Vec<char> = example().chars().collect();
        for _ in 0..=rng.next(4) {
            mutate(&mut chars, &mut rng);
        }
        let text: String = chars.into_iter().collect();
        match parse(&text, "fuzz.yaml") {
            Ok(_) => outcomes[0] += 1,
            Err(error) => {
                let _ = (error.render(), error.to_string());
                outcomes[1] += 1;
            }
        }
    }
    // Both outcomes must occur, or the mutations are not exercising anything.
    assert!(outcomes[0] > 100 && outcomes[1] > 100, "{outcomes:?}");
}

#[test]
fn numbers_and_escapes_are_worded_for_people() {
    let e = parse("name: A\npages: -1\n", "x.yaml").unwrap_err();
    assert_eq!((e.line, e.column), (2, 8));
    assert_eq!(e.message, "expected a whole number, 1 or more");
    let e = parse("name: A\npages: 99999999999\n", "x.yaml").unwrap_err();
    assert_eq!(e.message, "expected a whole number, 1 or more");
    let e = parse("name: \"\\ud800 x\"\n", "x.yaml").unwrap_err();
    assert_eq!((e.line, e.column), (1, 7));
    assert!(e.message.contains("surrogate"), "{}", e.message);
    assert!(!e.message.contains("not closed"), "{}", e.message);
}

/// Parses a profile that must load.
fn loads(source: &str) -> Profile {
    parse(source, "cv.yaml").unwrap_or_else(|e| panic!("{}", e.render()))
}

#[test]
fn without_lang_the_language_comes_from_the_texts_script() {
    let ja = "
name: 山田 太郎
headline: ソフトウェアエンジニア
contacts:
  - email: taro.yamada@example.com
  - github: taro-yamada-example
sections:
  - title: 職歴
    entries:
      - position: バックエンドエンジニア
        organization: Example株式会社
        highlights: [PythonとGoで決済APIを開発しました]
";
    assert_eq!(loads(ja).lang, "ja");
    let ru = "name: Иван Петров\nsections:\n  - title: Опыт работы\n    entries: [Разрабатывал системы платежей]\n";
    assert_eq!(loads(ru).lang, "ru");
    let ko = "name: 김민준\nheadline: 백엔드 개발자\n";
    assert_eq!(loads(ko).lang, "ko");
    // Latin script: English, whatever the language, unless `lang` says otherwise.
    assert_eq!(loads("name: Jürgen Müller\nheadline: Softwareentwickler für Zahlungssysteme\n").lang, "en");
    assert_eq!(loads("name: Jane\n").lang, "en");
    // Nothing but numbers and addresses: no letters to go by.
    assert_eq!(loads("contacts:\n  - email: 2024@example.com\n").lang, "en");
}

#[test]
fn an_explicit_lang_wins_over_the_script() {
    assert_eq!(loads("lang: zh-Hant\nname: 山田 太郎\n").lang, "zh-Hant");
    assert_eq!(loads("lang: de\nname: Иван Петров\n").lang, "de");
}

#[test]
fn a_malformed_lang_is_located_with_a_hint() {
    let cases = [
        ("lang: pt_BR\n", "`pt-BR`"),
        ("lang: Deutsch\n", "`de`"),
        ("lang: german\n", "`de`"),
        ("lang: 日本語\n", "`ja`"),
        ("lang: e\n", "BCP 47"),
        ("name: Jane\nlang: en--GB\n", "BCP 47"),
    ];
    for (source, hint) in cases {
        let Err(e) = parse(source, "cv.yaml") else { panic!("{source} loads") };
        assert!(e.message.contains("is not a language tag"), "{}", e.message);
        assert_eq!(e.line, source.lines().count(), "{source}");
        assert!(e.hint.as_deref().is_some_and(|h| h.contains(hint)), "{source}: {:?}", e.hint);
    }
}

#[test]
fn a_layout_that_cannot_be_found_is_reported_at_the_profiles_layout_line() {
    let p = parse("name: Jane\n\nlayout:  nosuch\n", "cv.yaml").unwrap();
    let at = p.layout_at.0.as_ref().expect("the layout's position");
    assert_eq!((at.file.as_str(), at.line, at.column), ("cv.yaml", 3, 10));
    let e = crate::resolve_theme(&p, &crate::Overrides::default()).unwrap_err();
    assert!(e.to_string().starts_with("cv.yaml:3:10: `layout: nosuch`: no layout named `nosuch`"), "{e}");
    // A layout chosen by the caller is the caller's to report: no profile line.
    let chosen = crate::Overrides { layout: Some("nosuch"), paper: None };
    let e = crate::resolve_theme(&p, &chosen).unwrap_err();
    assert!(e.to_string().starts_with("nosuch: no layout named"), "{e}");
}

#[test]
fn a_profile_without_layout_has_no_layout_position() {
    assert_eq!(parse("name: Jane\n", "cv.yaml").unwrap().layout_at.0, None);
}
