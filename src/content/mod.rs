//! Profile + Theme → Content: the résumé as a flat sequence of styled blocks (paragraphs, heading
//! lines with a right-aligned part, rules), each knowing its spacing and what it must stay with.
//! Every style lookup in the theme happens here, once, so layout never consults the theme's roles.
//!
//! `ir` holds the types that cross to layout; `builder` walks the profile, with the header in
//! `header`, sections and entries in `entries` and the contact icons in `icons`; `letter`
//! builds a cover letter's content from the profile and its letter, with the same builder; `fonts`
//! then looks every run's face up once, so layout reads a font id. Dates are
//! printed by [`crate::locale::format_dates`].
//!
//! Unstable: hidden from vitae's documentation and public only for vitae's own CLI, tests,
//! benches and fuzzers; free to change in any release (see `ARCHITECTURE.md`).

mod builder;
mod entries;
mod fonts;
mod header;
mod icons;
mod ir;
mod letter;
#[cfg(test)]
mod tests;

pub use builder::{build, build_dated, format_dates, resolve};
pub use ir::{
    Align, Block, BlockKind, Content, Direction, Hyphenation, Metadata, PageSetup, Paragraph, Role, Run,
    RunStyle, SidebarContent,
};
pub use letter::{build_letter, day_of};
