#!/usr/bin/env python3
"""Writes crates/runtime/src/wx_api_table.json: every member of `interface Wx` in WeChat's
official typings (npm package miniprogram-api-typings, pinned below), one row each.

    npm pack miniprogram-api-typings@5.2.3 && tar xzf miniprogram-api-typings-5.2.3.tgz
    python3 scripts/gen-wx-api.py package          # the unpacked package folder
    python3 scripts/gen-wx-api.py                  # no package: keep names, kinds and
                                                   # versions, recompute plugin/support

Columns:
- kind: `callback` (takes {success, fail, complete}; `promise` says whether the typings
  promisify it), `sync` (returns its result: `*Sync` and other synchronous functions),
  `event` (`on*`/`off*`), `factory` (`create*`, `get*Manager`; `methods` lists the returned
  object's methods when the typings declare them), `property` (`env`, `cloud`, ...).
- since: the base library from the doc comment (`需要基础库： \\`x.y.z\\``), or null.
- plugin: whether plugin code may call it, read from crates/runtime/src/plugin_api.rs
  (that table is the one source; this column is a copy the runtime tests check).
- support: `simulated` when an area in crates/runtime/src/js/wx/ defines it, else `fail`
  (js/wx/unsupported.js answers it). A runtime test checks this column against the realm.

Standard library only; the build never runs this (the table is checked in).
"""

import json
import os
import re
import sys

PINNED = "5.2.3"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLE = os.path.join(ROOT, "crates/runtime/src/wx_api_table.json")
PLUGIN_API = os.path.join(ROOT, "crates/runtime/src/plugin_api.rs")
AREAS = os.path.join(ROOT, "crates/runtime/src/js/wx")


def strip_comments(text):
    """The text with comments blanked (same length, newlines kept) and, per position where
    a `/** … */` comment ended, that comment's text."""
    out = []
    docs = {}
    i, n = 0, len(text)
    while i < n:
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            chunk = text[i:j]
            docs[j] = chunk
            out.append("".join(c if c == "\n" else " " for c in chunk))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text[i] in "'\"`":
            q = text[i]
            j = i + 1
            while j < n and text[j] != q:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i : j + 1])
            i = j + 1
        else:
            out.append(text[i])
            i += 1
    return "".join(out), docs


def interfaces(code):
    """{name: (body start, body end)} of every `interface Name … {` block."""
    found = {}
    for m in re.finditer(r"\binterface\s+(\w+)[^{]*\{", code):
        start = m.end()
        depth, j = 1, start
        while j < len(code) and depth:
            depth += {"{": 1, "}": -1}.get(code[j], 0)
            j += 1
        found.setdefault(m.group(1), (start, j - 1))
    return found


def members(code, start, end):
    """[(name, is_method, signature text, position)] of an interface body's top level."""
    out = []
    i = start
    ident = re.compile(r"\s*(?:readonly\s+)?([A-Za-z_$][\w$]*)(\??)\s*([(<:])")
    while i < end:
        m = ident.match(code, i, end)
        if not m:
            nxt = code.find("\n", i, end)
            if nxt < 0:
                break
            i = nxt + 1
            continue
        name, is_method, sig_start = m.group(1), m.group(3) in "(<", m.start(1)
        # The member runs to the first newline at bracket depth 0 (`<>` counted, `=>` not).
        depth, j = 0, m.end() - 1
        while j < end:
            c = code[j]
            if c in "({[<":
                depth += 1
            elif c in ")}]" or (c == ">" and code[j - 1] != "="):
                depth -= 1
            elif c == "\n" and depth == 0:
                break
            j += 1
        out.append((name, is_method, code[sig_start:j], sig_start))
        i = j + 1
    return out


def since_of(doc):
    m = re.search(r"(?:需要基础库|最低基础库)：\s*`([\d.]+)`", doc or "")
    return m.group(1) if m else None


def doc_before(docs, text, pos):
    """The doc comment ending just before `pos` in the original text (whitespace between)."""
    j = pos
    while j > 0 and text[j - 1].isspace():
        j -= 1
    return docs.get(j)


def methods_of(type_name, ifaces, code):
    """The method names of interface `type_name`, or None when it declares none."""
    if type_name not in ifaces:
        return None
    s, e = ifaces[type_name]
    names = sorted({n for n, meth, *_ in members(code, s, e) if meth})
    return names or None


def kind_of(name, is_method, sig, ifaces, code):
    if not is_method:
        t = re.search(r":\s*(\w+)\s*$", sig.strip())
        methods = methods_of(t.group(1), ifaces, code) if t else None
        return "property", {"methods": methods} if methods else {}
    if re.match(r"(on|off)[A-Z]", name):
        return "event", {}
    if name.endswith("Sync"):
        return "sync", {}
    if "PromisifySuccessResult" in sig:
        return "callback", {"promise": True}
    first = re.search(r"\(\s*\w+\??\s*:\s*(\w+)", sig)
    if first and first.group(1) in ifaces:
        s, e = ifaces[first.group(1)]
        if any(n == "success" for n, *_ in members(code, s, e)):
            return "callback", {"promise": False}
    # A factory returns an object with methods (`create*`, `get*Manager`, `getNFCAdapter`).
    ret = re.search(r"\)\s*:\s*(\w+)\s*$", sig.strip())
    methods = methods_of(ret.group(1), ifaces, code) if ret else None
    if methods or re.match(r"create[A-Z]", name) or re.match(r"get\w*Manager$", name):
        return "factory", {"methods": methods} if methods else {}
    return "sync", {}


def read_typings(package):
    path = os.path.join(package, "types/wx/lib.wx.api.d.ts")
    with open(os.path.join(package, "package.json"), encoding="utf-8") as f:
        version = json.load(f)["version"]
    if version != PINNED:
        sys.exit(f"miniprogram-api-typings {version} found; the table is pinned to {PINNED}")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    code, docs = strip_comments(text)
    ifaces = interfaces(code)
    s, e = ifaces["Wx"]
    rows = {}
    for name, is_method, sig, pos in members(code, s, e):
        kind, extra = kind_of(name, is_method, sig, ifaces, code)
        since = since_of(doc_before(docs, text, pos))
        row = rows.get(name)
        if row is None:
            rows[name] = dict({"name": name, "kind": kind, "since": since}, **extra)
        elif row["since"] is None and since:
            row["since"] = since
        elif row["kind"] == "callback" and extra.get("promise"):
            row["promise"] = True
    return version, [rows[k] for k in sorted(rows)]


def plugin_names():
    with open(PLUGIN_API, encoding="utf-8") as f:
        return set(re.findall(r'^\s*(?:api|page)\("(\w+)",', f.read(), re.M))


def simulated_names(all_names):
    """Table names an area defines: `wx.NAME =`, `wx[…] = …` over a list of quoted names,
    and `listeners('Event')` (which defines onEvent/offEvent)."""
    found = set()
    for file in sorted(os.listdir(AREAS)):
        if not file.endswith(".js") or file == "unsupported.js":
            continue
        with open(os.path.join(AREAS, file), encoding="utf-8") as f:
            text = f.read()
        found.update(re.findall(r"\bwx\.(\w+)\s*=(?!=)", text))
        found.update(n for n in re.findall(r"'(\w+)'", text) if n in all_names)
        for event in re.findall(r"\blisteners\('(\w+)'\)", text):
            found.update({"on" + event, "off" + event})
    return found & set(all_names)


def main():
    if len(sys.argv) > 1:
        version, rows = read_typings(sys.argv[1])
    else:
        with open(TABLE, encoding="utf-8") as f:
            old = json.load(f)
        version, rows = old["typings"]["version"], old["apis"]
    names = [r["name"] for r in rows]
    plugin = plugin_names()
    simulated = simulated_names(names)
    for r in rows:
        r["plugin"] = r["name"] in plugin
        r["support"] = "simulated" if r["name"] in simulated else "fail"
    table = {
        "typings": {"package": "miniprogram-api-typings", "version": version, "file": "types/wx/lib.wx.api.d.ts"},
        "generated_by": "scripts/gen-wx-api.py",
        "apis": rows,
    }
    with open(TABLE, "w", encoding="utf-8") as f:
        f.write("{\n")
        f.write(f'  "typings": {json.dumps(table["typings"], ensure_ascii=False)},\n')
        f.write(f'  "generated_by": {json.dumps(table["generated_by"])},\n')
        f.write('  "apis": [\n')
        f.write(",\n".join("    " + json.dumps(r, ensure_ascii=False) for r in rows))
        f.write("\n  ]\n}\n")
    counts = {}
    for r in rows:
        counts[r["kind"]] = counts.get(r["kind"], 0) + 1
    sim = sum(r["support"] == "simulated" for r in rows)
    print(f"{len(rows)} names ({counts}); simulated {sim}, fail {len(rows) - sim}; plugin {sum(r['plugin'] for r in rows)}")
    missing = sorted(plugin - set(names))
    if missing:
        print(f"plugin_api.rs names not in the typings: {missing}")


if __name__ == "__main__":
    main()
