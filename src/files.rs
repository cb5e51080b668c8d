//! Reading the user's files: the one function every input goes through (profiles, layouts,
//! photos, images named by imported files, font files). It reads only regular files, and at most
//! a limit's worth of bytes, so a FIFO, a device (`/dev/zero`, `/dev/urandom`), a directory or a
//! file that grows while it is read can neither block vitae nor fill its memory.

use std::fmt;
use std::fs::{File, Metadata, OpenOptions};
use std::io::Read;
use std::path::Path;

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Nothing exists at the path.
    NotFound,
    /// The operating system refused.
    PermissionDenied,
    /// The path names something other than a regular file: a directory, FIFO, device or socket.
    NotAFile(&'static str),
    /// The file holds more bytes than the limit.
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// Another failure, in the operating system's words.
    Other(String),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotFound => f.write_str("no such file"),
            ReadError::PermissionDenied => f.write_str("permission denied"),
            ReadError::NotAFile(what) => write!(f, "it is {what}, not a regular file"),
            ReadError::TooLarge { limit } => write!(f, "it is larger than the limit of {}", size(*limit)),
            ReadError::Other(reason) => f.write_str(reason),
        }
    }
}

impl std::error::Error for ReadError {}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> ReadError {
        match e.kind() {
            std::io::ErrorKind::NotFound => ReadError::NotFound,
            std::io::ErrorKind::PermissionDenied => ReadError::PermissionDenied,
            std::io::ErrorKind::IsADirectory => ReadError::NotAFile("a directory"),
            _ => ReadError::Other(without_os_code(&e.to_string())),
        }
    }
}

/// Reads a whole regular file of at most `limit` bytes (symbolic links are followed).
///
/// # Errors
///
/// A [`ReadError`] when the path is missing, unreadable, not a regular file, or larger than the
/// limit; nothing beyond `limit + 1` bytes is ever read.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path)?;
    check_kind(&meta)?;
    if meta.len() > limit {
        return Err(ReadError::TooLarge { limit });
    }
    let file = open(path)?;
    // The path may have been swapped for a FIFO between the look and the open: look again at
    // what was opened.
    check_kind(&file.metadata()?)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// Reads a regular file as UTF-8 text of at most `limit` bytes, dropping a byte-order mark.
/// Invalid UTF-8 is [`TextError::Utf8`] with the byte offset, so callers can place it.
///
/// # Errors
///
/// As [`read`], or when the bytes are not UTF-8.
pub fn read_text(path: &Path, limit: u64) -> Result<String, TextError> {
    let bytes = read(path, limit).map_err(TextError::Read)?;
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").map_or(bytes.as_slice(), |b| b);
    match std::str::from_utf8(body) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => Err(TextError::Utf8 { bytes: body.to_vec(), at: e.valid_up_to() }),
    }
}

/// Why a text file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextError {
    /// The file could not be read.
    Read(ReadError),
    /// The bytes are not UTF-8; `at` is the first bad byte (after any byte-order mark).
    Utf8 {
        /// The file's bytes, byte-order mark removed.
        bytes: Vec<u8>,
        /// Offset of the first invalid byte.
        at: usize,
    },
}

/// Opens a file for reading without blocking: opening a FIFO for reading waits for a writer,
/// which would hang vitae before it could look at what it opened.
fn open(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Refuses anything but a regular file.
fn check_kind(meta: &Metadata) -> Result<(), ReadError> {
    if meta.is_file() {
        return Ok(());
    }
    Err(ReadError::NotAFile(kind_of(meta)))
}

/// Names what kind of thing a non-regular file is, for messages.
fn kind_of(meta: &Metadata) -> &'static str {
    if meta.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}

/// Words a byte count for messages: "2 MiB", "256 KiB", "100 bytes".
pub fn size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    match bytes {
        b if b >= KIB * KIB && b % (KIB * KIB) == 0 => format!("{} MiB", b / (KIB * KIB)),
        b if b >= KIB && b % KIB == 0 => format!("{} KiB", b / KIB),
        b => format!("{b} bytes"),
    }
}

/// Drops the " (os error N)" that Rust appends to system errors: it helps no reader.
fn without_os_code(message: &str) -> String {
    match message.rfind(" (os error ") {
        Some(i) => message.get(..i).unwrap_or(message).to_owned(),
        None => message.to_owned(),
    }
}

/// The files of the repository's folder `folder` (`fonts`, `layouts`, `locales`) whose names end
/// in `.extension`, sorted by path: for tests that check a bundled table against the folder.
#[cfg(test)]
pub(crate) fn repository_files(folder: &str, extension: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == extension))
        .collect();
    files.sort();
    files
}

/// A fresh folder under the system's temporary folder for one unit test, removed with
/// everything in it when dropped, so test runs leave nothing behind (a panicking test still
/// unwinds through the drop).
#[cfg(test)]
pub(crate) struct ScratchDir(std::path::PathBuf);

#[cfg(test)]
impl ScratchDir {
    /// Makes the empty folder `vitae-NAME-PID` (the process id keeps concurrent runs apart).
    pub(crate) fn new(name: &str) -> ScratchDir {
        let dir = std::env::temp_dir().join(format!("vitae-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        ScratchDir(dir)
    }
}

#[cfg(test)]
impl std::ops::Deref for ScratchDir {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

#[cfg(test)]
impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch folder for one test.
    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("vitae-files-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch folder");
        dir
    }

    #[test]
    fn reads_a_regular_file_up_to_its_limit() {
        let dir = scratch("limit");
        let path = dir.join("a.txt");
        std::fs::write(&path, "12345").expect("write");
        assert_eq!(read(&path, 5).expect("fits"), b"12345");
        assert_eq!(read(&path, 4), Err(ReadError::TooLarge { limit: 4 }));
        assert_eq!(read(&dir.join("missing"), 5), Err(ReadError::NotFound));
        assert_eq!(read(&dir, 5), Err(ReadError::NotAFile("a directory")));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn devices_are_refused_without_reading() {
        for device in ["/dev/zero", "/dev/urandom", "/dev/null"] {
            assert_eq!(read(Path::new(device), 1 << 20), Err(ReadError::NotAFile("a device")), "{device}");
        }
    }

    #[test]
    #[cfg(unix)]
    fn a_fifo_is_refused_without_blocking() {
        let dir = scratch("fifo");
        let fifo = dir.join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            assert_eq!(read(&fifo, 1 << 20), Err(ReadError::NotAFile("a named pipe (FIFO)")));
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn text_drops_a_bom_and_locates_bad_utf8() {
        let dir = scratch("text");
        let path = dir.join("a.txt");
        std::fs::write(&path, b"\xEF\xBB\xBFab\xFFc").expect("write");
        match read_text(&path, 100) {
            Err(TextError::Utf8 { bytes, at }) => assert_eq!((bytes.len(), at), (4, 2)),
            other => panic!("{other:?}"),
        }
        std::fs::write(&path, "\u{feff}héllo").expect("write");
        assert_eq!(read_text(&path, 100).expect("text"), "héllo");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn sizes_are_worded() {
        assert_eq!(size(2 * 1024 * 1024), "2 MiB");
        assert_eq!(size(256 * 1024), "256 KiB");
        assert_eq!(size(100), "100 bytes");
    }
}
