//! What `vitae render` renders of each input: one [`Target`] per input and selection. Without
//! `--variant` or `--all-variants` that is one target per input; with `--all-variants`, one per
//! variant of each profile, in the order the profile defines them. A later dimension (say a
//! language) extends [`targets`] by one more loop over the same list.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use vitae::Profile;
use vitae::profile::Selection;

use super::render_args::RenderArgs;

/// One thing to render: an input, what of it, and the output's name when it is not the input's.
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
}

impl Target {
    /// Returns the name of the target in messages: the input, and the variant when there is one.
    pub fn name(&self) -> PathBuf {
        match &self.selection.variant {
            Some(v) => PathBuf::from(format!("{} (variant {v})", self.input.display())),
            None => self.input.clone(),
        }
    }
}

/// Returns the targets of the inputs, in input order and each input's variants in the
/// profile's order. A profile that cannot be read for planning gets one target that reads it
/// again when rendered, so that its error is reported in its place like any other.
pub fn targets(args: &RenderArgs, files: Vec<PathBuf>) -> Vec<Target> {
    let selection = Selection { variant: args.variant.clone(), only: args.only.clone() };
    if args.variant.is_none() && !args.all_variants {
        let plain =
            |input| Target { input, selection: selection.clone(), profile: None, stem: None, refused: None };
        return files.into_iter().map(plain).collect();
    }
    let mut targets = Vec::new();
    for input in files {
        let Ok(profile) = vitae::load_profile(&input) else {
            targets.push(Target {
                input,
                selection: selection.clone(),
                profile: None,
                stem: None,
                refused: None,
            });
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
            targets.push(Target { input, selection: selection.clone(), profile: None, stem: None, refused });
            continue;
        }
        for name in names {
            let stem = Some(stem(&input, &profile, &name));
            let selection = Selection { variant: Some(name), ..selection.clone() };
            let profile = Some(Arc::clone(&profile));
            targets.push(Target { input: input.clone(), selection, profile, stem, refused: None });
        }
    }
    targets
}

/// Returns a variant's output name without extension: its `output:`, else `STEM-NAME`.
fn stem(input: &Path, profile: &Profile, name: &str) -> String {
    let own = profile.variants.iter().find(|v| v.name == name).and_then(|v| v.output.clone());
    own.unwrap_or_else(|| {
        let stem = input.file_stem().map_or_else(|| "cv".into(), |s| s.to_string_lossy());
        format!("{stem}-{name}")
    })
}
