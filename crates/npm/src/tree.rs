//! The project's files as the build sees them: every read, listing and write goes through
//! project-relative paths that must stay inside the project folder.
//!
//! A symbolic link is followed only when its target is inside the project too (a
//! `node_modules` linked in from elsewhere, or a package linking `/etc/passwd`, is refused
//! with a diagnostic); links are never recreated in the output, their content is copied.
//! Nothing here knows what a package is.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

use mpsim_project::resolve_inside;

/// What [`Tree::entry`] found at a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    File,
    Dir,
    Missing,
    /// A path that exists but leads outside the project (through a link or `..`).
    Outside,
}

pub struct Tree {
    /// The project folder.
    dir: PathBuf,
}

impl Tree {
    pub fn new(dir: &Path) -> Tree {
        Tree { dir: dir.to_path_buf() }
    }

    /// The filesystem path of `rel`, with no check (for writing new files).
    pub fn path(&self, rel: &str) -> PathBuf {
        if rel.is_empty() {
            self.dir.clone()
        } else {
            self.dir.join(rel)
        }
    }

    pub fn entry(&self, rel: &str) -> Entry {
        if std::fs::symlink_metadata(self.path(rel)).is_err() {
            return Entry::Missing;
        }
        match resolve_inside(&self.dir, rel) {
            Some(p) if p.is_dir() => Entry::Dir,
            Some(_) => Entry::File,
            None => Entry::Outside,
        }
    }

    pub fn is_file(&self, rel: &str) -> bool {
        self.entry(rel) == Entry::File
    }

    pub fn is_dir(&self, rel: &str) -> bool {
        self.entry(rel) == Entry::Dir
    }

    /// The text of a file inside the project; `None` when it is missing, outside or not text.
    pub fn read(&self, rel: &str) -> Option<String> {
        let path = resolve_inside(&self.dir, rel)?;
        let bytes = std::fs::read(path).ok()?;
        String::from_utf8(bytes).ok()
    }

    /// The files below the directory `rel`, project-relative and sorted, following links
    /// that stay inside the project (each real directory once, so link cycles end).
    /// Entries leading outside are returned in the second list.
    pub fn files_below(&self, rel: &str) -> (Vec<String>, Vec<String>) {
        let mut files = Vec::new();
        let mut outside = Vec::new();
        let mut seen = HashSet::new();
        let mut stack = vec![rel.to_string()];
        while let Some(dir) = stack.pop() {
            let Some(real) = resolve_inside(&self.dir, &dir).and_then(|p| p.canonicalize().ok()) else {
                outside.push(dir);
                continue;
            };
            if !seen.insert(real) {
                continue;
            }
            let Ok(read) = std::fs::read_dir(self.path(&dir)) else {
                continue;
            };
            let mut names: Vec<String> = read.flatten().filter_map(|e| e.file_name().into_string().ok()).collect();
            names.sort();
            for name in names.into_iter().rev() {
                let child = if dir.is_empty() { name } else { format!("{dir}/{name}") };
                match self.entry(&child) {
                    Entry::Dir => stack.push(child),
                    Entry::File => files.push(child),
                    Entry::Outside => outside.push(child),
                    Entry::Missing => {}
                }
            }
        }
        files.sort();
        outside.sort();
        (files, outside)
    }

    /// Copies the file `from` to `to` (both project-relative), creating folders.
    pub fn copy(&self, from: &str, to: &str) -> io::Result<()> {
        let Some(src) = resolve_inside(&self.dir, from) else {
            return Err(io::Error::new(io::ErrorKind::NotFound, format!("{from} is not a file inside the project")));
        };
        self.write_with(to, |dest| std::fs::copy(&src, dest).map(|_| ()))
    }

    /// Writes `text` to `to` (project-relative), creating folders.
    pub fn write(&self, to: &str, text: &str) -> io::Result<()> {
        self.write_with(to, |dest| std::fs::write(dest, text))
    }

    fn write_with(&self, to: &str, write: impl FnOnce(&Path) -> io::Result<()>) -> io::Result<()> {
        let dest = self.path(to);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent)?;
        }
        write(&dest)
    }

    /// Replaces the folder `to` with `from` (both project-relative): the freshly built
    /// output takes the place of the previous build. A `to` that is a link or a file is
    /// refused rather than followed.
    pub fn replace_dir(&self, from: &str, to: &str) -> io::Result<()> {
        let dest = self.path(to);
        match std::fs::symlink_metadata(&dest) {
            Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(&dest)?,
            Ok(_) => {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!("{to} exists and is not a folder; remove it and build again"),
                ))
            }
            Err(_) => {}
        }
        if !self.path(from).exists() {
            return std::fs::create_dir_all(&dest);
        }
        std::fs::rename(self.path(from), dest)
    }

    pub fn remove_dir(&self, rel: &str) {
        let _ = std::fs::remove_dir_all(self.path(rel));
    }
}
