//! Table tests for rpx → px, matching WeChat's `transformRPX` at common screen widths.

use mpsim_wxss::{convert_inline_style, convert_inline_style_with, hairline_px, rpx_to_px};

#[test]
fn rpx_table() {
    // (rpx, screen width, expected px) with the default (iPhone, DPR 2) hairline of 0.5px.
    let table: &[(f64, f64, f64)] = &[
        (0.0, 320.0, 0.0),
        (0.5, 320.0, 0.5),
        (1.0, 320.0, 0.5),
        (2.0, 320.0, 0.5),
        (3.0, 320.0, 1.0),
        (100.0, 320.0, 42.0),
        (375.0, 320.0, 160.0),
        (750.0, 320.0, 320.0),
        (-1.0, 320.0, -1.0),
        (-100.0, 320.0, -43.0),
        (0.0, 375.0, 0.0),
        (0.5, 375.0, 0.5),
        (1.0, 375.0, 0.5),
        (2.0, 375.0, 1.0),
        (3.0, 375.0, 1.0),
        (37.5, 375.0, 18.0),
        (100.0, 375.0, 50.0),
        (375.0, 375.0, 187.0),
        (750.0, 375.0, 375.0),
        (-1.0, 375.0, -1.0),
        (-2.0, 375.0, -1.0),
        (0.5, 414.0, 0.5),
        (1.0, 414.0, 0.5),
        (2.0, 414.0, 1.0),
        (100.0, 414.0, 55.0),
        (375.0, 414.0, 207.0),
        (750.0, 414.0, 414.0),
        (1500.0, 414.0, 828.0),
        (0.5, 390.0, 0.5),
        (25.0, 390.0, 13.0),
        (750.0, 390.0, 390.0),
    ];
    for &(rpx, width, want) in table {
        let got = rpx_to_px(rpx, width, 0.5);
        assert_eq!(got, want, "{rpx}rpx at {width}px");
    }
}

#[test]
fn hairline_depends_on_platform() {
    assert_eq!(hairline_px(true, 2.0), 0.5);
    assert_eq!(hairline_px(true, 3.0), 0.5);
    assert_eq!(hairline_px(true, 1.0), 1.0);
    assert_eq!(hairline_px(false, 3.0), 1.0);
    for width in [320.0, 375.0, 414.0] {
        assert_eq!(rpx_to_px(1.0, width, hairline_px(false, 3.0)), 1.0);
        assert_eq!(rpx_to_px(0.5, width, hairline_px(true, 2.0)), 0.5);
    }
}

#[test]
fn inline_styles() {
    let table: &[(&str, f64, &str)] = &[
        ("width: 100rpx", 375.0, "width: 50px"),
        ("width: 100rpx; height:1rpx", 320.0, "width: 42px; height:0.5px"),
        ("margin: 0 -20rpx 10RPX 2rpx", 414.0, "margin: 0 -12px 5px 1px"),
        ("width: calc(100% - 40rpx)", 375.0, "width: calc(100% - 20px)"),
        ("content: '10rpx'; background: url(a-10rpx.png)", 375.0, "content: '10rpx'; background: url(a-10rpx.png)"),
        ("color: red", 375.0, "color: red"),
        ("width: {{w}}rpx", 375.0, "width: {{w}}rpx"),
        ("width: 10rpx; transform: translate(10rpx, 2rpx", 375.0, "width: 5px; transform: translate(5px, 1px"),
    ];
    for &(style, width, want) in table {
        assert_eq!(convert_inline_style(style, width), want, "{style} at {width}");
    }
    assert_eq!(convert_inline_style_with("height: 1rpx", 375.0, 1.0), "height: 1px");
}
