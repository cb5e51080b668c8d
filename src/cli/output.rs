//! Where `vitae` may write, and how. Consumes output paths and the files a run reads; produces
//! a [`Refusal`] or a file written atomically.
//!
//! Nothing of the user's is ever overwritten: an output that resolves (links followed) to an
//! input, a layout file or a photo is refused, and so is an output that is a symbolic link or
//! exists as anything but a regular file (a folder, a FIFO, a device such as `/dev/null`, which
//! a rename would replace). Files are written to a temporary file in the same folder, then
//! renamed over the output, so a reader never sees half a PDF; temporary files left by a killed
//! run are removed by the next run that writes into the same folder (once per folder and process,
//! so a batch of a thousand outputs lists its folder once, not a thousand times).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs::{self, Metadata, OpenOptions};
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// The end of a temporary file's name (`.{output name}.{pid}.vitae-tmp`): specific to vitae, so
/// that cleaning up stale ones never touches another program's files.
const TMP_SUFFIX: &str = ".vitae-tmp";

/// How old a temporary file must be to count as left by a killed run where the writing process
/// cannot be looked up (no `/proc`): one file is written in well under a second, so ten minutes
/// leaves room for a stalled disk without keeping debris around for long.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// What a protected file is to the run, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A profile (or résumé) given on the command line or found in a folder.
    Input,
    /// A layout file, named by `--layout` or by a profile's `layout:`.
    Layout,
    /// A profile's photo.
    Photo,
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Role::Input => "the input file",
            Role::Layout => "the layout file",
            Role::Photo => "the photo",
        })
    }
}

/// Why an output path is refused. Displays as `OUT is …; vitae …`, so a caller can put the flag
/// in front (`-o OUT is the input file …`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The output resolves to a file the run reads.
    Protected {
        /// The output as given.
        output: PathBuf,
        /// The protected file as given.
        file: PathBuf,
        /// What that file is.
        role: Role,
    },
    /// The output is a symbolic link: writing through it would change a file elsewhere, and
    /// replacing it would lose the link.
    Symlink {
        /// The output as given.
        output: PathBuf,
    },
    /// The output exists and is not a regular file.
    NotAFile {
        /// The output as given.
        output: PathBuf,
        /// What it is: "folder", "FIFO", "character device", ….
        kind: &'static str,
    },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Protected { output, file, role } => write!(
                f,
                "{} is {role} {}; vitae never writes over its inputs",
                output.display(),
                file.display()
            ),
            Refusal::Symlink { output } => {
                write!(f, "{} is a symbolic link; vitae does not write through links", output.display())
            }
            Refusal::NotAFile { output, kind } => {
                write!(
                    f,
                    "{} is a {kind}, not a regular file; vitae only replaces regular files",
                    output.display()
                )
            }
        }
    }
}

impl Refusal {
    /// Returns what the user can do about it.
    pub fn hint(&self) -> &'static str {
        match self {
            Refusal::Protected { .. } => "choose another output name (-o FILE) or folder (--out-dir DIR)",
            Refusal::Symlink { .. } => "remove the link or choose another output name",
            Refusal::NotAFile { .. } => "choose another output name",
        }
    }
}

/// Writing an output failed.
#[derive(Debug)]
pub enum WriteError {
    /// The output was refused when it came to writing it (it became a link or a folder since
    /// the run started, or it is a derived file such as a PNG page).
    Refused(Refusal),
    /// The operating system failed the write.
    Io {
        /// The file being written.
        path: PathBuf,
        /// The reason.
        source: io::Error,
    },
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Refused(r) => r.fmt(f),
            WriteError::Io { path, source } => write!(f, "cannot write {}: {source}", path.display()),
        }
    }
}

impl std::error::Error for WriteError {}

/// Files no output may resolve to, keyed by their resolved path.
#[derive(Debug, Default)]
pub struct Protected {
    files: BTreeMap<PathBuf, (PathBuf, Role)>,
}

impl Protected {
    /// Protects a file. One that cannot be resolved does not exist, so there is nothing to
    /// overwrite; the read reports it.
    pub fn add(&mut self, path: &Path, role: Role) {
        if let Ok(resolved) = fs::canonicalize(path) {
            self.files.entry(resolved).or_insert_with(|| (path.to_path_buf(), role));
        }
    }

    /// Protects a layout named on the command line or in a profile, when it is a file rather
    /// than a bundled layout.
    pub fn add_layout(&mut self, name: &str, base: Option<&Path>) {
        if vitae::theme::BUNDLED.iter().any(|(n, _)| *n == name) {
            return;
        }
        self.add(Path::new(name), Role::Layout);
        // The library reads it from the current folder; the profile's folder is protected too,
        // so a change to where it is looked for cannot make an output land on it.
        if let Some(dir) = base {
            self.add(&dir.join(name), Role::Layout);
        }
    }

    /// Returns the protected file an already-resolved path is, if any.
    fn find(&self, resolved: &Path) -> Option<&(PathBuf, Role)> {
        self.files.get(resolved)
    }
}

/// Checks that `output` may be written: not a link, not an existing non-regular file, and not
/// (links followed) any file of `protected`.
pub fn check(output: &Path, protected: &[&Protected]) -> Result<(), Refusal> {
    check_kind(output)?;
    let resolved = resolve(output);
    match protected.iter().find_map(|p| p.find(&resolved)) {
        Some((file, role)) => {
            Err(Refusal::Protected { output: output.to_path_buf(), file: file.clone(), role: *role })
        }
        None => Ok(()),
    }
}

/// Refuses an output that is a symbolic link or exists as anything but a regular file.
fn check_kind(output: &Path) -> Result<(), Refusal> {
    // An error other than "not found" (a folder we may not list) is left to the write, which
    // reports it with the system's reason.
    let Ok(meta) = fs::symlink_metadata(output) else { return Ok(()) };
    if meta.file_type().is_symlink() {
        return Err(Refusal::Symlink { output: output.to_path_buf() });
    }
    match kind_of(&meta) {
        Some(kind) => Err(Refusal::NotAFile { output: output.to_path_buf(), kind }),
        None => Ok(()),
    }
}

/// Names what a file is when it is not a regular file.
fn kind_of(meta: &Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kinds = [
            (t.is_fifo(), "FIFO"),
            (t.is_char_device(), "character device"),
            (t.is_block_device(), "block device"),
            (t.is_socket(), "socket"),
        ];
        if let Some((_, kind)) = kinds.iter().find(|(is, _)| *is) {
            return Some(kind);
        }
    }
    Some("special file")
}

/// Returns the path with every link followed: the path itself when it exists, else its nearest
/// existing ancestor resolved with the rest appended (`..` applied by name).
fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let parts: Vec<Component> = absolute.components().collect();
    for split in (1..=parts.len()).rev() {
        let Ok(base) = fs::canonicalize(parts[..split].iter().collect::<PathBuf>()) else { continue };
        return parts[split..].iter().fold(base, |mut out, c| {
            match c {
                Component::ParentDir => {
                    out.pop();
                }
                Component::CurDir => {}
                other => out.push(other),
            }
            out
        });
    }
    absolute
}

/// Writes `bytes` to `path` atomically after checking it (see [`check`]): a temporary file
/// `.{name}.{pid}.vitae-tmp` in the same folder, then a rename, so a reader never sees a
/// half-written file and a failure leaves no file behind. Stale temporary files of the same
/// output left by killed runs are removed first.
pub fn write_atomic(path: &Path, bytes: &[u8], protected: &[&Protected]) -> Result<(), WriteError> {
    check(path, protected).map_err(WriteError::Refused)?;
    let io = |source| WriteError::Io { path: path.to_path_buf(), source };
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().ok_or_else(|| io(io::Error::other("the output has no file name")))?;
    let name = name.to_string_lossy();
    fs::create_dir_all(dir).map_err(io)?;
    clean_once(dir);
    let tmp = dir.join(format!(".{name}.{}{TMP_SUFFIX}", std::process::id()));
    let result = write_new(&tmp, bytes).map_err(io).and_then(|()| {
        // Checked again: the output may have become a link or a folder while rendering.
        check_kind(path).map_err(WriteError::Refused)?;
        fs::rename(&tmp, path).map_err(io)
    });
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Writes a fresh file, never through a link: a leftover at the name (an earlier process with
/// the same pid) is removed, and the file is created exclusively.
fn write_new(tmp: &Path, bytes: &[u8]) -> io::Result<()> {
    match fs::remove_file(tmp) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    OpenOptions::new().write(true).create_new(true).open(tmp)?.write_all(bytes)
}

/// Removes the stale temporary files of `dir` (see [`remove_stale`]) the first time this process
/// writes into it. Listing the folder for every output made a batch quadratic in the folder's
/// size; debris comes only from killed runs, so once per folder and run is enough.
fn clean_once(dir: &Path) {
    static CLEANED: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());
    let first = CLEANED.lock().unwrap_or_else(|e| e.into_inner()).insert(dir.to_path_buf());
    if first {
        remove_stale(dir);
    }
}

/// Removes the temporary files in `dir` (`.{output name}.{pid}.vitae-tmp`, any output) whose
/// writing process is gone.
fn remove_stale(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.filter_map(Result::ok) {
        let Some(pid) = entry.file_name().to_str().and_then(temporary_pid) else { continue };
        if pid == std::process::id() {
            continue;
        }
        let Ok(meta) = entry.path().symlink_metadata() else { continue };
        if meta.is_file() && is_stale(pid, &meta) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The writing process of a temporary file's name (`.{output name}.{pid}.vitae-tmp`), or `None`
/// when the name is not one of vitae's temporary files.
fn temporary_pid(file: &str) -> Option<u32> {
    let rest = file.strip_prefix('.')?.strip_suffix(TMP_SUFFIX)?;
    let (output, pid) = rest.rsplit_once('.')?;
    if output.is_empty() {
        return None;
    }
    pid.parse().ok()
}

/// Whether a temporary file written by process `pid` is debris: on Linux, when no such process
/// exists (`/proc/{pid}` is absent); elsewhere, or without `/proc`, when it is older than
/// [`STALE_AFTER`], since there is no portable way to ask whether a process lives.
fn is_stale(pid: u32, meta: &Metadata) -> bool {
    let proc = Path::new("/proc");
    if cfg!(target_os = "linux") && proc.join("self").exists() {
        return !proc.join(pid.to_string()).exists();
    }
    meta.modified().ok().and_then(|m| m.elapsed().ok()).is_some_and(|age| age > STALE_AFTER)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh folder under the system's temporary folder for one unit test.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("vitae-output-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn resolve_appends_missing_parts_to_the_nearest_existing_folder() {
        let dir = scratch("resolve");
        let real = fs::canonicalize(&dir).unwrap();
        assert_eq!(resolve(&dir.join("a/b/../c.pdf")), real.join("a/c.pdf"));
        assert_eq!(resolve(&dir.join("./x.pdf")), real.join("x.pdf"));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_output_is_checked_against_protected_files_through_dot_dot() {
        let dir = scratch("protected");
        fs::create_dir_all(dir.join("sub")).unwrap();
        fs::write(dir.join("cv.yaml"), "name: x\n").unwrap();
        let mut p = Protected::default();
        p.add(&dir.join("cv.yaml"), Role::Input);
        assert!(matches!(check(&dir.join("sub/../cv.yaml"), &[&p]), Err(Refusal::Protected { .. })));
        assert_eq!(check(&dir.join("cv.pdf"), &[&p]), Ok(()));
        assert!(matches!(check(&dir.join("sub"), &[&p]), Err(Refusal::NotAFile { kind: "folder", .. })));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn only_temporaries_of_dead_processes_are_removed() {
        let dir = scratch("stale");
        // 4194303 is above Linux's largest pid (2^22), so no process has it.
        let dead = [".cv.pdf.4194303.vitae-tmp", ".other.pdf.4194303.vitae-tmp"];
        let kept = [".cv.pdf.x.vitae-tmp", "..4194303.vitae-tmp", ".cv.pdf.4194303.tmp", "cv.pdf"];
        dead.iter().chain(&kept).for_each(|n| fs::write(dir.join(n), "x").unwrap());
        let mine = format!(".cv.pdf.{}.vitae-tmp", std::process::id());
        fs::write(dir.join(&mine), "x").unwrap();
        remove_stale(&dir);
        let mut left: Vec<String> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let mut want: Vec<String> = kept.iter().map(|k| k.to_string()).collect();
        want.push(mine);
        // Elsewhere a fresh temporary file is kept whatever its pid (see `is_stale`).
        if !cfg!(target_os = "linux") {
            want.extend(dead.iter().map(|d| d.to_string()));
        }
        want.sort();
        assert_eq!(left, want);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_folder_is_cleaned_once_per_process() {
        let dir = scratch("once");
        let stale = dir.join(".a.pdf.4194303.vitae-tmp");
        fs::write(&stale, "x").unwrap();
        write_atomic(&dir.join("a.pdf"), b"1", &[]).unwrap();
        assert!(!stale.exists() || !cfg!(target_os = "linux"));
        // Debris appearing later in a folder already cleaned waits for the next run.
        fs::write(&stale, "x").unwrap();
        write_atomic(&dir.join("b.pdf"), b"2", &[]).unwrap();
        assert!(stale.exists());
        assert_eq!(fs::read(dir.join("b.pdf")).unwrap(), b"2");
        let _ = fs::remove_dir_all(&dir);
    }
}
