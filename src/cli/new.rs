//! `vitae new`: writes a starter profile that shows every kind of section and entry, with
//! comments, and renders as it is.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use super::{EXIT_FAILED, EXIT_OK, report_error};

/// Arguments of `vitae new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The profile's name: writes NAME.yaml (default: resume.yaml).
    name: Option<String>,
}

/// The starter profile; `{file}` and `{pdf}` stand for the file written and its PDF (see
/// [`starter`]). A file of its own, as the playground (`web/`) opens the same text.
const STARTER: &str = include_str!("starter.yaml");

/// Writes the starter profile unless the file exists; returns the exit code.
pub fn run(args: &NewArgs) -> u8 {
    let path = file_name(args.name.as_deref());
    let created = std::fs::OpenOptions::new().write(true).create_new(true).open(&path);
    let mut file = match created {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let message = format!("{} exists; vitae new does not overwrite files", path.display());
            report_error(&message, Some("pick another name: `vitae new jane-doe` writes jane-doe.yaml"));
            return EXIT_FAILED;
        }
        Err(e) => {
            report_error(&format!("cannot create {}: {e}", path.display()), None);
            return EXIT_FAILED;
        }
    };
    if let Err(e) = file.write_all(starter(&path).as_bytes()) {
        report_error(&format!("cannot write {}: {e}", path.display()), None);
        return EXIT_FAILED;
    }
    eprintln!("wrote {}; render it with `vitae render {}`", path.display(), shell_word(&path));
    EXIT_OK
}

/// Returns the starter profile for `path`: its comments name the commands for that file.
fn starter(path: &Path) -> String {
    let pdf = path.with_extension("pdf");
    STARTER.replace("{file}", &shell_word(path)).replace("{pdf}", &shell_word(&pdf))
}

/// Returns a path as one would type it in a shell: as it is when it holds only letters,
/// digits and `._/-`, else in single quotes; control characters (which would end the YAML
/// comment) become `?`.
fn shell_word(path: &Path) -> String {
    let text: String =
        path.display().to_string().chars().map(|c| if c.is_control() { '?' } else { c }).collect();
    let plain = |c: char| c.is_alphanumeric() || "._/-".contains(c);
    if text.chars().all(plain) { text } else { format!("'{}'", text.replace('\'', "'\\''")) }
}

/// Returns the file to write: NAME.yaml, NAME itself when it already ends in .yaml or .yml.
fn file_name(name: Option<&str>) -> PathBuf {
    let name = name.unwrap_or("resume");
    let path = Path::new(name);
    match path.extension().and_then(|e| e.to_str()) {
        Some("yaml" | "yml") => path.to_owned(),
        _ => PathBuf::from(format!("{name}.yaml")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starters_comments_name_the_file_written() {
        let text = starter(Path::new("jane.yaml"));
        assert!(text.contains("vitae render jane.yaml          (writes jane.pdf)"), "{text}");
        assert!(text.contains("vitae check jane.yaml\n"), "{text}");
        assert!(!text.contains("resume.yaml") && !text.contains("{file}"), "{text}");
    }

    #[test]
    fn the_starters_tags_and_commented_variant_work() {
        // Uncomment the variant block (its first line and the indented lines under it), as its
        // comment invites; other commented blocks (the letter, the design) stay comments.
        let mut in_block = false;
        let text: String = starter(Path::new("jane.yaml"))
            .lines()
            .map(|l| {
                let rest = l.strip_prefix("# ");
                in_block = match rest {
                    Some(r) if r.starts_with("variants:") => true,
                    Some(r) => in_block && r.starts_with("  "),
                    None => false,
                };
                match (in_block, rest) {
                    (true, Some(r)) => format!("{r}\n"),
                    _ => format!("{l}\n"),
                }
            })
            .collect();
        let text = text.replace("  colors:\n    link: \"#8b0000\"\n", "");
        let profile = vitae::profile::parse(&text, "jane.yaml").unwrap();
        assert_eq!(profile.variants.len(), 1);
        let selection = vitae::profile::Selection { variant: Some("backend".into()), ..Default::default() };
        let backend = profile.select(&selection).unwrap();
        let titles: Vec<String> = backend.sections.iter().map(|s| s.title.to_plain()).collect();
        assert_eq!(titles, ["Experience", "Projects", "Skills"]);
        assert_eq!(backend.pages, Some(1));
        let tags: Vec<String> = vitae::profile::tags_of(&profile.sections).into_iter().collect();
        assert_eq!(tags, ["backend", "platform"]);
    }

    #[test]
    fn names_are_written_as_a_shell_takes_them() {
        assert_eq!(shell_word(Path::new("jane-doe.yaml")), "jane-doe.yaml");
        assert_eq!(shell_word(Path::new("my cv.yaml")), "'my cv.yaml'");
        assert_eq!(shell_word(Path::new("o'neil.yaml")), "'o'\\''neil.yaml'");
        assert_eq!(shell_word(Path::new("a\nb.yaml")), "'a?b.yaml'");
    }

    #[test]
    fn the_file_is_the_name_with_yaml_added_once() {
        assert_eq!(file_name(None), PathBuf::from("resume.yaml"));
        assert_eq!(file_name(Some("jane")), PathBuf::from("jane.yaml"));
        assert_eq!(file_name(Some("jane.yml")), PathBuf::from("jane.yml"));
        assert_eq!(file_name(Some("jane.doe")), PathBuf::from("jane.doe.yaml"));
    }
}
