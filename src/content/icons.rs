//! The icons set before contacts: colour emoji from the bundled emoji face, which extract as the
//! same characters (real text, never private-use garbage).

use crate::profile;

/// The icon before the location in the sidebar.
pub(super) const LOCATION_ICON: &str = "📍";

/// Returns the icon of a contact kind: colour emoji from the bundled emoji face, which extract
/// as the same characters (real text, never private-use garbage).
pub(super) fn icon(kind: profile::ContactKind) -> &'static str {
    use profile::ContactKind as K;
    match kind {
        K::Email => "✉️",
        K::Phone => "📞",
        K::Website => "🌐",
        K::GitHub | K::GitLab => "💻",
        K::LinkedIn => "💼",
        K::Twitter => "🐦",
        K::Mastodon => "🐘",
        K::StackOverflow => "📚",
    }
}
