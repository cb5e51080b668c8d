//! Lengths and positions shared by every stage: [`Pt`], [`Point`], [`Size`], [`Rect`].
//!
//! All layout arithmetic happens in PostScript points (1/72 inch) stored as `f64`. A named
//! tolerance decides when two lengths are "the same", so comparisons never hinge on the last bit
//! of a float.
//!
//! Unstable: hidden from vitae's documentation and public only for vitae's own CLI, tests,
//! benches and fuzzers; free to change in any release (see `ARCHITECTURE.md`).

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};

/// A length in PostScript points.
#[derive(Debug, Default, Clone, Copy, PartialEq, PartialOrd)]
pub struct Pt(pub f64);

impl Pt {
    /// Lengths closer than this are equal: a thousandth of a point is far below what any
    /// printer resolves (a 2400 dpi device dot is 0.03 pt) yet far above float noise.
    pub const TOLERANCE: f64 = 1e-3;

    /// The zero length.
    pub const ZERO: Pt = Pt(0.0);

    /// Returns the length in points as a plain number.
    pub fn get(self) -> f64 {
        self.0
    }

    /// Whether `self` fits into `space`, allowing for [`Pt::TOLERANCE`].
    pub fn fits(self, space: Pt) -> bool {
        self.0 <= space.0 + Self::TOLERANCE
    }

    /// Whether the two lengths are equal within [`Pt::TOLERANCE`].
    pub fn approx_eq(self, other: Pt) -> bool {
        (self.0 - other.0).abs() <= Self::TOLERANCE
    }

    /// Returns the larger of the two lengths.
    pub fn max(self, other: Pt) -> Pt {
        if other.0 > self.0 { other } else { self }
    }

    /// Returns the smaller of the two lengths.
    pub fn min(self, other: Pt) -> Pt {
        if other.0 < self.0 { other } else { self }
    }

    /// Converts millimetres to points (25.4 mm to the inch, 72 pt to the inch).
    pub fn from_mm(mm: f64) -> Pt {
        Pt(mm * 72.0 / 25.4)
    }

    /// Rounds to 0.01 pt, the precision of the golden dumps.
    pub fn rounded(self) -> f64 {
        let r = (self.0 * 100.0).round() / 100.0;
        // Avoid printing "-0.00".
        if r == 0.0 { 0.0 } else { r }
    }
}

impl fmt::Display for Pt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}", self.rounded())
    }
}

impl Add for Pt {
    type Output = Pt;
    fn add(self, o: Pt) -> Pt {
        Pt(self.0 + o.0)
    }
}

impl Sub for Pt {
    type Output = Pt;
    fn sub(self, o: Pt) -> Pt {
        Pt(self.0 - o.0)
    }
}

impl AddAssign for Pt {
    fn add_assign(&mut self, o: Pt) {
        self.0 += o.0;
    }
}

impl SubAssign for Pt {
    fn sub_assign(&mut self, o: Pt) {
        self.0 -= o.0;
    }
}

impl Neg for Pt {
    type Output = Pt;
    fn neg(self) -> Pt {
        Pt(-self.0)
    }
}

impl Mul<f64> for Pt {
    type Output = Pt;
    fn mul(self, k: f64) -> Pt {
        Pt(self.0 * k)
    }
}

impl Div<f64> for Pt {
    type Output = Pt;
    fn div(self, k: f64) -> Pt {
        Pt(self.0 / k)
    }
}

impl Sum for Pt {
    fn sum<I: Iterator<Item = Pt>>(iter: I) -> Pt {
        iter.fold(Pt::ZERO, Add::add)
    }
}

/// A position on a page; the origin is the top-left corner and y grows downwards (as in krilla).
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Point {
    /// Distance from the left edge.
    pub x: Pt,
    /// Distance from the top edge.
    pub y: Pt,
}

impl Point {
    /// Creates a point.
    pub fn new(x: Pt, y: Pt) -> Point {
        Point { x, y }
    }
}

/// A width and a height.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Size {
    /// Horizontal extent.
    pub w: Pt,
    /// Vertical extent.
    pub h: Pt,
}

impl Size {
    /// Creates a size.
    pub fn new(w: Pt, h: Pt) -> Size {
        Size { w, h }
    }
}

/// An axis-aligned rectangle: its top-left corner and its size.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Rect {
    /// The top-left corner.
    pub origin: Point,
    /// The extent.
    pub size: Size,
}

impl Rect {
    /// Creates a rectangle from its top-left corner and size.
    pub fn new(origin: Point, size: Size) -> Rect {
        Rect { origin, size }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_allows_tolerance_but_not_more() {
        assert!(Pt(100.0005).fits(Pt(100.0)));
        assert!(!Pt(100.01).fits(Pt(100.0)));
        assert!(Pt(99.0).fits(Pt(100.0)));
    }

    #[test]
    fn rounding_never_prints_negative_zero() {
        assert_eq!(format!("{}", Pt(-0.001)), "0.00");
        assert_eq!(format!("{}", Pt(12.345)), "12.35");
    }

    #[test]
    fn millimetres_convert_to_points() {
        assert!(Pt::from_mm(210.0).approx_eq(Pt(595.276)));
    }

    #[test]
    fn arithmetic_and_sum() {
        let s: Pt = [Pt(1.0), Pt(2.5), Pt(-0.5)].into_iter().sum();
        assert!(s.approx_eq(Pt(3.0)));
        assert!((Pt(3.0) * 2.0 - Pt(1.0) / 2.0).approx_eq(Pt(5.5)));
        assert_eq!(Pt(1.0).max(Pt(2.0)), Pt(2.0));
    }
}

/// An sRGB colour, 8 bits a channel.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Color {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
}

impl Color {
    /// Black, the default text colour.
    pub const BLACK: Color = Color { r: 0, g: 0, b: 0 };

    /// Creates a colour from its channels.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Color {
        Color { r, g, b }
    }
}
