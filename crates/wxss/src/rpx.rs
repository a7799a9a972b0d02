//! The `rpx` unit: conversion to CSS pixels for the simulated screen.
//!
//! WeChat defines the screen as 750rpx wide. Its WXSS runtime (the `transformRPX` function
//! that the WXSS compiler `wcsc` emits into every page, next to `setCssToHead`) converts a
//! number `n` of rpx as follows:
//!
//! ```text
//! if (number === 0) return 0;
//! number = number / BASE_DEVICE_WIDTH * deviceWidth;   // BASE_DEVICE_WIDTH = 750
//! number = Math.floor(number + eps);                    // eps = 1e-4
//! if (number === 0) return (deviceDPR === 1 || !isIOS) ? 1 : 0.5;
//! return number;
//! ```
//!
//! So the result is floored to whole pixels (after adding 1e-4 to absorb float error), and a
//! non-zero length that would floor to 0 becomes a hairline: 1px on Android or on a DPR-1
//! screen, 0.5px on an iPhone with DPR > 1. Negative values are floored too (`-1rpx` at
//! 375 is `floor(-0.5 + 1e-4) = -1`), and the hairline rule only ever applies to results in
//! `[0, 1)`. [`rpx_to_px`] encodes exactly that rule; the hairline value is a parameter
//! because it depends on the simulated platform, see [`hairline_px`].

use cssparser::{Parser, Token};

/// WeChat's design width: the screen is always 750rpx wide.
pub const BASE_DEVICE_WIDTH: f64 = 750.0;

/// The `eps` WeChat adds before flooring.
const EPS: f64 = 1e-4;

/// The hairline used when no platform is given: an iPhone with DPR 2 (the developer tools'
/// default device), so a non-zero rpx that would floor to 0 becomes 0.5px.
pub const DEFAULT_HAIRLINE_PX: f64 = 0.5;

/// The px value of a non-zero rpx length that would otherwise floor to 0: 1 on a DPR-1
/// screen or when the device is not an iPhone, 0.5 otherwise (WeChat's `transformRPX`).
pub fn hairline_px(ios: bool, pixel_ratio: f64) -> f64 {
    if pixel_ratio == 1.0 || !ios {
        1.0
    } else {
        0.5
    }
}

/// `n` rpx in CSS px for a screen `screen_width` CSS px wide (WeChat's `transformRPX`).
pub fn rpx_to_px(n: f64, screen_width: f64, hairline: f64) -> f64 {
    if n == 0.0 || !n.is_finite() {
        return 0.0;
    }
    let px = (n / BASE_DEVICE_WIDTH * screen_width + EPS).floor();
    if px == 0.0 {
        hairline
    } else {
        px
    }
}

/// Formats a px number the way JavaScript's `String(number)` would for these values:
/// integers without a fraction, other values with the shortest round-trip digits.
pub(crate) fn format_px(px: f64, out: &mut String) {
    use std::fmt::Write;
    if px.fract() == 0.0 && px.abs() < 1e15 {
        let _ = write!(out, "{}px", px as i64);
    } else {
        let _ = write!(out, "{px}px");
    }
}

/// The numeric part of a dimension token's source text (`"-1.5e2rpx"` → `-150.0`), parsed
/// as f64 so that values keep full precision (the tokenizer only keeps an f32).
pub(crate) fn dimension_number(source: &str) -> Option<f64> {
    let b = source.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let s = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > s
    };
    let int = digits(&mut i);
    let mut frac = false;
    if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
        i += 1;
        frac = digits(&mut i);
    }
    if !int && !frac {
        return None;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
            j += 1;
        }
        if j < b.len() && b[j].is_ascii_digit() {
            i = j;
            digits(&mut i);
        }
    }
    source[..i].parse().ok()
}

/// Whether a token is an rpx dimension; returns its number.
pub(crate) fn rpx_value(token: &Token<'_>, source: &str) -> Option<f64> {
    match token {
        Token::Dimension { unit, value, .. } if unit.eq_ignore_ascii_case("rpx") => {
            Some(dimension_number(source).unwrap_or(f64::from(*value)))
        }
        _ => None,
    }
}

/// Converts every rpx length in an inline `style` attribute value to px for `screen_width`,
/// with the default hairline ([`DEFAULT_HAIRLINE_PX`]); everything else is kept verbatim.
pub fn convert_inline_style(style: &str, screen_width: f64) -> String {
    convert_inline_style_with(style, screen_width, DEFAULT_HAIRLINE_PX)
}

/// [`convert_inline_style`] with an explicit hairline (see [`hairline_px`]).
pub fn convert_inline_style_with(style: &str, screen_width: f64, hairline: f64) -> String {
    if !style.contains("rpx") && !style.contains("RPX") && !style.contains("Rpx") {
        return style.to_string();
    }
    let mut out = String::with_capacity(style.len());
    let mut parser = Parser::new(style);
    copy_converting(&mut parser, screen_width, hairline, style.len(), 0, &mut out);
    out
}

/// Copies tokens verbatim except rpx dimensions, descending into blocks and functions.
fn copy_converting(p: &mut Parser<'_>, width: f64, hairline: f64, len: usize, depth: u32, out: &mut String) {
    loop {
        let start = p.position();
        let token = match p.next_including_whitespace_and_comments() {
            Ok(t) => t.clone(),
            Err(_) => return,
        };
        let text = p.slice_from(start);
        if let Some(n) = rpx_value(&token, text) {
            format_px(rpx_to_px(n, width, hairline), out);
            continue;
        }
        out.push_str(text);
        let close = match token {
            Token::Function(_) | Token::ParenthesisBlock => ")",
            Token::SquareBracketBlock => "]",
            Token::CurlyBracketBlock => "}",
            _ => continue,
        };
        if depth >= 32 {
            let _ = p.parse_nested_block::<_, (), ()>(|p| {
                while p.next_including_whitespace_and_comments().is_ok() {}
                Ok(())
            });
        } else {
            let mut closed = false;
            let _ = p.parse_nested_block::<_, (), ()>(|p| {
                copy_converting(p, width, hairline, len, depth + 1, out);
                closed = p.position().byte_index() < len;
                Ok(())
            });
            if closed {
                out.push_str(close);
            }
        }
    }
}
