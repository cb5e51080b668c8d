//! Pages: cuts the vertical list into pages at permitted breaks (`breaking`) and places every
//! box, link, bookmark and footer on its page (`place`), producing the frames the exporter draws.

mod breaking;
mod place;

pub use breaking::{PageParams, PageSpan, break_pages};
pub use place::{Column, add_footers, place_column, tint_pages};
