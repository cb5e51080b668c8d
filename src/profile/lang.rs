//! Several languages in one profile: `lang:` (the default language) and `languages:` (the
//! languages the profile offers) checked, the language to render chosen, and every text written
//! as a map of languages (`title: {en: Engineer, de: Ingenieur}`) settled on that language
//! before the conversion reads it. A text missing in the chosen language falls back on the
//! default one, with a warning naming the field and its place.
//!
//! This pass is the only code that knows texts can be maps: it rewrites each raw [`Text`] in
//! place, so the conversion after it reads one string per field as it always did.

use serde_saphyr::{Location, Spanned};

use super::error::{ProfileError, Source};
use super::meta::{checked_lang, is_tag, lang_hint};
use super::raw::{
    EntryMap, ListOf, Loose, MapOnly, Node, Plain, PointMap, RawEntry, RawLetter, RawPoint, RawProfile,
    RawSection, Text, Unknowns, Written,
};
use crate::diag::{Warning, WarningKind};

/// What a profile says about its languages.
#[derive(Debug, Clone, Default)]
pub(crate) struct Languages {
    /// The default language: `lang:`, else the first of `languages:`; `None` when the profile
    /// names no language (it is then inferred from the text, and no text may be a map).
    pub default: Option<String>,
    /// The languages the profile offers, as written (the default among them); empty when it
    /// names none.
    pub offered: Vec<String>,
    /// Where the profile names them (`languages:`, else `lang:`), for an unlisted `--lang`.
    at: Option<Location>,
}

impl Languages {
    /// Reads and checks `lang:` and `languages:`: every tag well-formed, none listed twice, and
    /// the default among those listed.
    pub fn declared(
        src: &Source,
        lang: Option<&Plain>,
        languages: Option<&ListOf<super::raw::LangTag>>,
    ) -> Result<Languages, ProfileError> {
        let default = lang.map(|l| checked_lang(src, l)).transpose()?;
        let Some(ListOf(listed)) = languages else {
            let at = lang.map(|l| l.referenced);
            return Ok(Languages { offered: default.iter().cloned().collect(), default, at });
        };
        let offered = listed_tags(src, listed)?;
        let default = match (default, lang) {
            (Some(tag), Some(lang)) => Some(listed_spelling(&offered, &tag).ok_or_else(|| {
                let message =
                    format!("`lang: {tag}` is not one of the profile's `languages:` ({})", quoted(&offered));
                src.error(&lang.referenced, message)
                    .with_hint(format!("add `{tag}` to `languages:`, or make `lang:` one of them"))
            })?),
            _ => offered.first().cloned(),
        };
        let at = listed.first().map(|t| t.0.referenced);
        Ok(Languages { default, offered, at })
    }

    /// Returns the language to render: `requested` (`--lang`) when the profile offers it,
    /// spelt as the profile lists it, else the default. `None` when the profile names no
    /// language: the caller infers it, and checks a request against that.
    pub fn choose(&self, src: &Source, requested: Option<&str>) -> Result<Option<String>, ProfileError> {
        let Some(requested) = requested.map(str::trim) else { return Ok(self.default.clone()) };
        if self.offered.is_empty() {
            return Ok(None);
        }
        listed_spelling(&self.offered, requested).map(Some).ok_or_else(|| self.unoffered(src, requested))
    }

    /// The error for a requested language the profile does not offer, placed where it names
    /// its languages.
    fn unoffered(&self, src: &Source, requested: &str) -> ProfileError {
        let message = format!("the profile has no `{requested}` texts: it offers {}", quoted(&self.offered));
        let error = match &self.at {
            Some(at) => src.error(at, message),
            None => ProfileError::new(src.file, message),
        };
        error.with_hint(format!(
            "choose one of them with --lang, or add `{requested}` to `languages:` and give the texts in it"
        ))
    }
}

/// The error for `--lang` on a profile that names no language, whose text reads as `inferred`.
pub(crate) fn not_inferred(src: &Source, requested: &str, inferred: &str) -> ProfileError {
    ProfileError::new(
        src.file,
        format!("the profile has no `{requested}` texts: it names no language, and its text reads as `{inferred}`"),
    )
    .with_hint(format!(
        "leave out --lang, or list the languages at the top (`languages: [{inferred}, {requested}]`) and give the texts in each"
    ))
}

/// Checks the tags of `languages:`: well-formed, at least one, none twice.
fn listed_tags(src: &Source, listed: &[super::raw::LangTag]) -> Result<Vec<String>, ProfileError> {
    let mut offered: Vec<String> = Vec::new();
    for super::raw::LangTag(tag) in listed {
        let checked = checked_lang(src, tag)?;
        if let Some(first) = listed_spelling(&offered, &checked) {
            return Err(src
                .error(&tag.referenced, format!("`{checked}` is listed twice (as `{first}` before)"))
                .with_hint("list each language once"));
        }
        offered.push(checked);
    }
    if offered.is_empty() {
        return Err(ProfileError::new(src.file, "`languages:` lists no language")
            .with_hint("list the languages the profile offers, the default first: `languages: [en, de]`"));
    }
    Ok(offered)
}

/// Returns a listed tag equal to `tag` (BCP 47 tags are compared without case), as listed.
fn listed_spelling(offered: &[String], tag: &str) -> Option<String> {
    offered.iter().find(|o| o.eq_ignore_ascii_case(tag)).cloned()
}

/// Formats tags as "`en`, `de` and `fr`".
fn quoted(tags: &[String]) -> String {
    let names: Vec<&str> = tags.iter().map(String::as_str).collect();
    super::suggest::list(&names).replace(" or ", " and ")
}

/// Settles the texts of a letter file on its one language: a letter file names no languages
/// (it is written for one application), so a number is kept as written and a map of languages
/// is an error that says so.
pub(crate) fn localize_letter(src: &Source, raw: &mut RawLetter) -> Result<(), ProfileError> {
    let langs = Languages::declared(src, None, None)?;
    let mut pass = Localizer { src, langs: &langs, chosen: None, warnings: Vec::new() };
    pass.letter(raw)
}

/// Settles every text of the profile on `chosen` (the default when `None`), in the order of
/// the file; returns the warnings for texts that fall back on the default language.
pub(crate) fn localize(
    src: &Source,
    raw: &mut RawProfile,
    langs: &Languages,
    chosen: Option<&str>,
) -> Result<Vec<Warning>, ProfileError> {
    let mut pass = Localizer { src, langs, chosen, warnings: Vec::new() };
    pass.profile(raw)?;
    Ok(pass.warnings)
}

/// The state of one [`localize`] pass.
struct Localizer<'a, 'b> {
    src: &'a Source<'b>,
    langs: &'a Languages,
    chosen: Option<&'a str>,
    /// One per text that falls back, in the order of the file.
    warnings: Vec<Warning>,
}

/// One language's text of a field, with where it is written.
struct Version {
    /// The language, as the profile lists it.
    lang: String,
    /// The text.
    text: String,
    /// Where the text is.
    at: Spanned<()>,
}

impl Localizer<'_, '_> {
    /// Settles the header, contacts, keywords and sections.
    fn profile(&mut self, raw: &mut RawProfile) -> Result<(), ProfileError> {
        self.opt("name", raw.name.as_mut())?;
        self.opt("headline", raw.headline.as_mut())?;
        self.opt("location", raw.location.as_mut())?;
        for contact in raw.contacts.iter_mut().flat_map(|ListOf(c)| c) {
            self.opt("label", contact.value.0.label.as_mut())?;
        }
        self.opt("summary", raw.summary.as_mut())?;
        for keyword in raw.keywords.iter_mut().flat_map(|ListOf(k)| k) {
            self.text("keyword", &mut keyword.0)?;
        }
        for MapOnly(section) in raw.sections.iter_mut().flat_map(|ListOf(s)| s) {
            self.section(section)?;
        }
        raw.letter.as_mut().map_or(Ok(()), |l| self.letter(&mut l.value.0))
    }

    /// Settles a cover letter's texts (its profile path and signature are file names).
    fn letter(&mut self, letter: &mut RawLetter) -> Result<(), ProfileError> {
        if let Some(MapOnly(to)) = letter.recipient.as_mut().map(|r| &mut r.value) {
            self.opt("recipient name", to.name.as_mut())?;
            self.opt("organization", to.organization.as_mut())?;
            self.opt("address", to.address.as_mut())?;
        }
        self.opt("date", letter.date.as_mut())?;
        self.opt("subject", letter.subject.as_mut())?;
        self.opt("salutation", letter.salutation.as_mut())?;
        self.opt("body", letter.body.as_mut())?;
        self.opt("closing", letter.closing.as_mut())
    }

    /// Settles a section's title, intro and entries.
    fn section(&mut self, section: &mut RawSection) -> Result<(), ProfileError> {
        self.text("title", &mut section.title)?;
        self.opt("intro", section.intro.as_mut())?;
        section.entries.0.iter_mut().try_for_each(|e| self.entry(e))
    }

    /// Settles an entry: a map of only languages becomes the bullet it stands for; a map of
    /// keys has its texts, points and roles settled.
    fn entry(&mut self, node: &mut Spanned<RawEntry>) -> Result<(), ProfileError> {
        let Node::Map(map) = &mut node.value else { return Ok(()) };
        if self.is_translation(map) {
            let text = self.pick("bullet", &node.referenced, &map.others)?;
            node.value = Node::Text(text);
            return Ok(());
        }
        self.entry_map(map)
    }

    /// Settles the texts, points and roles of an entry map.
    fn entry_map(&mut self, map: &mut EntryMap) -> Result<(), ProfileError> {
        for (key, text) in &mut map.texts {
            self.text(key, text)?;
        }
        for point in map.highlights.iter_mut().flat_map(|ListOf(p)| p) {
            self.point(point)?;
        }
        map.roles.iter_mut().flat_map(|ListOf(r)| r).try_for_each(|r| self.entry(r))
    }

    /// Settles a point, as [`Self::entry`] does an entry.
    fn point(&mut self, node: &mut Spanned<RawPoint>) -> Result<(), ProfileError> {
        let Node::Map(map) = &mut node.value else { return Ok(()) };
        if self.is_translation(map) {
            let text = self.pick("highlight", &node.referenced, &map.others)?;
            node.value = Node::Text(text);
            return Ok(());
        }
        self.point_map(map)
    }

    /// Settles the text and sub-points of a point map.
    fn point_map(&mut self, map: &mut PointMap) -> Result<(), ProfileError> {
        self.opt("highlight", map.text.as_mut())?;
        map.highlights.iter_mut().flat_map(|ListOf(p)| p).try_for_each(|p| self.point(p))
    }

    /// Whether a bullet or point map is a text in several languages: the profile offers
    /// languages, every key is shaped like a tag and one is a listed language. Anything else
    /// is left to the conversion, which names an unknown key with a suggestion.
    fn is_translation(&self, map: &impl Unknowns) -> bool {
        let keys = || map.others().iter().map(|(k, _)| k.value.as_str());
        map.only_unknown()
            && keys().all(is_tag)
            && keys().any(|k| listed_spelling(&self.langs.offered, k).is_some())
    }

    /// Settles an optional text.
    fn opt(&mut self, field: &str, text: Option<&mut Text>) -> Result<(), ProfileError> {
        text.map_or(Ok(()), |t| self.text(field, t))
    }

    /// Settles one text: a number or boolean as written in the source, a map of languages on
    /// the chosen language's text.
    fn text(&mut self, field: &str, text: &mut Text) -> Result<(), ProfileError> {
        match &text.written {
            Written::Text => return Ok(()),
            Written::Scalar => text.value = scalar(self.src, &text.defined),
            Written::Languages(pairs) => {
                let version = self.version(field, &text.referenced, pairs)?;
                (text.value, text.referenced, text.defined) =
                    (version.text, version.at.referenced, version.at.defined);
            }
        }
        text.written = Written::Text;
        Ok(())
    }

    /// Returns the chosen language's text of a map (as [`Self::version`]), its text only.
    fn pick(
        &mut self,
        field: &str,
        at: &Location,
        pairs: &[(Plain, Spanned<Loose>)],
    ) -> Result<String, ProfileError> {
        self.version(field, at, pairs).map(|v| v.text)
    }

    /// Checks a field's map of languages and returns the chosen language's text, or the
    /// default language's with a warning when the chosen one is missing.
    fn version(
        &mut self,
        field: &str,
        at: &Location,
        pairs: &[(Plain, Spanned<Loose>)],
    ) -> Result<Version, ProfileError> {
        let versions = self.versions(field, at, pairs)?;
        let default = self.langs.default.as_deref().unwrap_or_default();
        let chosen = self.chosen.unwrap_or(default);
        let find = |lang: &str| versions.iter().position(|v| v.lang == lang);
        let Some(fallback) = find(default) else {
            let message = format!("`{field}` has no `{default}` text, the profile's default language");
            return Err(self.src.error(at, message).with_hint(format!(
                "a text in several languages needs its `{default}:` text, which the others fall back on"
            )));
        };
        let index = find(chosen).unwrap_or_else(|| {
            let message = format!("{field} has no \"{chosen}\" text; using \"{default}\"");
            self.warnings.push(Warning::at(WarningKind::Untranslated, self.src.locate(at), message));
            fallback
        });
        let mut versions = versions;
        Ok(versions.swap_remove(index))
    }

    /// Checks every language of a field's map: a listed tag, given once, with text.
    fn versions(
        &self,
        field: &str,
        at: &Location,
        pairs: &[(Plain, Spanned<Loose>)],
    ) -> Result<Vec<Version>, ProfileError> {
        if pairs.is_empty() {
            return Err(self
                .src
                .error(at, format!("`{field}` is an empty map: it has no text in any language"))
                .with_hint("give the text, or a map of languages such as `{en: …, de: …}`"));
        }
        if self.langs.offered.is_empty() {
            return Err(self
                .src
                .error(at, format!("`{field}` is given in several languages, but the profile names none"))
                .with_hint("list them at the top, the default first: `languages: [en, de]`"));
        }
        let mut versions: Vec<Version> = Vec::with_capacity(pairs.len());
        for (key, value) in pairs {
            let lang = self.listed(key)?;
            if let Some(first) = versions.iter().find(|v| v.lang == lang) {
                let message = format!("`{field}` has two `{}` texts", first.lang);
                return Err(self.src.error(&key.referenced, message).with_hint("keep one of them"));
            }
            let text = self.value_text(field, key, value)?;
            versions.push(Version { lang, text, at: Spanned::new((), value.referenced, value.defined) });
        }
        Ok(versions)
    }

    /// Returns a map key as the listed language it names, or the error that it is no tag or
    /// not listed.
    fn listed(&self, key: &Plain) -> Result<String, ProfileError> {
        let tag = key.value.trim();
        if !is_tag(tag) {
            let error = self.src.error(&key.referenced, format!("`{tag}` is not a language tag"));
            return Err(error.with_hint(lang_hint(tag)));
        }
        listed_spelling(&self.langs.offered, tag).ok_or_else(|| {
            let offered = quoted(&self.langs.offered);
            self.src
                .error(&key.referenced, format!("`{tag}` is not one of the profile's languages ({offered})"))
                .with_hint(format!("add `{tag}` to `languages:`, or remove this text"))
        })
    }

    /// Returns one language's text, or the error that it is not text.
    fn value_text(&self, field: &str, key: &Plain, value: &Spanned<Loose>) -> Result<String, ProfileError> {
        match &value.value {
            Loose::Text(text) => Ok(text.clone()),
            Loose::Scalar => Ok(scalar(self.src, &value.defined)),
            Loose::Other(what) => {
                let message =
                    format!("the `{}` text of `{field}` must be text, not {what}", key.value.trim());
                Err(self.src.error(&value.referenced, message).with_hint(
                    "write the text; put it in quotes if it contains `: ` or starts with `[` or `{`",
                ))
            }
        }
    }
}

/// Returns a number or boolean as the source writes it.
fn scalar(src: &Source, at: &Location) -> String {
    src.spanned_text(at).unwrap_or_default().to_owned()
}
