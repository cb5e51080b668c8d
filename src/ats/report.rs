//! A [`Report`] as text for people: a table of field kinds (how many, how many intact and in
//! order in each reading model), one line per lost field, the hazards, and a summary line.

use std::fmt;

use super::{FieldKind, Report, Status};

/// The field kinds in the order the table lists them.
const KINDS: [FieldKind; 9] = [
    FieldKind::Name,
    FieldKind::Email,
    FieldKind::Phone,
    FieldKind::Link,
    FieldKind::Section,
    FieldKind::Title,
    FieldKind::Organization,
    FieldKind::Dates,
    FieldKind::Skill,
];

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{:<14}{:>7}{:>11}{:>10}", "field", "count", "blocks ok", "lines ok")?;
        for kind in KINDS {
            let of_kind: Vec<_> = self.fields.iter().filter(|r| r.field.kind == kind).collect();
            if of_kind.is_empty() {
                continue;
            }
            let intact = |model: fn(&super::FieldReport) -> Status| {
                of_kind.iter().filter(|r| model(r) == Status::Intact).count()
            };
            let (b, l) = (intact(|r| r.blocks), intact(|r| r.lines));
            writeln!(f, "{:<14}{:>7}{:>11}{:>10}", kind.name(), of_kind.len(), b, l)?;
        }
        for r in self.lost() {
            let (kind, text) = (r.field.kind.name(), &r.field.text);
            writeln!(f, "lost: {kind} {text:?}: blocks {}, lines {}", r.blocks.name(), r.lines.name())?;
        }
        for h in &self.hazards {
            writeln!(f, "hazard: {} ({}): {}", h.kind.name(), h.count, h.examples.join("; "))?;
        }
        let lost = self.lost().count();
        let n = self.fields.len();
        write!(f, "{} of {n} fields intact and in order in both reading models", n - lost)?;
        writeln!(f, ", {} page(s), {} hazard kind(s)", self.pages, self.hazards.len())
    }
}
