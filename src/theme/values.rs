//! Value types a layout file writes as strings: lengths (`18mm`, `10pt`, `0.5in`), paper names
//! and colours (`#1f4e79`, `rgb(31, 78, 121)`, `black`).

use serde::{Deserialize, Deserializer, de};

use crate::geom::{Color, Pt, Size};

/// A length written with a unit; a bare number means points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Length(Pt);

impl Length {
    /// A length in points.
    pub const fn points(v: f64) -> Length {
        Length(Pt(v))
    }

    /// A length in millimetres.
    pub fn mm(v: f64) -> Length {
        Length(Pt::from_mm(v))
    }

    /// Returns the length in points.
    pub fn pt(self) -> Pt {
        self.0
    }

    /// Returns the length multiplied by `k`.
    pub fn scaled(self, k: f64) -> Length {
        Length(self.0 * k)
    }
}

/// Parses `12pt`, `18mm`, `1.5cm`, `0.5in` or a bare number of points.
pub fn parse_length(s: &str) -> Result<Pt, String> {
    let s = s.trim();
    let split = s.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let v: f64 = num.trim().parse().map_err(|_| format!("`{s}` is not a length"))?;
    if !v.is_finite() || v < 0.0 {
        return Err(format!("`{s}` must be a non-negative length"));
    }
    let factor = match unit {
        "" | "pt" => 1.0,
        "mm" => 72.0 / 25.4,
        "cm" => 72.0 / 2.54,
        "in" => 72.0,
        _ => return Err(format!("unknown unit `{unit}` in `{s}` (use pt, mm, cm or in)")),
    };
    Ok(Pt(v * factor))
}

impl<'de> Deserialize<'de> for Length {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Length, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Length;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a length such as `10pt`, `18mm` or `0.5in`")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Length, E> {
                parse_length(&v.to_string()).map(Length).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Length, E> {
                Ok(Length(Pt(v as f64)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Length, E> {
                parse_length(&v.to_string()).map(Length).map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Length, E> {
                parse_length(v).map(Length).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

/// A length in ems of some text's size, written as a bare number (`1.6`); never negative.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Em(pub f64);

/// The largest length in ems a layout may give: ten ems is wider than any icon or gap needs, and
/// a bound keeps a typo (`160`) from pushing text off the page.
const MAX_EMS: f64 = 10.0;

/// Checks a length in ems: a finite number from 0 to [`MAX_EMS`].
pub fn parse_em(v: f64) -> Result<Em, String> {
    if v.is_finite() && (0.0..=MAX_EMS).contains(&v) {
        Ok(Em(v))
    } else {
        Err(format!("`{v}` must be a number of ems from 0 to {MAX_EMS}"))
    }
}

impl<'de> Deserialize<'de> for Em {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Em, D::Error> {
        parse_em(f64::deserialize(d)?).map_err(de::Error::custom)
    }
}

/// A paper size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
    /// ISO A5, 148 × 210 mm.
    A5,
    /// US Legal, 8.5 × 14 in.
    Legal,
}

impl Paper {
    /// Returns the page size in points.
    pub fn size(self) -> Size {
        match self {
            Paper::A4 => Size::new(Pt::from_mm(210.0), Pt::from_mm(297.0)),
            Paper::Letter => Size::new(Pt(612.0), Pt(792.0)),
            Paper::A5 => Size::new(Pt::from_mm(148.0), Pt::from_mm(210.0)),
            Paper::Legal => Size::new(Pt(612.0), Pt(1008.0)),
        }
    }

    /// Parses a paper name as given on the command line.
    pub fn from_name(name: &str) -> Option<Paper> {
        match name.to_ascii_lowercase().as_str() {
            "a4" => Some(Paper::A4),
            "letter" => Some(Paper::Letter),
            "a5" => Some(Paper::A5),
            "legal" => Some(Paper::Legal),
            _ => None,
        }
    }
}

/// A colour as a layout writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub Color);

/// Parses `#rgb`, `#rrggbb`, `rgb(r, g, b)` or a few CSS names.
pub fn parse_color(s: &str) -> Result<Color, String> {
    let t = s.trim().to_ascii_lowercase();
    let named = match t.as_str() {
        "black" => Some(Color::rgb(0, 0, 0)),
        "white" => Some(Color::rgb(255, 255, 255)),
        "gray" | "grey" => Some(Color::rgb(128, 128, 128)),
        "navy" => Some(Color::rgb(0, 0, 128)),
        "teal" => Some(Color::rgb(0, 128, 128)),
        "maroon" => Some(Color::rgb(128, 0, 0)),
        _ => None,
    };
    if let Some(c) = named {
        return Ok(c);
    }
    if let Some(hex) = t.strip_prefix('#') {
        return parse_hex(hex).ok_or_else(|| format!("`{s}` is not a hex colour"));
    }
    if let Some(inner) = t.strip_prefix("rgb(").and_then(|r| r.strip_suffix(')')) {
        let parts: Vec<_> = inner.split(',').map(|p| p.trim().parse::<u8>()).collect();
        if let [Ok(r), Ok(g), Ok(b)] = parts[..] {
            return Ok(Color::rgb(r, g, b));
        }
    }
    Err(format!("`{s}` is not a colour (use #rrggbb, rgb(r, g, b) or a name such as black)"))
}

/// Parses 3 or 6 hex digits.
fn parse_hex(hex: &str) -> Option<Color> {
    let digits: Vec<u8> = hex.chars().map(|c| c.to_digit(16).map(|d| d as u8)).collect::<Option<_>>()?;
    match digits[..] {
        [r, g, b] => Some(Color::rgb(r * 17, g * 17, b * 17)),
        [r1, r2, g1, g2, b1, b2] => Some(Color::rgb(r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2)),
        _ => None,
    }
}

impl<'de> Deserialize<'de> for Rgb {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Rgb, D::Error> {
        let s = String::deserialize(d)?;
        parse_color(&s).map(Rgb).map_err(de::Error::custom)
    }
}

/// Returns the first line of a message (serde-saphyr appends snippets after it).
pub fn first_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or_default();
    // The YAML library prefixes "error: line N column M: ", which the position already says.
    let line = line.strip_prefix("error: ").unwrap_or(line);
    let bare = line
        .strip_prefix("line ")
        .and_then(|rest| rest.split_once(": "))
        .filter(|(place, _)| place.contains(" column "))
        .map_or(line, |(_, message)| message);
    bare.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_in_all_units() {
        assert_eq!(parse_length("10pt"), Ok(Pt(10.0)));
        assert_eq!(parse_length("1in"), Ok(Pt(72.0)));
        assert!(parse_length("25.4mm").unwrap().approx_eq(Pt(72.0)));
        assert!(parse_length("2.54cm").unwrap().approx_eq(Pt(72.0)));
        assert_eq!(parse_length("7"), Ok(Pt(7.0)));
        assert!(parse_length("3furlongs").is_err());
        assert!(parse_length("-3pt").is_err());
    }

    #[test]
    fn ems_are_bounded_numbers() {
        assert_eq!(parse_em(1.6), Ok(Em(1.6)));
        assert_eq!(parse_em(0.0), Ok(Em(0.0)));
        assert_eq!(parse_em(MAX_EMS), Ok(Em(MAX_EMS)));
        assert!(parse_em(-0.5).is_err());
        assert!(parse_em(10.5).is_err());
        assert!(parse_em(f64::NAN).is_err());
    }

    #[test]
    fn colours_in_all_forms() {
        assert_eq!(parse_color("#1f4e79"), Ok(Color::rgb(0x1f, 0x4e, 0x79)));
        assert_eq!(parse_color("#fff"), Ok(Color::rgb(255, 255, 255)));
        assert_eq!(parse_color("rgb(1, 2, 3)"), Ok(Color::rgb(1, 2, 3)));
        assert_eq!(parse_color("Black"), Ok(Color::BLACK));
        assert!(parse_color("#12345").is_err());
        assert!(parse_color("rgb(300,0,0)").is_err());
    }
}
