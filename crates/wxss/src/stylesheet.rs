//! The stylesheet of the app, a page or a component: which file holds it and its CSS.
//!
//! [`compile_styles`] is the one function every caller (`mpsim check`, the window) uses. The
//! rule for which file is the source, from WeChat DevTools' documentation of compiler
//! plugins ("原生支持 TypeScript"):
//! - `x.less` is used when `setting.useCompilerPlugins` names `less`; `x.scss` (or the
//!   indented `x.sass`) when it names `sass`. Without the plugin DevTools does not compile
//!   the file ("在 project.config.json 文件中，修改 setting 下的 useCompilerPlugins 字段
//!   …即可开启工具内置的…编译插件"), so neither does mpsim; a `x.less` that is then the only
//!   style file gets a `wxss-compiler-plugin-off` warning.
//! - When both `x.wxss` and a compiled `x.less` exist, the compiled file wins: the page says
//!   so for `.ts` over `.js` ("如果存在同名的 ts 和 js 文件，则优先使用 ts 文件") and "less
//!   文件同理". Less is tried before SCSS, SCSS before Sass.
//!
//! The CSS a preprocessor produced then goes through [`crate::compile`] as if it were the
//! file's WXSS: rpx, tag mapping, scoping, and `@import`s of `.wxss` files it left alone.

use mpsim_base::{Diagnostic, Severity};
use mpsim_project::{is_within, resolve_inside, CompilerPlugin, Project};

use crate::compile::{compile, CompiledStyle, WxssOptions};
use crate::preprocess::{preprocess, StyleLang};

/// The file holding the styles of `owner` (a project-relative path without extension, e.g.
/// `miniprogram/pages/a/a` or `miniprogram/app`) and its language, or `None` when it has
/// none that DevTools would use. Findings about the choice go to `diags`.
pub fn style_source(project: &Project, owner: &str, diags: &mut Vec<Diagnostic>) -> Option<(String, StyleLang)> {
    let exists = |lang: StyleLang| {
        let file = format!("{owner}.{}", lang.ext());
        resolve_inside(&project.dir, &file).is_some_and(|p| p.is_file()).then_some((file, lang))
    };
    let compiled = [
        (StyleLang::Less, CompilerPlugin::Less),
        (StyleLang::Scss, CompilerPlugin::Sass),
        (StyleLang::Sass, CompilerPlugin::Sass),
    ];
    for (lang, plugin) in compiled {
        if project.uses_compiler_plugin(plugin) {
            if let Some(found) = exists(lang) {
                return Some(found);
            }
        }
    }
    if let Some(found) = exists(StyleLang::Wxss) {
        return Some(found);
    }
    for (lang, plugin) in compiled {
        if let Some((file, _)) = exists(lang) {
            diags.push(Diagnostic::file(
                file,
                Severity::Warning,
                "wxss-compiler-plugin-off",
                format!(
                    "not compiled: add \"{}\" to setting.useCompilerPlugins in project.config.json to use .{} files",
                    plugin.name(),
                    lang.ext()
                ),
            ));
            break;
        }
    }
    None
}

/// Compiles the styles of `owner` (see [`style_source`]) into CSS for the webview. `root` is
/// the owner's realm root (mini-program or plugin): `@import`s stay inside it. `None` when
/// the owner has no style file.
pub fn compile_styles(
    project: &Project,
    owner: &str,
    root: &str,
    opts: &WxssOptions,
) -> Option<(CompiledStyle, Vec<Diagnostic>)> {
    let mut diags = Vec::new();
    let found = style_source(project, owner, &mut diags);
    let Some((file, lang)) = found else {
        return (!diags.is_empty()).then(|| (CompiledStyle::default(), diags));
    };
    let mut load = |p: &str| is_within(p, root).then(|| project.read_text(p)).flatten();
    if lang == StyleLang::Wxss {
        let (style, found) = compile(&file, root, &mut load, opts);
        diags.extend(found);
        return Some((style, diags));
    }
    let pre = preprocess(project, &file, lang, root);
    diags.extend(pre.diags);
    let Some(css) = pre.css else {
        return Some((CompiledStyle { css: String::new(), deps: pre.deps }, diags));
    };
    let mut css = Some(css);
    let mut load_compiled = |p: &str| if p == file { css.take() } else { load(p) };
    let (mut style, found) = compile(&file, root, &mut load_compiled, opts);
    // Positions in the compiled CSS mean nothing in the source file: such findings are
    // reported on the file, with the line of the CSS they were found at.
    diags.extend(found.into_iter().map(|mut d| {
        if d.path == file {
            d.message = format!("{} (line {} of the CSS compiled from this file)", d.message, d.line);
            d.line = 1;
            d.col = 1;
        }
        d
    }));
    for dep in pre.deps {
        if !style.deps.contains(&dep) {
            style.deps.push(dep);
        }
    }
    Some((style, diags))
}
