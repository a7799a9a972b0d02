//! Device presets of the phone frame: CSS size and pixel ratio. rpx follows the width.

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Device {
    pub name: &'static str,
    pub width: f64,
    pub height: f64,
    pub pixel_ratio: f64,
    pub ios: bool,
}

pub const DEVICES: &[Device] = &[
    Device { name: "iPhone SE", width: 375.0, height: 667.0, pixel_ratio: 2.0, ios: true },
    Device { name: "iPhone 14", width: 390.0, height: 844.0, pixel_ratio: 3.0, ios: true },
    Device { name: "iPhone 14 Pro Max", width: 430.0, height: 932.0, pixel_ratio: 3.0, ios: true },
    Device { name: "Pixel 7", width: 412.0, height: 915.0, pixel_ratio: 2.625, ios: false },
    Device { name: "Android 360", width: 360.0, height: 800.0, pixel_ratio: 3.0, ios: false },
];

/// The preset named `name`, or the default (iPhone 14).
pub fn by_name(name: &str) -> Device {
    DEVICES.iter().copied().find(|d| d.name == name).unwrap_or(DEVICES[1])
}
