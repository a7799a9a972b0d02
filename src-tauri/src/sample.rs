//! The bundled sample project, embedded in the binary: commands given no DIR open it.
//! It is written out once to a cache folder so the engine reads real files.

use anyhow::Context;
use include_dir::{include_dir, Dir};
use std::path::PathBuf;

static SAMPLE: Dir = include_dir!("$CARGO_MANIFEST_DIR/../assets/sample");

/// The folder holding the sample project, written out if needed.
pub fn dir() -> anyhow::Result<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    let dir = base.join("mpsim").join(format!("sample-{}-{:016x}", env!("CARGO_PKG_VERSION"), fingerprint()));
    if !dir.join(".complete").exists() {
        write(&SAMPLE, &dir).with_context(|| format!("writing the sample project to {}", dir.display()))?;
        std::fs::write(dir.join(".complete"), b"")?;
    }
    Ok(dir)
}

/// A hash of the embedded files, so a changed sample gets a fresh folder.
fn fingerprint() -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    fn visit(d: &Dir, h: &mut u64) {
        for f in d.files() {
            for b in f.path().to_string_lossy().bytes().chain(f.contents().iter().copied()) {
                *h = (*h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
            }
        }
        for sub in d.dirs() {
            visit(sub, h);
        }
    }
    visit(&SAMPLE, &mut h);
    h
}

/// Scaffolds a new plugin project in `dir` (created if needed; it must be empty): the
/// sample project, which `mpsim check` passes with no findings.
pub fn scaffold(dir: &std::path::Path) -> anyhow::Result<()> {
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        anyhow::bail!("{} is not empty; `mpsim new` only writes into a new or empty folder", dir.display());
    }
    std::fs::create_dir_all(dir)?;
    write(&SAMPLE, dir).with_context(|| format!("writing the project to {}", dir.display()))
}

fn write(d: &Dir, to: &std::path::Path) -> std::io::Result<()> {
    for f in d.files() {
        let path = to.join(f.path());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, f.contents())?;
    }
    for sub in d.dirs() {
        write(sub, to)?;
    }
    Ok(())
}
