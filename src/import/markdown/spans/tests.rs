//! Tests of `import::markdown::spans`.

use super::latex::MAX_LATEX_DEPTH;
use super::*;

fn run(text: &str) -> String {
    convert(text, &mut Vec::new())
}

#[test]
fn html_breaks_tags_and_entities() {
    assert_eq!(run("**Biffbot**</br>x"), format!("**Biffbot**{BREAK}x"));
    assert_eq!(
        run("a <b>bold</b> &amp; <a href=\"https://x.org\">link</a>"),
        "a **bold** & [link](https://x.org)"
    );
    assert_eq!(run("see <https://x.org/a>"), "see https://x.org/a");
}

#[test]
fn latex_debris() {
    assert_eq!(run("$\\bullet$  Owned a dataplane"), "Owned a dataplane");
    assert_eq!(run("100 ms  $\\to$  100  $\\mu$ s"), "100 ms → 100 μ s");
    assert_eq!(
        run("$\\textbf{PlanGrid} \\rightarrow \\textbf{Autodesk (acquisition)}$"),
        "**PlanGrid** → **Autodesk (acquisition)**"
    );
    assert_eq!(run("saving $97,000 and $40,000"), "saving $97,000 and $40,000");
    assert_eq!(run("reduced cost by **\\$60k**"), "reduced cost by **\\$60k**");
    assert_eq!(run("\\$60k and \\$70k \\to"), "\\$60k and \\$70k →");
    assert_eq!(run("ullet Designed it"), "Designed it");
}

#[test]
fn links_without_targets_keep_their_label() {
    assert_eq!(run("[Sourcegraph](#), Remote"), "Sourcegraph, Remote");
}

#[test]
fn underscores_and_images() {
    assert_eq!(run("__bold__ and __init__ and a__b__c"), "**bold** and **init** and a__b__c");
    assert_eq!(run("![logo](logo.png) Acme"), "logo Acme");
}

#[test]
fn trailing_dates() {
    let split = trailing_date;
    assert_eq!(
        split("Remote (Boston, MA) 2/2022 - Present"),
        Some(("Remote (Boston, MA)".into(), "2/2022 - Present".into()))
    );
    assert_eq!(
        split("Los Angeles, CA July 2012 - June 2016"),
        Some(("Los Angeles, CA".into(), "July 2012 - June 2016".into()))
    );
    assert_eq!(split("5/2021 - 8/2021"), Some((String::new(), "5/2021 - 8/2021".into())));
    assert_eq!(split("Jan. 2020 - Dec. 2021"), Some((String::new(), "Jan. 2020 - Dec. 2021".into())));
    assert_eq!(split("Systems Engineer, Argo Smart Routing"), None);
    assert_eq!(split("Top posts of 2019 on Hacker News"), None);
}

#[test]
fn leading_dates() {
    assert_eq!(
        leading_date("Mar 2021 - **Software Engineer** – Sourcegraph"),
        Some(("Mar 2021".into(), "**Software Engineer** – Sourcegraph".into(), true))
    );
    assert_eq!(
        leading_date("Aug 2023 A Code Search Platform"),
        Some(("Aug 2023".into(), "A Code Search Platform".into(), false))
    );
    assert_eq!(
        leading_date("2014 **Bachelor of Technology**"),
        Some(("2014".into(), "**Bachelor of Technology**".into(), false))
    );
    assert_eq!(leading_date("Software Engineer"), None);
    assert_eq!(leading_date("May 2017"), None);
}

#[test]
fn html_markup_only_around_text() {
    let mut problems = Vec::new();
    let out =
        convert("<b></b>a <b> b </b> <strong><b>c</b></strong> <i>d <i>e</i></i> <b>open", &mut problems);
    assert_eq!(out, "a **b** **c** *d e* open");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(run("a < b and c > d"), "a < b and c > d");
    assert_eq!(run("x &#8211; y &#x2013; z &#; &#99999999;"), "x – y – z &#; &#99999999;");
}

#[test]
fn icons_and_images_are_noted() {
    let mut problems = Vec::new();
    let out = convert(
        "<i class=\"fab fa-github\"></i> me <svg><path/></svg><img src=\"a.png\" alt=\"logo\"> <span class=\"bi-x\">x</span>",
        &mut problems,
    );
    assert_eq!(out, "me");
    assert_eq!(problems.len(), 4, "{problems:?}");
    assert!(problems[2].contains("(described as \"logo\")"), "{problems:?}");
    assert!(problems[3].contains("with its text \"x\""), "{problems:?}");
}

#[test]
fn nested_latex_styles_in_one_pass() {
    assert_eq!(run("\\textbf{a \\emph{b} c}"), "**a *b* c**");
    let deep = format!("{}x{}", "\\text{".repeat(50_000), "}".repeat(50_000));
    let mut problems = Vec::new();
    assert_eq!(convert(&deep, &mut problems), "x");
    assert_eq!(problems.len(), 50_000 - MAX_LATEX_DEPTH);
}

#[test]
fn ranges_written_without_spaces() {
    assert_eq!(trailing_date("Alder Works 2019–2021"), Some(("Alder Works".into(), "2019 – 2021".into())));
    assert_eq!(trailing_date("2019-present"), Some((String::new(), "2019 - present".into())));
    assert_eq!(trailing_date("Acme–Corp"), None);
}
