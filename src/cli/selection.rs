//! What `vitae render` renders of each input: one [`Target`] per input, selection and
//! language. Without `--variant`, `--all-variants` or `--all-languages` that is one target per
//! input; `--all-variants` makes one per variant of each profile, in the order the profile
//! defines them, and `--all-languages` one per language of each of those, in the order the
//! profile lists them.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use vitae::Profile;
use vitae::profile::Selection;

use super::render_args::RenderArgs;

/// One thing to render: an input, what of it, in which language, and the output's name when
/// it is not the input's.
#[derive(Clone)]
pub struct Target {
    /// The profile file.
    pub input: PathBuf,
    /// What of it to render.
    pub selection: Selection,
    /// The profile, when it had to be read to plan the batch (to list its variants or name
    /// the output); the job then renders it without reading the file again.
    pub profile: Option<Arc<Profile>>,
    /// The output's file name without extension, when not the input's: a variant's
    /// `output:`, else `STEM-VARIANT`.
    pub stem: Option<String>,
    /// Why there is nothing to render: `--all-variants` for a profile that defines none.
    pub refused: Option<vitae::profile::SelectError>,
    /// The language to read the profile in (`--lang`, or one of `--all-languages`); `None` for
    /// the profile's default.
    pub lang: Option<String>,
}

impl Target {
    /// Returns the name of the target in messages: the input, with the variant and the
    /// language when there are.
    pub fn name(&self) -> PathBuf {
        let mut name = self.input.display().to_string();
        if let Some(v) = &self.selection.variant {
            name.push_str(&format!(" (variant {v})"));
        }
        if let Some(lang) = &self.lang {
            name.push_str(&format!(" ({lang})"));
        }
        PathBuf::from(name)
    }
}

/// Returns the targets of the inputs, in input order and each input's variants in the
/// profile's order. A profile that cannot be read for planning gets one target that reads it
/// again when rendered, so that its error is reported in its place like any other.
pub fn targets(args: &RenderArgs, files: Vec<PathBuf>) -> Vec<Target> {
    let targets = variants(args, files);
    match args.all_languages {
        true => targets.into_iter().flat_map(in_every_language).collect(),
        false => targets,
    }
}

/// Returns the targets of the inputs and their variants, in the language `--lang` asks for.
fn variants(args: &RenderArgs, files: Vec<PathBuf>) -> Vec<Target> {
    let selection = Selection { variant: args.variant.clone(), only: args.only.clone() };
    let lang = args.lang.clone();
    // An input rendered as it is: no variant asked for, or a profile that did not load (its
    // render reports why).
    let plain = |input| Target {
        input,
        selection: selection.clone(),
        profile: None,
        stem: None,
        refused: None,
        lang: lang.clone(),
    };
    if args.variant.is_none() && !args.all_variants {
        return files.into_iter().map(plain).collect();
    }
    let load = vitae::LoadOptions { lang: lang.clone() };
    let mut targets = Vec::new();
    for input in files {
        let Ok(profile) = vitae::load_profile_with(&input, &load) else {
            targets.push(plain(input));
            continue;
        };
        let profile = Arc::new(profile);
        let names: Vec<String> = match &args.variant {
            Some(name) => vec![name.clone()],
            None => profile.variants.iter().map(|v| v.name.clone()).collect(),
        };
        if names.is_empty() {
            let refused = Some(vitae::profile::SelectError {
                message: "--all-variants: the profile defines no `variants:`".into(),
                hint: "add a `variants:` map (see docs/tailoring.md), or leave out --all-variants".into(),
            });
            let selection = selection.clone();
            targets.push(Target { input, selection, profile: None, stem: None, refused, lang: lang.clone() });
            continue;
        }
        for name in names {
            let stem = Some(stem(&input, &profile, &name));
            let selection = Selection { variant: Some(name), ..selection.clone() };
            let profile = Some(Arc::clone(&profile));
            let lang = lang.clone();
            targets.push(Target { input: input.clone(), selection, profile, stem, refused: None, lang });
        }
    }
    targets
}

/// Returns one target per language the target's profile offers, in the order it lists them
/// (each read again in its language when rendered). A profile that cannot be read stays one
/// target, which then fails with the reason.
fn in_every_language(target: Target) -> Vec<Target> {
    let languages = match &target.profile {
        Some(profile) => profile.languages.clone(),
        None => match vitae::load_profile(&target.input) {
            Ok(profile) => profile.languages,
            Err(_) => return vec![target],
        },
    };
    let each = |lang: String| Target { lang: Some(lang), profile: None, ..target.clone() };
    languages.into_iter().map(each).collect()
}

/// Returns a variant's output name without extension: its `output:`, else `STEM-NAME`.
fn stem(input: &Path, profile: &Profile, name: &str) -> String {
    let own = profile.variants.iter().find(|v| v.name == name).and_then(|v| v.output.clone());
    own.unwrap_or_else(|| {
        let stem = input.file_stem().map_or_else(|| "cv".into(), |s| s.to_string_lossy());
        format!("{stem}-{name}")
    })
}
