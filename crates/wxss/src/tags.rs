//! Tag selectors: WeChat built-in component names and the webview's element names.
//!
//! The webview renders every built-in component as a custom element named `wx-<name>`
//! (`view` → `<wx-view>`), and the page root as `<wx-page>`, as WeChat's own webview does
//! (its WXSS compiler rewrites `view { }` to `wx-view { }`). Only type selectors are mapped;
//! property values, attribute selectors and pseudo-classes are never touched.

/// The built-in components of the WeChat base library, by WXML tag name.
pub const BUILTIN_COMPONENTS: &[&str] = &[
    "ad",
    "ad-custom",
    "audio",
    "button",
    "camera",
    "canvas",
    "channel-live",
    "channel-video",
    "checkbox",
    "checkbox-group",
    "cover-image",
    "cover-view",
    "draggable-sheet",
    "editor",
    "form",
    "functional-page-navigator",
    "grid-view",
    "icon",
    "image",
    "input",
    "keyboard-accessory",
    "label",
    "list-view",
    "live-player",
    "live-pusher",
    "map",
    "match-media",
    "movable-area",
    "movable-view",
    "navigation-bar",
    "navigator",
    "nested-scroll-body",
    "nested-scroll-header",
    "official-account",
    "open-container",
    "open-data",
    "page-container",
    "page-meta",
    "picker",
    "picker-view",
    "picker-view-column",
    "progress",
    "radio",
    "radio-group",
    "rich-text",
    "root-portal",
    "scroll-view",
    "share-element",
    "slider",
    "snapshot",
    "span",
    "sticky-header",
    "sticky-section",
    "store-product",
    "swiper",
    "swiper-item",
    "switch",
    "text",
    "textarea",
    "video",
    "view",
    "voip-room",
    "web-view",
];

/// The webview element name for a type selector, or `None` to keep it as written.
/// Matching is ASCII case-insensitive, like HTML tag names.
pub fn element_name(tag: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    if lower == "page" || BUILTIN_COMPONENTS.binary_search(&lower.as_str()).is_ok() {
        Some(format!("wx-{lower}"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_for_binary_search() {
        let mut sorted = BUILTIN_COMPONENTS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, BUILTIN_COMPONENTS);
    }

    #[test]
    fn maps_builtins_and_page_only() {
        assert_eq!(element_name("view").as_deref(), Some("wx-view"));
        assert_eq!(element_name("Scroll-View").as_deref(), Some("wx-scroll-view"));
        assert_eq!(element_name("page").as_deref(), Some("wx-page"));
        assert_eq!(element_name("div"), None);
        assert_eq!(element_name("my-comp"), None);
    }
}
