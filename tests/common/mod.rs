//! Helpers shared by the integration suites (each suite uses a subset, hence `dead_code`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A temporary folder, unique to this process and test, removed when dropped.
pub struct TempDir {
    /// The folder.
    pub path: PathBuf,
}

impl TempDir {
    /// Creates an empty folder under the system's temporary folder.
    pub fn new() -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("vitae-test-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("create the temporary folder");
        TempDir { path }
    }

    /// Returns the path of `name` inside the folder.
    pub fn join(&self, name: &str) -> PathBuf {
        self.path.join(name)
    }

    /// Writes a file (creating its folder), returning its path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).expect("create the folder");
        std::fs::write(&path, bytes).expect("write the file");
        path
    }

    /// Copies a file into the folder under `name`, returning the new path.
    pub fn copy(&self, from: &Path, name: &str) -> PathBuf {
        self.write(name, std::fs::read(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display())))
    }

    /// Lists the files (and folders) in a subfolder, hidden ones included, sorted.
    pub fn files_in(&self, sub: &str) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.join(sub))
            .expect("list the folder")
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Lists the top-level files, hidden ones included, sorted.
    pub fn files(&self) -> Vec<String> {
        self.files_in(".")
    }

    /// Lists the files below a subfolder, recursively, as sorted relative paths.
    pub fn tree(&self, sub: &str) -> Vec<String> {
        let root = self.join(sub);
        let mut out = Vec::new();
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("list the folder") {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    out.push(path.strip_prefix(&root).unwrap().display().to_string());
                }
            }
        }
        out.sort();
        out
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}
