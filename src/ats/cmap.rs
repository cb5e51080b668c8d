//! Reads a font's `ToUnicode` CMap: the `bfchar` and `bfrange` tables that map character codes
//! to Unicode text (PDF 32000-1, 9.10.3), which is what every text extractor uses first.

use std::collections::BTreeMap;

/// The most codes one `bfrange` may map: a range over all two-byte codes, and no more, so a
/// hostile range cannot fill memory.
const MAX_RANGE: u32 = 0x1_0000;

/// Character codes to the Unicode text they stand for.
#[derive(Debug, Clone, Default)]
pub struct ToUnicode {
    /// Each mapped code and its text.
    map: BTreeMap<u32, String>,
}

impl ToUnicode {
    /// Parses the text of a `ToUnicode` CMap stream; entries that cannot be read are skipped.
    pub fn parse(data: &[u8]) -> ToUnicode {
        let tokens = tokens(data);
        let mut map = BTreeMap::new();
        let mut i = 0;
        while let Some(token) = tokens.get(i) {
            match token {
                Token::Word(w) if w == "beginbfchar" => i = bfchar(&tokens, i + 1, &mut map),
                Token::Word(w) if w == "beginbfrange" => i = bfrange(&tokens, i + 1, &mut map),
                _ => i += 1,
            }
        }
        ToUnicode { map }
    }

    /// Returns the text a code stands for, if the CMap maps it.
    pub fn get(&self, code: u32) -> Option<&str> {
        self.map.get(&code).map(String::as_str)
    }
}

/// The most codes one CMap may map in all: every two-byte code twice over, against a hostile
/// CMap of many large ranges.
const MAX_CODES: usize = 0x2_0000;

/// A token of a CMap: a hex string `<…>` (its bytes), an array bracket or a word.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// The bytes of a `<…>` string.
    Hex(Vec<u8>),
    /// `[`.
    Open,
    /// `]`.
    Close,
    /// Any other run of non-space characters.
    Word(String),
}

/// Splits a CMap into tokens.
fn tokens(data: &[u8]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut bytes = data.iter().copied().peekable();
    while let Some(b) = bytes.next() {
        match b {
            b'<' => {
                let digits: Vec<u8> = bytes.by_ref().take_while(|&c| c != b'>').collect();
                out.push(Token::Hex(hex_bytes(&digits)));
            }
            b'[' => out.push(Token::Open),
            b']' => out.push(Token::Close),
            b'%' => {
                bytes.by_ref().take_while(|&c| c != b'\n' && c != b'\r').for_each(drop);
            }
            c if c.is_ascii_whitespace() => {}
            c => {
                let mut word = vec![c];
                while let Some(&n) = bytes.peek() {
                    if n.is_ascii_whitespace() || matches!(n, b'<' | b'[' | b']' | b'%') {
                        break;
                    }
                    word.push(n);
                    bytes.next();
                }
                out.push(Token::Word(String::from_utf8_lossy(&word).into_owned()));
            }
        }
    }
    out
}

/// Decodes hex digits (whitespace ignored, an odd last digit padded with 0) into bytes.
fn hex_bytes(digits: &[u8]) -> Vec<u8> {
    let nibbles: Vec<u8> = digits.iter().filter_map(|&d| (d as char).to_digit(16)).map(|d| d as u8).collect();
    nibbles
        .chunks(2)
        .map(|p| (p.first().copied().unwrap_or(0) << 4) | p.get(1).copied().unwrap_or(0))
        .collect()
}

/// Returns bytes as a big-endian code.
fn code(bytes: &[u8]) -> u32 {
    bytes.iter().take(4).fold(0, |acc, &b| (acc << 8) | u32::from(b))
}

/// Decodes UTF-16BE bytes (the destination of a mapping) into text.
fn utf16(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|p| {
            (u16::from(p.first().copied().unwrap_or(0)) << 8) | u16::from(p.get(1).copied().unwrap_or(0))
        })
        .collect();
    char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect()
}

/// Reads `<code> <text>` pairs up to `endbfchar`; returns the index after it.
fn bfchar(tokens: &[Token], mut i: usize, map: &mut BTreeMap<u32, String>) -> usize {
    loop {
        match (tokens.get(i), tokens.get(i + 1)) {
            (Some(Token::Hex(src)), Some(Token::Hex(dst))) => {
                map.insert(code(src), utf16(dst));
                i += 2;
            }
            (Some(Token::Word(w)), _) if w == "endbfchar" => return i + 1,
            (None, _) => return i,
            _ => i += 1,
        }
    }
}

/// Reads `<lo> <hi> <text>` and `<lo> <hi> [<text> …]` ranges up to `endbfrange`; returns the
/// index after it.
fn bfrange(tokens: &[Token], mut i: usize, map: &mut BTreeMap<u32, String>) -> usize {
    loop {
        match (tokens.get(i), tokens.get(i + 1), tokens.get(i + 2)) {
            (Some(Token::Hex(lo)), Some(Token::Hex(hi)), Some(Token::Hex(dst))) => {
                let (lo, hi) = (code(lo), code(hi));
                if hi >= lo && hi - lo < MAX_RANGE && map.len() < MAX_CODES {
                    for (offset, c) in (lo..=hi).enumerate() {
                        map.insert(c, utf16(&incremented(dst, offset as u32)));
                    }
                }
                i += 3;
            }
            (Some(Token::Hex(lo)), Some(Token::Hex(_)), Some(Token::Open)) => {
                let start = code(lo);
                i += 3;
                let mut n = 0;
                while let Some(Token::Hex(dst)) = tokens.get(i) {
                    map.insert(start + n, utf16(dst));
                    n += 1;
                    i += 1;
                }
            }
            (Some(Token::Word(w)), _, _) if w == "endbfrange" => return i + 1,
            (None, _, _) => return i,
            _ => i += 1,
        }
    }
}

/// Returns a range's destination for the `offset`-th code: the last two bytes incremented.
fn incremented(dst: &[u8], offset: u32) -> Vec<u8> {
    let mut out = dst.to_vec();
    let n = out.len();
    if n >= 2 {
        let last = (u32::from(out[n - 2]) << 8 | u32::from(out[n - 1])).wrapping_add(offset);
        out[n - 2] = (last >> 8) as u8;
        out[n - 1] = last as u8;
    } else if let Some(b) = out.last_mut() {
        *b = b.wrapping_add(offset as u8);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chars_and_ranges_map_codes_to_text() {
        let cmap = b"/CIDInit /ProcSet findresource begin\n2 beginbfchar\n<0001> <0041>\n<0002> <D83DDCDE>\nendbfchar\n\
            1 beginbfrange\n<0010> <0012> <0061>\nendbfrange\n1 beginbfrange\n<20> <21> [<0066006C> <00FE>]\nendbfrange\nend";
        let map = ToUnicode::parse(cmap);
        assert_eq!(map.get(1), Some("A"));
        assert_eq!(map.get(2), Some("📞"));
        assert_eq!(map.get(0x11), Some("b"));
        assert_eq!(map.get(0x12), Some("c"));
        assert_eq!(map.get(0x20), Some("fl"));
        assert_eq!(map.get(0x21), Some("þ"));
        assert_eq!(map.get(0x13), None);
    }

    #[test]
    fn many_large_ranges_map_no_more_than_the_bound() {
        let ranges: String = (0..10).map(|k| format!("<{k:02X}0000> <{k:02X}FFFF> <0041>\n")).collect();
        let cmap = format!("10 beginbfrange\n{ranges}endbfrange");
        let map = ToUnicode::parse(cmap.as_bytes());
        assert!(map.map.len() <= MAX_CODES + MAX_RANGE as usize, "{}", map.map.len());
        assert_eq!(map.get(0x00_0001), Some("B"));
    }

    #[test]
    fn broken_cmaps_give_what_can_be_read() {
        for data in [&b""[..], b"beginbfchar <01", b"beginbfrange <01> <ffffffff> <0041> endbfrange", b"<<<<"]
        {
            let map = ToUnicode::parse(data);
            assert_eq!(map.get(0x41), None);
        }
    }
}
