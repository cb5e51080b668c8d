//! Tests of `import::rendercv`.

use super::entries::{point, title};
use super::*;

#[test]
fn titles_from_keys() {
    assert_eq!(title("selected_honors"), "Selected Honors");
    assert_eq!(title("experience"), "Experience");
    assert_eq!(title("My Projects"), "My Projects");
}

#[test]
fn themes_map_to_layouts() {
    assert_eq!(layout_for_theme("classic"), "classic");
    assert_eq!(layout_for_theme("sb2nov"), "classic");
    assert_eq!(layout_for_theme("engineeringresumes"), "compact");
    assert_eq!(layout_for_theme("moderncv"), "modern");
    assert_eq!(layout_for_theme("something-custom"), "classic");
}

#[test]
fn languages_become_tags() {
    assert_eq!(bcp47("english").as_deref(), Some("en"));
    assert_eq!(bcp47("mandarin_chinese").as_deref(), Some("zh"));
    assert_eq!(bcp47("de").as_deref(), Some("de"));
    assert_eq!(bcp47("hungarian").as_deref(), Some("hu"));
    assert_eq!(bcp47("klingon"), None);
}

#[test]
fn nested_points_split_on_dashes() {
    let Out::Map(m) = point("Published - ICML 2022 - NeurIPS") else { panic!("expected a map") };
    assert!(m.has("highlights"));
    assert_eq!(point("Co-Founder"), Out::Text("Co-Founder".into()));
}
