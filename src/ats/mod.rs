//! What an applicant tracking system reads back: PDF bytes and the profile they were rendered
//! from → a report, field by field and reading model by model, of what comes back intact and
//! in order, and of the hazards in the file.
//!
//! extract (bytes → positioned glyph runs) → reading (runs → lines, by two models) → fields
//! (profile → the fields to find; each searched in each model's text) → hazards. Nothing here
//! looks at the layout's own structures: the PDF is read as any other program would read it.

mod cmap;
pub(crate) mod extract;
#[doc(hidden)]
pub mod fields;
#[doc(hidden)]
pub mod hazards;
pub(crate) mod reading;
mod report;

use std::collections::BTreeMap;

pub use extract::{ExtractError, Extraction, Run, extract};
pub use fields::{Field, FieldKind};
pub use hazards::{Hazard, HazardKind};
pub use reading::{Line, Model};

use crate::profile::Profile;
use crate::theme::Theme;

/// How a field came back in one reading model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Found whole, after the entries before it.
    Intact,
    /// Found whole, but before an entry that precedes it in the profile.
    OutOfOrder,
    /// Found only by joining a hyphenated line break: a keyword search misses it.
    Split,
    /// A section title found as text, but not as a heading line of its own: the parser does
    /// not start a section there.
    NotHeading,
    /// Not found.
    Missing,
}

impl Status {
    /// Returns the status as the report prints it.
    pub fn name(self) -> &'static str {
        match self {
            Status::Intact => "intact",
            Status::OutOfOrder => "out of order",
            Status::Split => "split by hyphenation",
            Status::NotHeading => "not a heading",
            Status::Missing => "missing",
        }
    }
}

/// One field and how each model read it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FieldReport {
    /// The field.
    #[serde(flatten)]
    pub field: Field,
    /// Its status in the blocks model.
    pub blocks: Status,
    /// Its status in the lines model.
    pub lines: Status,
}

impl FieldReport {
    /// Whether the field is lost: not intact and in order in some model.
    pub fn lost(&self) -> bool {
        self.blocks != Status::Intact || self.lines != Status::Intact
    }
}

/// What an ATS reads back from one PDF.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Report {
    /// The number of pages read.
    pub pages: usize,
    /// Every expected field, in profile order.
    pub fields: Vec<FieldReport>,
    /// The hazards found, by kind.
    pub hazards: Vec<Hazard>,
    /// The text each model read, line by line: what the ATS sees.
    pub text: Vec<ModelText>,
}

/// The lines one reading model read, in its reading order.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ModelText {
    /// The model.
    pub model: Model,
    /// Its lines.
    pub lines: Vec<String>,
}

impl Report {
    /// Returns the fields that are lost in some model.
    pub fn lost(&self) -> impl Iterator<Item = &FieldReport> {
        self.fields.iter().filter(|f| f.lost())
    }
}

/// Reads a rendered PDF back and checks the profile's fields in it.
///
/// # Errors
///
/// An [`ExtractError`] when the bytes cannot be read as a PDF.
pub fn check(pdf: &[u8], profile: &Profile, theme: &Theme) -> Result<Report, ExtractError> {
    let extraction = extract(pdf)?;
    Ok(analyse(&extraction, &fields::expected(profile, theme)))
}

/// Reads extracted runs with both models and checks each field in each.
pub fn analyse(x: &Extraction, expected: &[Field]) -> Report {
    let blocks = reading::read(&x.runs, x.pages.len(), Model::Blocks);
    let lines = reading::read(&x.runs, x.pages.len(), Model::Lines);
    let in_blocks = Search::new(&blocks, None);
    let in_lines = Search::of_items(&lines);
    let outside_footer = Search::new(&blocks, Some(x));
    let b = in_blocks.statuses(expected, false);
    let l = in_lines.statuses(expected, true);
    let fields: Vec<FieldReport> = expected
        .iter()
        .zip(b.into_iter().zip(l))
        .map(|(f, (blocks, lines))| FieldReport { field: f.clone(), blocks, lines })
        .collect();
    let mut hazards = hazards::of_runs(x, &blocks, &lines);
    hazards.extend(field_hazards(&blocks, &fields, &outside_footer));
    hazards.sort_by_key(|h| h.kind);
    let text = [(Model::Blocks, &blocks), (Model::Lines, &lines)]
        .map(|(model, ls)| ModelText { model, lines: ls.iter().map(|l| l.text.clone()).collect() })
        .to_vec();
    Report { pages: x.pages.len(), fields, hazards, text }
}

/// Finds the hazards of the fields: hyphenation (a field split, or a soft hyphen in the
/// text) and fields found only in the footer zone.
fn field_hazards(blocks: &[Line], fields: &[FieldReport], outside_footer: &Search) -> Vec<Hazard> {
    let quoted = |f: &FieldReport| format!("{} {:?}", f.field.kind.name(), f.field.text);
    let mut split: Vec<String> =
        fields.iter().filter(|f| f.blocks == Status::Split || f.lines == Status::Split).map(quoted).collect();
    split.extend(soft_hyphens(blocks));
    let footer = fields
        .iter()
        .filter(|f| f.blocks == Status::Intact || f.blocks == Status::OutOfOrder)
        .filter(|f| outside_footer.find(&f.field, 0).is_none())
        .map(quoted)
        .collect();
    [hazards::of_fields(HazardKind::Hyphenation, split), hazards::of_fields(HazardKind::FooterOnly, footer)]
        .into_iter()
        .flatten()
        .collect()
}

/// Returns each word a soft hyphen splits, marked `stream|line`: it extracts as two pieces
/// with an invisible character between them, which no keyword search matches.
fn soft_hyphens(lines: &[Line]) -> Vec<String> {
    let mut out = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        for (k, piece) in line.text.split('\u{AD}').enumerate().skip(1) {
            let before = line.text.split('\u{AD}').nth(k - 1).and_then(|p| p.split_whitespace().next_back());
            let after = match piece.split_whitespace().next() {
                Some(w) => Some(w),
                None => lines.get(n + 1).and_then(|l| l.text.split_whitespace().next()),
            };
            out.push(format!("a soft hyphen splits {}|{}", before.unwrap_or(""), after.unwrap_or("")));
        }
    }
    out
}

/// What separates two threads of items in the lines model's search text: not a letter, digit
/// or hyphen, so no field is found across it and no hyphenated break is joined over it.
const THREAD_BREAK: &str = "\u{1}";

/// One model's text, folded for search, with its dehyphenated forms and heading lines.
struct Search {
    /// The lines joined by line breaks, folded.
    text: String,
    /// The lines joined with hyphenated breaks undone, hyphen dropped and kept, folded.
    dehyphenated: [String; 2],
    /// The heading lines, folded, without leading symbols.
    headings: Vec<String>,
}

impl Search {
    /// Prepares the search of the blocks model's lines; with `without_footer`, lines wholly in
    /// the footer zone of those pages are left out.
    fn new(lines: &[Line], without_footer: Option<&Extraction>) -> Search {
        let kept = |l: &&Line| {
            without_footer.is_none_or(|x| {
                !l.runs.iter().all(|&r| x.runs.get(r).is_some_and(|run| hazards::in_footer(run, &x.pages)))
            })
        };
        let texts: Vec<&str> = lines.iter().filter(kept).map(|l| l.text.as_str()).collect();
        Search::of(&texts, Vec::new())
    }

    /// Prepares the search of the lines model: a field must lie inside one item, or in items
    /// that continue one another down a column (`reading::threads`), never across two items of
    /// one line. Threads are searched one after the other, a break between them that no field
    /// spans.
    fn of_items(lines: &[Line]) -> Search {
        let item = |&(n, k): &(usize, usize)| lines.get(n).and_then(|l| l.items.get(k));
        let mut texts: Vec<&str> = Vec::new();
        for thread in reading::threads(lines) {
            texts.extend(thread.iter().filter_map(item).map(|i| i.text.as_str()));
            texts.push(THREAD_BREAK);
        }
        let headings =
            lines.iter().flat_map(|l| &l.items).filter(|i| i.heading).map(|i| heading_key(&i.text));
        Search::of(&texts, headings.collect())
    }

    /// Folds texts read in order, and their dehyphenated forms, for search.
    fn of(texts: &[&str], headings: Vec<String>) -> Search {
        Search {
            text: fields::fold(&fields::joined(texts, None)),
            dehyphenated: [false, true].map(|keep| fields::fold(&fields::joined(texts, Some(keep)))),
            headings,
        }
    }

    /// Finds a field's text whole at or after `from`.
    fn find(&self, field: &Field, from: usize) -> Option<usize> {
        fields::find_from(&self.text, &fields::fold(&field.text), from)
    }

    /// Returns each field's status, entries checked in order within their section; with
    /// `headings`, a section title must also be a heading line.
    fn statuses(&self, expected: &[Field], headings: bool) -> Vec<Status> {
        let mut order = BTreeMap::new();
        expected.iter().map(|f| self.status(f, headings, &mut order)).collect()
    }

    /// Returns one field's status; `order` keeps per section the current entry, where it
    /// starts, and where the entry before it started.
    fn status(&self, f: &Field, headings: bool, order: &mut BTreeMap<usize, EntryCursor>) -> Status {
        if self.find(f, 0).is_none() {
            let needle = fields::fold(&f.text);
            let split = self.dehyphenated.iter().any(|t| fields::find_from(t, &needle, 0).is_some());
            return if split { Status::Split } else { Status::Missing };
        }
        if f.kind == FieldKind::Section && headings && !self.headings.contains(&heading_key(&f.text)) {
            return Status::NotHeading;
        }
        let (Some(section), Some(entry)) = (f.section, f.entry) else { return Status::Intact };
        let cursor = order.entry(section).or_default();
        cursor.enter(entry);
        match self.find(f, cursor.previous) {
            Some(at) => {
                cursor.start.get_or_insert(at);
                Status::Intact
            }
            // Found only before the entry that precedes it.
            None => Status::OutOfOrder,
        }
    }
}

/// Where the entries of one section were found, to check their order.
#[derive(Debug, Default)]
struct EntryCursor {
    /// The entry being checked.
    entry: Option<usize>,
    /// Where its first field was found.
    start: Option<usize>,
    /// Where the entry before it was found: its fields must come after.
    previous: usize,
}

impl EntryCursor {
    /// Moves to entry `e` when it is a new one.
    fn enter(&mut self, e: usize) {
        if self.entry != Some(e) {
            if let Some(start) = self.start.take() {
                self.previous = start;
            }
            self.entry = Some(e);
        }
    }
}

/// Returns a heading's text folded and without leading symbols (an emoji or bullet before a
/// section title), as headings are compared.
fn heading_key(text: &str) -> String {
    fields::fold(text).trim_start_matches(|c: char| !c.is_alphanumeric()).trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(y: f64, text: &str) -> Run {
        let width = 5.0 * text.chars().count() as f64;
        Run {
            page: 0,
            x: 50.0,
            y,
            width,
            size: 10.0,
            text: text.into(),
            font: "Inter".into(),
            type3: false,
            unmapped: 0,
        }
    }

    fn field(kind: FieldKind, text: &str, section: Option<usize>, entry: Option<usize>) -> Field {
        Field { kind, text: text.into(), section, entry }
    }

    fn statuses(runs: Vec<Run>, fields: &[Field]) -> Vec<(Status, Status)> {
        let x = Extraction { runs, pages: vec![(595.0, 842.0)] };
        analyse(&x, fields).fields.iter().map(|f| (f.blocks, f.lines)).collect()
    }

    #[test]
    fn entries_read_back_in_another_order_are_out_of_order() {
        let runs = vec![run(100.0, "EXPERIENCE"), run(120.0, "Beta Corp"), run(140.0, "Alpha Inc")];
        let fields = [
            field(FieldKind::Section, "Experience", None, None),
            field(FieldKind::Organization, "Alpha Inc", Some(0), Some(0)),
            field(FieldKind::Organization, "Beta Corp", Some(0), Some(1)),
        ];
        let intact = (Status::Intact, Status::Intact);
        assert_eq!(statuses(runs, &fields), [intact, intact, (Status::OutOfOrder, Status::OutOfOrder)]);
    }

    #[test]
    fn a_section_title_inside_a_sentence_is_not_a_heading_and_absent_text_is_missing() {
        let runs = vec![run(100.0, "my experience with things and more words than a heading has")];
        let fields = [
            field(FieldKind::Section, "Experience", None, None),
            field(FieldKind::Name, "Jane Doe", None, None),
        ];
        let got = statuses(runs, &fields);
        assert_eq!(got, [(Status::Intact, Status::NotHeading), (Status::Missing, Status::Missing)]);
    }

    #[test]
    fn a_title_wrapped_beside_another_column_is_intact_in_lines_unless_the_gutter_is_narrower_than_a_character()
     {
        // The sidebar's title wraps over two lines; the main column's lines share its baselines.
        let page = |gutter: f64| {
            let at = |x: f64, y: f64, text: &str| Run { x, ..run(y, text) };
            let main = 50.0 + 5.0 * 11.0 + gutter;
            vec![
                at(50.0, 100.0, "Bachelor of"),
                at(main, 100.0, "Led the migration"),
                at(50.0, 112.0, "Science (5)"),
                at(main, 112.0, "to Kubernetes"),
            ]
        };
        let fields = [field(FieldKind::Title, "Bachelor of Science", Some(0), Some(0))];
        // A typical character is 5 pt wide here: a 40 pt gutter keeps the columns apart.
        assert_eq!(statuses(page(40.0), &fields), [(Status::Intact, Status::Intact)]);
        // 3 pt is narrower than a character: each line is one item, the title in two halves.
        assert_eq!(statuses(page(3.0), &fields)[0].1, Status::Missing);
    }
}
