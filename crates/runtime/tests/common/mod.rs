//! Helpers shared by the engine's integration tests: small projects written to temporary
//! folders, and engines on them.

use mpsim_runtime::{Engine, Options};
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// Writes `files` (path, contents) into a fresh temporary folder named after `name`.
pub fn write_project<P: AsRef<str>, T: AsRef<str>>(name: &str, files: &[(P, T)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mpsim-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in files {
        let p = dir.join(path.as_ref());
        std::fs::create_dir_all(p.parent().expect("a file inside the project")).expect("create folders");
        std::fs::write(p, text.as_ref()).expect("write a project file");
    }
    dir
}

/// An engine for `dir`, requiring a project without load errors.
pub fn engine(dir: &Path) -> Engine {
    let (project, diags) = mpsim_project::load(dir);
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    Engine::new(Rc::new(project), Options::default()).expect("the engine starts")
}
