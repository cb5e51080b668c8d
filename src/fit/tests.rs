use super::*;
use crate::theme::Paper;

/// The papers every sample is rendered on.
const PAPERS: [Paper; 2] = [Paper::A4, Paper::Letter];

/// Returns the samples' paths, sorted.
fn samples() -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir("samples")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    v.sort();
    v
}

#[test]
fn every_sample_layout_and_paper_takes_at_most_the_promised_layouts() {
    let fonts = FontBook::bundled();
    let (mut total, mut cases) = (0, 0);
    for path in samples() {
        let profile = crate::load_profile(&path).unwrap();
        for (layout, _) in crate::theme::BUNDLED {
            for paper in PAPERS {
                let overrides = crate::Overrides { layout: Some(layout), paper: Some(paper) };
                let theme = crate::resolve_theme(&profile, &overrides).unwrap();
                let limit = profile.pages.or(theme.pages);
                let dates = Dates::resolve(&profile, &LayoutOptions::default());
                let fitted = Driver::new(&profile, &theme, &fonts, dates).run(limit);
                let case = format!("{} {layout} {paper:?}", path.display());
                assert!((1..=MAX_LAYOUTS).contains(&fitted.layouts), "{case}: {}", fitted.layouts);
                eprintln!("{case}: {} layout(s)", fitted.layouts);
                total += fitted.layouts;
                cases += 1;
            }
        }
    }
    assert_eq!(cases, samples().len() * crate::theme::BUNDLED.len() * PAPERS.len());
    eprintln!("{cases} renders, {total} layouts");
}

/// A profile of `n` entries of a few lines each, enough to spill onto a last page.
fn long_profile(n: usize) -> Profile {
    let entries: String = (0..n)
        .map(|i| {
            format!(
                "      - position: Role {i}\n        highlights:\n          - {}\n",
                "Shipped the thing. ".repeat(12)
            )
        })
        .collect();
    crate::profile::parse(
        &format!("name: Jane\nsections:\n  - title: Work\n    entries:\n{entries}"),
        "t.yaml",
    )
    .unwrap()
}

/// Returns the driver's result for a profile in classic.
fn drive(profile: &Profile, limit: Option<usize>) -> Fitted {
    let theme = crate::theme::load("classic").unwrap();
    Driver::new(profile, &theme, &FontBook::bundled(), Dates::default()).run(limit)
}

/// A profile of `keep` must-keep entries then `drop` entries of priority 0, 1, 2, …, each
/// entry a few lines long.
fn ranked(keep: usize, drop: usize) -> Profile {
    let entry = |name: String, priority: Option<usize>| {
        let priority = priority.map_or_else(String::new, |p| format!("        priority: {p}\n"));
        format!(
            "      - position: {name}\n{priority}        highlights:\n          - {}\n",
            "Shipped the thing. ".repeat(12)
        )
    };
    let entries: String = (0..keep)
        .map(|i| entry(format!("Keep {i}"), None))
        .chain((0..drop).map(|i| entry(format!("Drop {i}"), Some(i))))
        .collect();
    crate::profile::parse(
        &format!("name: Jane\nsections:\n  - title: Work\n    entries:\n{entries}"),
        "t.yaml",
    )
    .unwrap()
}

/// Returns the fit report of a profile fitted to one page in classic.
fn one_page(profile: &Profile) -> (Fitted, FitReport) {
    let fitted = drive(profile, Some(1));
    let report = fitted.report.clone().unwrap();
    assert!(fitted.layouts <= MAX_LAYOUTS_DROPPING, "{}", fitted.layouts);
    (fitted, report)
}

/// Returns the text of a document's pages.
fn text(document: &Document) -> String {
    crate::layout::text::plain_text(document)
}

#[test]
fn fit_by_priority_drops_nothing_when_tightening_suffices() {
    // Must-keep entries that fit when tightened: no drop, and nothing to drop anyway.
    let fitted = drive(&long_profile(1), Some(1));
    assert!(fitted.report.unwrap().dropped.is_empty());
    // Droppable entries that fit without dropping stay.
    let (fitted, report) = one_page(&ranked(2, 3));
    assert!(report.dropped.is_empty() && report.fitted);
    assert!(text(&fitted.document).contains("Drop 0"));
}

#[test]
fn fit_by_priority_drops_the_fewest_lowest_priority_entries() {
    // Grow the must-keep part until one, then several, droppable entries must go.
    let drops = |keep| one_page(&ranked(keep, 6)).1.dropped.len();
    let one = (4..40).find(|&k| drops(k) == 1).expect("some length needs one drop");
    let (fitted, report) = one_page(&ranked(one, 6));
    assert!(report.fitted, "{report}");
    assert_eq!(report.dropped, ["Work › Drop 0"]);
    assert!(
        fitted
            .warnings
            .iter()
            .any(|w| w.message == "dropped to fit on 1 page(s): Work › Drop 0 (priority 0)")
    );
    let (fitted, report) = one_page(&ranked(one + 3, 6));
    assert!(report.fitted && report.dropped.len() >= 3, "{report}");
    // Lowest priority first, and the fewest: one drop fewer is too long at the tightest.
    let expected: Vec<String> = (0..report.dropped.len()).map(|i| format!("Work › Drop {i}")).collect();
    assert_eq!(report.dropped, expected);
    let profile = ranked(one + 3, 6);
    let order = priority::drop_order(&profile);
    let theme = crate::theme::load("classic").unwrap();
    let fonts = FontBook::bundled();
    let mut driver = Driver::new(&profile, &theme, &fonts, Dates::default());
    let fewer = priority::without(&profile, &order[..report.dropped.len() - 1]);
    assert!(driver.layout(&fewer, 1.0).pages() > 1);
    // Every must-keep entry is still there.
    let text = text(&fitted.document);
    assert!((0..one + 3).all(|i| text.contains(&format!("Keep {i}\n"))), "{text}");
}

#[test]
fn fit_by_priority_drops_the_same_items_on_every_run() {
    let profile = ranked(24, 8);
    let runs: Vec<(Vec<String>, String)> = (0..3)
        .map(|_| {
            let (fitted, report) = one_page(&profile);
            (report.dropped, crate::layout::dump::dump(&fitted.document, &FontBook::bundled()))
        })
        .collect();
    assert!(!runs[0].0.is_empty());
    assert!(runs.iter().all(|r| *r == runs[0]));
}

#[test]
fn fit_by_priority_never_drops_a_must_keep_entry() {
    // Too many must-keep entries: every droppable one goes, the rest stays, too long.
    let (fitted, report) = one_page(&ranked(60, 3));
    assert!(!report.fitted);
    assert_eq!(report.dropped, ["Work › Drop 0", "Work › Drop 1", "Work › Drop 2"]);
    let text = text(&fitted.document);
    assert!((0..60).all(|i| text.contains(&format!("Keep {i}\n"))));
    assert!(fitted.warnings.iter().any(|w| w.message.starts_with("cannot fit on 1 page(s)")));
    // Without any priority nothing is dropped at all.
    let (_, report) = one_page(&ranked(60, 0));
    assert!(report.dropped.is_empty() && !report.fitted);
}

#[test]
fn a_short_last_page_search_reuses_the_natural_layout() {
    // Grow the profile until the natural layout leaves a nearly empty last page.
    let theme = crate::theme::load("classic").unwrap();
    let fonts = FontBook::bundled();
    let short = (10..80)
        .map(long_profile)
        .find(|p| {
            let (doc, _) = crate::staged::typeset(p, &theme, &fonts, &LayoutOptions::default());
            doc.pages.len() > 1 && doc.pages.last().is_some_and(|l| l.fill < SHORT_PAGE_FILL)
        })
        .expect("some length leaves a short last page");
    let fitted = drive(&short, None);
    // Natural, tightest, then either nothing more (too long) or the whole bisection.
    assert!([2, MAX_LAYOUTS].contains(&fitted.layouts), "{}", fitted.layouts);
    assert!(fitted.report.is_none());
}

#[test]
fn a_natural_layout_that_fits_is_laid_out_once() {
    let fitted = drive(&long_profile(1), None);
    assert_eq!(fitted.layouts, 1);
    let fitted = drive(&long_profile(1), Some(1));
    assert_eq!((fitted.layouts, fitted.report.map(|r| r.layouts)), (1, Some(1)));
}

#[test]
fn the_natural_layout_is_the_theme_tightened_by_nothing() {
    // The driver lays the natural document out in the theme itself, not a tightened copy:
    // that must give the same pages as tightening by 0 did.
    let theme = crate::theme::load("classic").unwrap();
    let (tight0, k) = theme.tightened(0.0);
    assert_eq!(k, Tightening::NONE);
    let profile = long_profile(30);
    let fonts = FontBook::bundled();
    let options = LayoutOptions::default();
    let dump = |t: &Theme| {
        crate::layout::dump::dump(&crate::staged::typeset(&profile, t, &fonts, &options).0, &fonts)
    };
    assert_eq!(dump(&theme), dump(&tight0));
}

#[test]
fn dates_come_from_the_profile_else_the_creation_date() {
    let mut profile = Profile::default();
    let epoch = LayoutOptions { creation_date: Some(1_700_000_000) };
    // 1 700 000 000 s is 2023-11-14T22:13:20Z.
    let dates = Dates::resolve(&profile, &epoch);
    assert_eq!(dates.created, Some(1_700_000_000));
    assert_eq!(dates.updated, Some(Date { year: 2023, month: Some(11), day: None }));
    profile.updated = Some(Date { year: 2024, month: Some(5), day: None });
    let dates = Dates::resolve(&profile, &LayoutOptions::default());
    // 2024-05-01 is day 19 844 of the epoch.
    assert_eq!(dates.created, Some(19_844 * 86_400));
    assert_eq!(dates.updated, profile.updated);
    let both = Dates::resolve(&profile, &epoch);
    assert_eq!((both.created, both.updated), (Some(1_700_000_000), profile.updated));
    assert_eq!(Dates::resolve(&Profile::default(), &LayoutOptions::default()), Dates::default());
}

#[test]
fn a_moment_before_the_epoch_falls_in_its_own_month() {
    // One second before 1970 is in December 1969, not January 1970.
    assert_eq!(month_of(-1), Date { year: 1969, month: Some(12), day: None });
    assert_eq!(date_seconds(Date { year: 1970, month: None, day: None }), 0);
}
