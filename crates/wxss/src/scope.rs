//! Per-component class scoping: how WXSS classes reach DOM classes in the webview.
//!
//! WeChat isolates component styles by class (docs "组件模板和样式", section 组件样式隔离):
//! only class selectors are isolated; tag, id and attribute selectors are not, and should not
//! be used in components. mpsim reproduces that with name-prefixed classes in one document:
//!
//! * Every page and every component definition gets a *scope prefix* `p` (any string; see
//!   [`scope_prefix`] for a ready-made one). Its WXSS is compiled with
//!   `WxssOptions::scope = Some(p)`, which rewrites each class selector `.a` into `.p--a`
//!   (CSS-escaped). `app.wxss` is compiled with `scope = None`: its classes stay global (`.a`).
//! * `:host` in a scoped file becomes `[wx-host="p"]` ([`host_selector`]); the webview sets the
//!   attribute [`HOST_ATTR`]`="p"` on the host element of every instance of that component
//!   (and on the `<wx-page>` root of a page, whose prefix is the page's). In an unscoped file
//!   `:host` becomes `wx-page`.
//! * The runtime computes the DOM `class` of every element with [`dom_classes`], from the
//!   WXML class tokens and a [`ScopeInfo`] describing the element's *owner* (the page or
//!   component whose WXML contains the element). The result always holds `p--a` for the
//!   owner's own class `a`, and additionally the class names of the other style sheets that
//!   the owner's styleIsolation lets in: the page's (`page--a`), the `shared` components'
//!   (`s--a`), and app.wxss's (`a`). The CSS never changes with isolation, only class lists do.
//! * `~a` refers to the page's class (`page--a` only); `^a` to the parent component's
//!   (`parent--a`), `^^a` to the grandparent's, and so on, ending at the page (docs section
//!   引用页面或父组件的样式).
//! * External classes (docs section 外部样式类): when a component declares
//!   `externalClasses: ['my-class']` and its user writes `<comp my-class="x y">`, the runtime
//!   resolves `x y` with `dom_classes` *in the user's scope* and puts the result in
//!   `ScopeInfo::external` of the component; a class token `my-class` inside the component is
//!   then replaced by those already-scoped names, verbatim.
//!
//! Which sheets a class list lets in (docs section 组件样式隔离, styleIsolation values):
//!
//! | owner | own | page | `shared` components | app.wxss |
//! | --- | --- | --- | --- | --- |
//! | component, `isolated` (default) | yes | no | no | no |
//! | component, `apply-shared` / `addGlobalClass` | yes | if page is `shared`/`page-shared` | yes | unless page is `page-*` |
//! | component, `shared` | yes | if page is `shared`/`page-shared` | yes (others) | unless page is `page-*` |
//! | page, `shared` (default) / `apply-shared` | yes | — | yes | yes |
//! | page, `isolated` | yes | — | no | yes |
//! | page, `page-shared` / `page-apply-shared` | yes | — | yes | no |
//! | page, `page-isolated` | yes | — | no | no |
//!
//! Two judgments are not spelled out by the docs: a page that is `isolated` or
//! `page-isolated` is not affected by `shared` components (by analogy with `isolated`), and
//! app.wxss does not reach components of a page that disabled app.wxss.

/// The attribute the webview sets on a component's host element (and on the page root) to
/// the scope prefix of its definition, for `:host` rules.
pub const HOST_ATTR: &str = "wx-host";

/// A page's or component's `styleIsolation` option.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StyleIsolation {
    Isolated,
    ApplyShared,
    Shared,
    PageIsolated,
    PageApplyShared,
    PageShared,
}

impl StyleIsolation {
    /// The effective isolation from a page's or component's options: an explicit
    /// `styleIsolation` wins (unknown values are ignored); otherwise `addGlobalClass: true`
    /// means `apply-shared`; otherwise components default to `isolated` and pages (also pages
    /// built with `Component`) to `shared`. The `page-*` values are only valid for pages.
    pub fn from_options(style_isolation: Option<&str>, add_global_class: bool, is_page: bool) -> Self {
        let explicit = match style_isolation.map(str::trim) {
            Some("isolated") => Some(StyleIsolation::Isolated),
            Some("apply-shared") => Some(StyleIsolation::ApplyShared),
            Some("shared") => Some(StyleIsolation::Shared),
            Some("page-isolated") if is_page => Some(StyleIsolation::PageIsolated),
            Some("page-apply-shared") if is_page => Some(StyleIsolation::PageApplyShared),
            Some("page-shared") if is_page => Some(StyleIsolation::PageShared),
            _ => None,
        };
        match explicit {
            Some(v) => v,
            None if add_global_class => StyleIsolation::ApplyShared,
            None if is_page => StyleIsolation::Shared,
            None => StyleIsolation::Isolated,
        }
    }

    /// The value as written in options and json.
    pub fn as_str(self) -> &'static str {
        match self {
            StyleIsolation::Isolated => "isolated",
            StyleIsolation::ApplyShared => "apply-shared",
            StyleIsolation::Shared => "shared",
            StyleIsolation::PageIsolated => "page-isolated",
            StyleIsolation::PageApplyShared => "page-apply-shared",
            StyleIsolation::PageShared => "page-shared",
        }
    }

    /// Whether a page with this isolation disables app.wxss.
    fn disables_app(self) -> bool {
        matches!(self, StyleIsolation::PageIsolated | StyleIsolation::PageApplyShared | StyleIsolation::PageShared)
    }

    /// Whether a page with this isolation lets its styles reach non-isolated components.
    fn page_reaches_components(self) -> bool {
        matches!(self, StyleIsolation::Shared | StyleIsolation::PageShared)
    }

    /// Whether a page with this isolation is reached by `shared` components' styles.
    fn page_takes_shared(self) -> bool {
        !matches!(self, StyleIsolation::Isolated | StyleIsolation::PageIsolated)
    }
}

/// What [`dom_classes`] needs to know about the owner of an element.
#[derive(Clone, Debug, PartialEq)]
pub struct ScopeInfo {
    /// The owner's own scope prefix (the `scope` its WXSS was compiled with); empty for an
    /// unscoped owner, whose classes then stay as written.
    pub prefix: String,
    /// Whether the owner is the page itself rather than a component.
    pub is_page: bool,
    /// The owner's effective isolation ([`StyleIsolation::from_options`]).
    pub isolation: StyleIsolation,
    /// The scope prefix of the page the owner is rendered in (equal to `prefix` for a page).
    pub page_prefix: String,
    /// The page's effective isolation.
    pub page_isolation: StyleIsolation,
    /// Prefixes of the components enclosing the owner, nearest first, not including the
    /// page: `^a` uses `ancestors[0]`, `^^a` uses `ancestors[1]`, and past the end the page.
    pub ancestors: Vec<String>,
    /// Prefixes of the components with `styleIsolation: shared` used in this page; their
    /// styles reach the page and the other non-isolated components.
    pub shared_prefixes: Vec<String>,
    /// The owner's external classes that its user filled in: name → already-resolved DOM
    /// classes (computed with `dom_classes` in the user's scope). A declared external class
    /// the user left empty maps to an empty list.
    pub external: Vec<(String, Vec<String>)>,
}

impl ScopeInfo {
    /// A page owner with the given prefix and isolation, and no shared components.
    pub fn page(prefix: &str, isolation: StyleIsolation) -> ScopeInfo {
        ScopeInfo {
            prefix: prefix.to_string(),
            is_page: true,
            isolation,
            page_prefix: prefix.to_string(),
            page_isolation: isolation,
            ancestors: Vec::new(),
            shared_prefixes: Vec::new(),
            external: Vec::new(),
        }
    }

    /// A component owner directly inside the given page.
    pub fn component(prefix: &str, isolation: StyleIsolation, page: &ScopeInfo) -> ScopeInfo {
        ScopeInfo {
            prefix: prefix.to_string(),
            is_page: false,
            isolation,
            page_prefix: page.page_prefix.clone(),
            page_isolation: page.page_isolation,
            ancestors: Vec::new(),
            shared_prefixes: page.shared_prefixes.clone(),
            external: Vec::new(),
        }
    }
}

/// `prefix--name`, or `name` for an empty prefix: the DOM class that a selector `.name` in a
/// file compiled with `scope = Some(prefix)` matches.
pub fn scoped_class(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}--{name}")
    }
}

/// The DOM class list for an element whose WXML `class` tokens are `classes` and whose owner
/// is `owner`. Empty tokens are skipped and duplicates dropped; order is own classes first,
/// then page, shared components and app.wxss classes (CSS does not care about the order).
pub fn dom_classes(classes: &[&str], owner: &ScopeInfo) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let push = |c: String, out: &mut Vec<String>| {
        if !c.is_empty() && !out.contains(&c) {
            out.push(c);
        }
    };
    let (take_page, take_shared, take_app) = if owner.is_page {
        (false, owner.isolation.page_takes_shared(), !owner.isolation.disables_app())
    } else if owner.isolation == StyleIsolation::Isolated {
        (false, false, false)
    } else {
        (owner.page_isolation.page_reaches_components(), true, !owner.page_isolation.disables_app())
    };
    for token in classes.iter().flat_map(|t| t.split_ascii_whitespace()) {
        if let Some(name) = token.strip_prefix('~') {
            if !name.is_empty() {
                push(scoped_class(&owner.page_prefix, name), &mut out);
            }
            continue;
        }
        if token.starts_with('^') {
            let name = token.trim_start_matches('^');
            let up = token.len() - name.len();
            let prefix = owner.ancestors.get(up - 1).unwrap_or(&owner.page_prefix);
            if !name.is_empty() {
                push(scoped_class(prefix, name), &mut out);
            }
            continue;
        }
        if let Some((_, resolved)) = owner.external.iter().find(|(n, _)| n == token) {
            for c in resolved {
                push(c.clone(), &mut out);
            }
            continue;
        }
        push(scoped_class(&owner.prefix, token), &mut out);
        if take_page && owner.page_prefix != owner.prefix {
            push(scoped_class(&owner.page_prefix, token), &mut out);
        }
        if take_shared {
            for s in &owner.shared_prefixes {
                if *s != owner.prefix {
                    push(scoped_class(s, token), &mut out);
                }
            }
        }
        if take_app {
            push(token.to_string(), &mut out);
        }
    }
    out
}

/// The selector `:host` compiles to for a file compiled with `scope`.
pub fn host_selector(scope: Option<&str>) -> String {
    match scope {
        Some(p) => {
            let mut s = format!("[{HOST_ATTR}=");
            let _ = cssparser::serialize_string(p, &mut s);
            s.push(']');
            s
        }
        None => "wx-page".to_string(),
    }
}

/// A scope prefix derived from a page's or component's project-relative path (without
/// extension): every character outside `[A-Za-z0-9_-]` becomes `_`, so
/// `components/my-card/index` → `components_my-card_index`. Callers that need shorter
/// names may use any other unique string.
pub fn scope_prefix(path: &str) -> String {
    path.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
}
