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
/// [`starter`]).
const STARTER: &str = r##"# yaml-language-server: $schema=profile.schema.json
# A vitae profile: what your résumé says. The layout decides how it looks.
# Render it:            vitae render {file}          (writes {pdf})
# Check it:             vitae check {file}
# Editor completion:    vitae schema > profile.schema.json   (the line above points at it)
# The whole format:     docs/profile.md in vitae's sources.
# Text fields take **bold**, *italic*, `code` and [links](https://example.com).

name: Jane Doe
headline: Staff Software Engineer
location: Berlin, Germany

# Contacts print in this order. Each has one address key and an optional label.
contacts:
  - email: jane@example.com
  - phone: +49 30 1234567
  - url: https://jane.example.com
    label: jane.example.com
  - github: janedoe
  - linkedin: janedoe
  # - gitlab: janedoe
  # - twitter: "@janedoe"
  # - mastodon: "@jane@hachyderm.io"
  # - stackoverflow: 12345/jane

# Paragraphs under the header; a blank line starts a new one.
summary: |
  Engineer with **ten years** of experience in distributed systems, from storage engines
  to the teams that run them.

  I like measuring before optimising, and writing down what I learn.

lang: en                # selects hyphenation and the words for months and "present"
layout: classic         # classic, modern, sidebar or compact (`vitae layouts`); --layout wins
# pages: 1              # fit on at most this many pages
# updated: 2025-01      # for a layout footer's {updated}
# photo: photo.jpg      # a PNG or JPEG next to this file
# design:               # override the layout's options (see docs/layouts.md)
#   colors:
#     link: "#8b0000"

# Tailoring (docs/tailoring.md): sections, entries and points may carry `tags:`;
# `vitae render {file} --only backend` keeps the untagged ones and those tagged backend.
# Variants are named selections: `--variant NAME` renders one, `--all-variants` every one.
# variants:
#   backend:
#     only: [backend]
#     pages: 1
#     sections: [Experience, Projects, Skills]   # these sections, in this order
#     output: jane-doe-backend                   # default: the file's name, -backend

# Words the hyphenation patterns get wrong: allowed breaks marked with hyphens.
hyphenation:
  Kubernetes: Ku-ber-ne-tes

# Keywords for the PDF's metadata; without them, skills sections supply them.
keywords: [Rust, Go, Kubernetes, PostgreSQL]

sections:
  - title: Experience
    entries:
      # An experience entry: `position` at `organization`.
      - position: Staff Engineer
        organization: Example GmbH
        about: A payments company         # one line about the organisation
        location: Berlin
        start: 2021-03                    # no `end` (or `end: present`): ongoing
        summary: Leads the storage team of six.
        # notes: Ask me about the storage migration.   # printed only with --interview-copy
        highlights:
          - Led the migration to **Kubernetes**, cutting hosting costs by 30%.
          - text: Built the deployment pipeline
            tags: [platform]              # in with --only platform; untagged points always are
            highlights:                   # one level of nested points
              - Canary releases
              - Automatic roll-back
        footer: "**Technical environment:** Go, PostgreSQL, Kafka"
      # A roles entry: one organisation, several successive positions.
      - organization: Streamline Inc.
        about: Streaming television
        start: 2015-08
        end: 2021-02
        roles:
          - position: Senior Engineer
            start: 2018-06
            end: 2021-02
            highlights:
              - Designed the video metadata service.
          - position: Engineer
            start: 2015-08
            end: 2018-06
            numbered: true                # number the points instead of bulleting them
            highlights:
              - Wrote the first deployment tool.
              - Ran the on-call rotation.

  - title: Education
    entries:
      - degree: Bachelor of Science
        area: Computer Science
        institution: Technical University of Munich
        score: "GPA 1.3"
        start: 2011
        end: 2015

  - title: Projects
    entries:
      - name: tinykv
        tags: [backend]
        priority: 1                       # may be dropped to meet `pages:`, lowest first
        url: https://github.com/janedoe/tinykv
        venue: Open source, 400 stars     # where it lives, or your role
        date: 2019
        summary: A small key-value store in Rust, written to learn about LSM trees.

  - title: Talks and publications
    entries:
      - kind: talk
        name: What we learnt from a year of canary releases
        venue: KubeCon Europe
        date: 2023-04
      - kind: publication
        name: Compaction without pauses
        venue: Proceedings of the Storage Workshop
        url: https://example.com/compaction.pdf
        date: 2020

  - title: Awards
    entries:
      - kind: award
        name: Engineering Excellence Award
        venue: Example GmbH
        date: Summer 2022                 # free text prints as written

  - title: Skills
    entries:
      # Rows: a bold label and its details.
      - label: Languages
        details: Rust, Go, Python, SQL
      - label: Infrastructure
        details: Kubernetes, Terraform, AWS

  - title: Interests
    entries:
      # Plain strings are bullets; consecutive bullets form one list.
      - Climbing
      - Film photography
      # A paragraph entry.
      - text: I also mentor at a local coding club for teenagers.

# A cover letter in this résumé's layout, on one page; the sender is the header above.
# Uncomment it and run `vitae render {file} --with-letter` (writes {pdf} and the letter
# beside it, `-letter` added to the name), or `--letter-only`. A letter can also be a file of
# its own: `profile: {file}` and these keys at its top level. See docs/tailoring.md.
# letter:
#   recipient:
#     name: Ms Dana Rivera
#     organization: Acme Robotics
#     address: |
#       5 Main Street
#       10115 Berlin
#   date: 2025-01-15                  # the day prints in the profile's language
#   subject: Application for the Staff Engineer position
#   salutation: Dear Ms Rivera,
#   body: |
#     I am writing to apply for the **Staff Engineer** role on your platform team.
#
#     At Example GmbH I lead the storage team; I would welcome the chance to talk.
#   closing: Kind regards,
#   # signature: signature.png        # a PNG or JPEG next to this file
"##;

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
        // Uncomment the variant block, as its comment invites.
        let text: String = starter(Path::new("jane.yaml"))
            .lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(rest) if rest.starts_with("variants:") || rest.starts_with("  ") => format!("{rest}\n"),
                _ => format!("{l}\n"),
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
