//! Build npm rules, each pinned by a small project written to a temporary folder: the files
//! before, and after the build the files of every `miniprogram_npm/` plus the findings.
//!
//! The rules quoted are WeChat's npm documentation (developers.weixin.qq.com, "npm 支持").

use std::path::{Path, PathBuf};

/// A fresh folder holding `files` (path, content).
fn project(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mpsim-npm-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().expect("a file has a folder")).expect("create folders");
        std::fs::write(p, text).expect("write a project file");
    }
    dir
}

/// Every file below `dir`, relative and sorted.
fn files_below(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(e.path());
            } else {
                out.push(e.path().strip_prefix(dir).expect("below dir").to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

/// Builds the project `files` and compares with `expect`: one line per output folder
/// (`== OUT from PACKAGE_JSON`), one per package (`NAME KIND FILES`), the files written
/// below every output folder, then the findings.
fn check(name: &str, files: &[(&str, &str)], expect: &str) {
    let dir = project(name, files);
    let got = describe(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(got.trim(), expect.trim(), "\n--- got ---\n{got}");
}

fn describe(dir: &Path) -> String {
    let report = mpsim_npm::build(dir);
    let mut got = String::new();
    for o in &report.outputs {
        got.push_str(&format!("== {} from {}\n", o.target.out, o.target.package_json));
        for p in &o.packages {
            got.push_str(&format!("{} {:?} {} -> {}\n", p.name, p.kind, p.files, p.dest));
        }
        for f in files_below(&dir.join(&o.target.out)) {
            got.push_str(&format!("  {f}\n"));
        }
    }
    for d in &report.diagnostics {
        got.push_str(&format!("{d}\n"));
    }
    got
}

const COMPONENT: &[(&str, &str)] = &[
    ("index.js", "Component({})"),
    ("index.json", "{\"component\": true}"),
    ("index.wxml", "<view>comp</view>"),
    ("index.wxss", ".c {}"),
];

/// `files` placed under `folder`.
fn inside(folder: &str, files: &[(&str, &str)]) -> Vec<(String, String)> {
    files.iter().map(|(p, t)| (format!("{folder}/{p}"), t.to_string())).collect()
}

fn with(base: &[(&str, &str)], more: &[(String, String)]) -> Vec<(String, String)> {
    base.iter().map(|(p, t)| (p.to_string(), t.to_string())).chain(more.iter().cloned()).collect()
}

fn check_owned(name: &str, files: &[(String, String)], expect: &str) {
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    check(name, &borrowed, expect);
}

#[test]
fn a_miniprogram_package_contributes_its_build_folder_whole() {
    // "小程序 npm 包会直接拷贝构建文件生成目录下的所有文件到 miniprogram_npm 中"; the folder
    // is named by `miniprogram` ("默认为 miniprogram_dist 目录"). Sources outside it stay out,
    // and `devDependencies` are not built ("根据 package.json 的 dependencies 字段构建").
    let files = with(
        &[
            ("app.json", "{\"pages\": []}"),
            (
                "package.json",
                r#"{"dependencies": {"comp": "1.0.0", "plain-dist": "1"}, "devDependencies": {"tool": "1"}}"#,
            ),
            ("node_modules/comp/package.json", r#"{"name": "comp", "miniprogram": "dist"}"#),
            ("node_modules/comp/src/index.ts", "source"),
            ("node_modules/comp/dist/card/index.wxml", "<view/>"),
            ("node_modules/plain-dist/package.json", r#"{"name": "plain-dist"}"#),
            ("node_modules/tool/package.json", r#"{"name": "tool"}"#),
            ("node_modules/tool/index.js", ""),
        ],
        &[inside("node_modules/comp/dist", COMPONENT), inside("node_modules/plain-dist/miniprogram_dist", COMPONENT)]
            .concat(),
    );
    check_owned(
        "miniprogram-field",
        &files,
        "
== miniprogram_npm from package.json
comp Miniprogram 5 -> miniprogram_npm/comp
plain-dist Miniprogram 4 -> miniprogram_npm/plain-dist
  comp/card/index.wxml
  comp/index.js
  comp/index.json
  comp/index.wxml
  comp/index.wxss
  plain-dist/index.js
  plain-dist/index.json
  plain-dist/index.wxml
  plain-dist/index.wxss
",
    );
}

#[test]
fn a_plain_package_is_packed_from_its_entry_with_what_it_requires() {
    // "其他 npm 包则会从入口 js 文件开始走一遍依赖分析和打包过程"; the entry is `main`, else
    // index.js. A dependency nested in the package's own node_modules is built into the
    // package's own miniprogram_npm ("miniprogram_npm/testa/miniprogram_npm/testb").
    check(
        "plain",
        &[
            ("package.json", r#"{"dependencies": {"util-lib": "1"}}"#),
            (
                "node_modules/util-lib/package.json",
                r#"{"name": "util-lib", "main": "./lib/main", "dependencies": {"dep": "1", "nested": "2"}}"#,
            ),
            (
                "node_modules/util-lib/lib/main.js",
                "const h = require('./helper'); const d = require('dep'); require('dep/extra'); \
                 import n from 'nested'; // require('./commented-out')\nmodule.exports = h",
            ),
            ("node_modules/util-lib/lib/helper.js", "module.exports = require('../data.json')"),
            ("node_modules/util-lib/data.json", "{\"a\": 1}"),
            ("node_modules/util-lib/lib/unused.js", "never required"),
            ("node_modules/util-lib/README.md", "docs"),
            ("node_modules/util-lib/node_modules/nested/package.json", r#"{"name": "nested", "version": "2.0.0"}"#),
            ("node_modules/util-lib/node_modules/nested/index.js", "module.exports = 2"),
            ("node_modules/dep/package.json", r#"{"name": "dep"}"#),
            ("node_modules/dep/index.js", "module.exports = 1"),
            ("node_modules/dep/extra.js", "module.exports = 'extra'"),
            ("node_modules/dep/other.js", "not required"),
            ("node_modules/nested/package.json", r#"{"name": "nested", "version": "1.0.0"}"#),
            ("node_modules/nested/index.js", "module.exports = 1"),
        ],
        "
== miniprogram_npm from package.json
dep Packed 2 -> miniprogram_npm/dep
util-lib Packed 4 -> miniprogram_npm/util-lib
nested Packed 1 -> miniprogram_npm/util-lib/miniprogram_npm/nested
  dep/extra.js
  dep/index.js
  util-lib/data.json
  util-lib/index.js
  util-lib/lib/helper.js
  util-lib/lib/main.js
  util-lib/miniprogram_npm/nested/index.js
",
    );
}

#[test]
fn the_added_index_requires_the_entry() {
    let dir = project(
        "shim",
        &[
            ("package.json", r#"{"dependencies": {"dayjs": "1"}}"#),
            ("node_modules/dayjs/package.json", r#"{"name": "dayjs", "main": "dayjs.min.js"}"#),
            ("node_modules/dayjs/dayjs.min.js", "module.exports = 'dayjs'"),
        ],
    );
    mpsim_npm::build(&dir);
    let shim = std::fs::read_to_string(dir.join("miniprogram_npm/dayjs/index.js")).expect("index.js written");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(shim.contains("module.exports = require('./dayjs.min.js');"), "{shim}");
}

#[test]
fn scoped_packages_keep_their_scope_folder() {
    let files = with(
        &[
            ("package.json", r#"{"dependencies": {"@vant/weapp": "1"}}"#),
            ("node_modules/@vant/weapp/package.json", r#"{"name": "@vant/weapp", "miniprogram": "lib"}"#),
        ],
        &inside("node_modules/@vant/weapp/lib/button", COMPONENT),
    );
    check_owned(
        "scoped",
        &files,
        "
== miniprogram_npm from package.json
@vant/weapp Miniprogram 4 -> miniprogram_npm/@vant/weapp
  @vant/weapp/button/index.js
  @vant/weapp/button/index.json
  @vant/weapp/button/index.wxml
  @vant/weapp/button/index.wxss
",
    );
}

#[test]
fn every_package_json_inside_the_roots_is_built_next_to_itself() {
    // "为每一个 package.json 对应的 node_modules 构建一份 miniprogram_npm，并放置在对应
    // package.json 所在目录的子目录中"; a plugin project builds its plugin root as well. The
    // package.json at the project root is outside miniprogramRoot and is not built; one with
    // nothing in `dependencies` writes no folder.
    check(
        "roots",
        &[
            (
                "project.config.json",
                r#"{"compileType": "plugin", "miniprogramRoot": "miniprogram/", "pluginRoot": "plugin/"}"#,
            ),
            ("package.json", r#"{"dependencies": {"root-only": "1"}}"#),
            ("miniprogram/package.json", r#"{"dependencies": {"a": "1"}}"#),
            ("miniprogram/node_modules/a/index.js", "module.exports = 'a'"),
            ("miniprogram/node_modules/a/package.json", "{}"),
            ("miniprogram/sub/package.json", r#"{"dependencies": {"b": "1"}}"#),
            ("miniprogram/sub/node_modules/b/index.js", "module.exports = 'b'"),
            ("miniprogram/sub/node_modules/b/package.json", "{}"),
            ("miniprogram/components/vendored/package.json", r#"{"name": "vendored", "devDependencies": {"x": "1"}}"#),
            ("plugin/package.json", r#"{"dependencies": {"p": "1"}}"#),
            ("plugin/node_modules/p/index.js", "module.exports = 'p'"),
            ("plugin/node_modules/p/package.json", "{}"),
        ],
        "
== miniprogram/components/vendored/miniprogram_npm from miniprogram/components/vendored/package.json
== miniprogram/miniprogram_npm from miniprogram/package.json
a Packed 1 -> miniprogram/miniprogram_npm/a
  a/index.js
== miniprogram/sub/miniprogram_npm from miniprogram/sub/package.json
b Packed 1 -> miniprogram/sub/miniprogram_npm/b
  b/index.js
== plugin/miniprogram_npm from plugin/package.json
p Packed 1 -> plugin/miniprogram_npm/p
  p/index.js
",
    );
}

#[test]
fn pack_npm_manually_builds_the_listed_pairs_only() {
    // `setting.packNpmManually` with `packNpmRelationList`: "packageJsonPath" and
    // "miniprogramNpmDistDir", both relative to the project folder.
    check(
        "manual",
        &[
            (
                "project.config.json",
                r#"{"miniprogramRoot": "miniprogram/", "setting": {"packNpmManually": true,
                    "packNpmRelationList": [{"packageJsonPath": "./package.json", "miniprogramNpmDistDir": "./miniprogram/"}]}}"#,
            ),
            ("package.json", r#"{"dependencies": {"a": "1"}}"#),
            ("node_modules/a/package.json", "{}"),
            ("node_modules/a/index.js", "module.exports = 'a'"),
            ("miniprogram/package.json", r#"{"dependencies": {"not-built": "1"}}"#),
            ("miniprogram/miniprogram_npm/stale/index.js", "from an earlier build"),
        ],
        "
== miniprogram/miniprogram_npm from package.json
a Packed 1 -> miniprogram/miniprogram_npm/a
  a/index.js
",
    );
}

#[test]
fn problems_are_findings_and_the_rest_is_built() {
    check(
        "problems",
        &[
            (
                "package.json",
                "{\n  \"dependencies\": {\n    \"missing\": \"1\",\n    \"uses-node\": \"1\",\n    \"broken\": \"1\",\n    \"no-entry\": \"1\",\n    \"bad-dir\": \"1\"\n  }\n}",
            ),
            ("node_modules/uses-node/package.json", "{}"),
            ("node_modules/uses-node/index.js", "const fs = require('fs');\nrequire('./gone');\nrequire('not-installed')"),
            ("node_modules/broken/package.json", "{\"name\": \"broken\",}"),
            ("node_modules/no-entry/package.json", "{\"name\": \"no-entry\", \"main\": \"lib/x.js\"}"),
            ("node_modules/bad-dir/package.json", "{\"name\": \"bad-dir\", \"miniprogram\": \"../../x\"}"),
        ],
        "
== miniprogram_npm from package.json
uses-node Packed 1 -> miniprogram_npm/uses-node
  uses-node/index.js
package.json:3:5: error: \"missing\" is listed in `dependencies` but is not installed in node_modules; run `npm install` [npm-package-missing]
node_modules/broken/package.json:1:19: error: trailing commas are not allowed in JSON [json-syntax]
node_modules/no-entry/package.json:1:30: warning: package no-entry was not built: its `main` \"lib/x.js\" names no file [npm-missing-entry]
node_modules/bad-dir/package.json:1:36: error: `miniprogram` names \"../../x\", which is not a folder of the package [npm-missing-miniprogram-dir]
node_modules/uses-node/index.js:1:20: warning: \"fs\" is a Node.js built-in module, which a mini-program does not have; install a pure-JavaScript replacement as a dependency [npm-node-builtin]
node_modules/uses-node/index.js:2:9: warning: \"./gone\" names no file inside package uses-node [npm-unresolved-require]
node_modules/uses-node/index.js:3:9: warning: \"not-installed\": package not-installed is not installed in node_modules [npm-unresolved-require]
",
    );
}

#[test]
fn nothing_to_build_says_how_to_build_it() {
    check(
        "nothing",
        &[
            ("project.config.json", r#"{"miniprogramRoot": "miniprogram/"}"#),
            ("package.json", r#"{"dependencies": {"a": "1"}}"#),
            ("miniprogram/app.json", "{}"),
        ],
        r#"
project.config.json:1:1: error: no package.json to build: DevTools builds the package.json files inside miniprogram/; package.json at the project root is outside them: set `setting.packNpmManually: true` and `setting.packNpmRelationList: [{"packageJsonPath": "./package.json", "miniprogramNpmDistDir": "./miniprogram/"}]` in project.config.json [npm-nothing-to-build]
"#,
    );
    check(
        "not-installed",
        &[("package.json", "{\"dependencies\": {\"a\": \"1\"}}")],
        "
== miniprogram_npm from package.json
package.json:1:2: error: node_modules does not exist: run `npm install` in the project folder before building [npm-not-installed]
",
    );
}

#[cfg(unix)]
#[test]
fn links_leading_outside_the_project_are_refused() {
    let outside = project("outside-target", &[("package.json", "{}"), ("index.js", "module.exports = 'secret'")]);
    let dir = project(
        "links",
        &[
            ("package.json", r#"{"dependencies": {"linked": "1", "comp": "1"}}"#),
            ("node_modules/comp/package.json", r#"{"miniprogram": "dist"}"#),
            ("node_modules/comp/dist/index.js", "Component({})"),
        ],
    );
    std::os::unix::fs::symlink(&outside, dir.join("node_modules/linked")).expect("link a package");
    std::os::unix::fs::symlink(outside.join("index.js"), dir.join("node_modules/comp/dist/secret.js"))
        .expect("link a file");
    let got = describe(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&outside);
    assert_eq!(
        got.trim(),
        "
== miniprogram_npm from package.json
comp Miniprogram 1 -> miniprogram_npm/comp
  comp/index.js
node_modules/linked:1:1: error: node_modules/linked leads outside the project (a link); build-npm copies only files inside the project [npm-outside-project]
node_modules/comp/dist/secret.js:1:1: error: node_modules/comp/dist/secret.js leads outside the project (a link); it was not copied [npm-outside-project]
"
        .trim()
    );
}
