//! Compile behaviour as tables: what DevTools' ES6→ES5 + TypeScript compile gives, checked
//! by running the output where it matters (the runtime's fixtures) and by shape here.

use super::*;

fn code(source: &str, lang: Lang) -> String {
    compile("t.js", source, lang).map(|c| c.code.to_string()).unwrap_or_else(|e| panic!("{e:?}"))
}

#[test]
fn commonjs_is_left_as_written() {
    for src in [
        "module.exports = { a: 1 }",
        "const important = require('./x'); exports.exported = important;",
        "var s = 'import x from \"y\"'; // export default",
        "obj.import(1); obj.export = 2;",
    ] {
        let c = compile("t.js", src, Lang::JavaScript).unwrap();
        assert_eq!(&*c.code, src);
        assert!(c.map.is_none());
    }
}

#[test]
fn modules_become_commonjs() {
    let out = code("import a, { b as c } from './m'\nimport * as ns from './n'\nexport const x = a + c + ns.k\nexport default function f() {}\n", Lang::JavaScript);
    assert!(out.contains("require(\"./m\")"), "{out}");
    assert!(out.contains("require(\"./n\")"), "{out}");
    assert!(out.contains("__esModule"), "{out}");
    assert!(!out.contains("import "), "{out}");
    assert!(!out.contains("use strict"), "{out}");
}

#[test]
fn mixed_require_and_import_in_one_file() {
    let out = code("const x = require('./x')\nimport y from './y'\nmodule.exports.z = x + y\n", Lang::JavaScript);
    assert!(out.contains("require('./x')") || out.contains("require(\"./x\")"), "{out}");
    assert!(out.contains("require(\"./y\")"), "{out}");
}

#[test]
fn typescript_types_are_stripped() {
    let out = code(
        "interface P { a: number }\nconst p: P = { a: 1 } as P\nenum E { A, B }\nexport function f(x: number): string { return String(x + E.B) }\n",
        Lang::TypeScript,
    );
    assert!(!out.contains("interface"), "{out}");
    assert!(!out.contains(": number"), "{out}");
    assert!(out.contains("exports"), "{out}");
}

#[test]
fn typescript_without_modules_still_loses_types() {
    let out = code("const n: number = 1\nPage({ data: { n } as any })\n", Lang::TypeScript);
    assert!(!out.contains(": number") && !out.contains("as any"), "{out}");
}

#[test]
fn syntax_errors_point_at_the_original_line() {
    let e = compile("t.ts", "const a: number = 1\nconst b = (\n", Lang::TypeScript).unwrap_err();
    assert_eq!(e.line, 3, "{e:?}");
    let e = compile("t.js", "import x from './x'\nlet y = ;\n", Lang::JavaScript).unwrap_err();
    assert_eq!((e.line, e.col), (2, 9), "{e:?}");
}

#[test]
fn line_map_leads_back_to_the_source() {
    let src = "import a from './a'\n\n\nexport function f() {\n  return a.missing.x\n}\n";
    let c = compile("t.js", src, Lang::JavaScript).unwrap();
    let map = c.map.unwrap();
    let (gl, line) = c.code.lines().enumerate().find(|(_, l)| l.contains("missing")).unwrap();
    let gc = line.find("missing").unwrap() as u32 + 1;
    let (ol, _) = map.original(gl as u32 + 1, gc).unwrap();
    assert_eq!(ol, 5);
}

#[test]
fn typescript_legacy_decorators_are_compiled() {
    // tsc with experimentalDecorators: a class decorator runs on the class.
    let out = code(
        "function tag(t: any) { t.tagged = 1; return t }\n@tag\nclass Model { x: number = 1 }\nexport default Model\n",
        Lang::TypeScript,
    );
    assert!(!out.contains("@tag"), "{out}");
    assert!(out.contains("tag"), "{out}");
}
