//! The simulated phone: screen size, pixel ratio, status bar and safe area of each preset,
//! and what `wx.getSystemInfo*`, `getWindowInfo` and `getDeviceInfo` answer for it. The
//! window's device menu and `mpsim render --width` choose one; rpx follows its width.
//!
//! Status bar heights and safe-area insets are the devices' own (portrait, in CSS px): the
//! iPhone SE has a 20 px status bar and no bottom inset; notched iPhones report the notch
//! height as the top inset and 34 px for the home indicator; Android presets a 24 px bar.

/// One device preset.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Device {
    pub name: &'static str,
    /// Screen size in CSS px.
    pub width: f64,
    pub height: f64,
    pub pixel_ratio: f64,
    pub ios: bool,
    /// Status bar height (the top safe-area inset).
    pub status_bar: f64,
    /// Bottom safe-area inset (home indicator).
    pub safe_bottom: f64,
}

pub const DEVICES: &[Device] = &[
    Device {
        name: "iPhone SE",
        width: 375.0,
        height: 667.0,
        pixel_ratio: 2.0,
        ios: true,
        status_bar: 20.0,
        safe_bottom: 0.0,
    },
    Device {
        name: "iPhone 14",
        width: 390.0,
        height: 844.0,
        pixel_ratio: 3.0,
        ios: true,
        status_bar: 47.0,
        safe_bottom: 34.0,
    },
    Device {
        name: "iPhone 14 Pro Max",
        width: 430.0,
        height: 932.0,
        pixel_ratio: 3.0,
        ios: true,
        status_bar: 59.0,
        safe_bottom: 34.0,
    },
    Device {
        name: "Pixel 7",
        width: 412.0,
        height: 915.0,
        pixel_ratio: 2.625,
        ios: false,
        status_bar: 24.0,
        safe_bottom: 0.0,
    },
    Device {
        name: "Android 360",
        width: 360.0,
        height: 800.0,
        pixel_ratio: 3.0,
        ios: false,
        status_bar: 24.0,
        safe_bottom: 0.0,
    },
];

/// The height of the default navigation bar below the status bar (WeChat's title bar).
const NAVIGATION_BAR: f64 = 44.0;

impl Device {
    /// The preset named `name`, or the default (iPhone 14).
    pub fn by_name(name: &str) -> Device {
        DEVICES.iter().copied().find(|d| d.name == name).unwrap_or(DEVICES[1])
    }

    /// The iPhone SE preset scaled to `width` CSS px (`mpsim render --width`): the default
    /// width, 375, is the iPhone SE itself.
    pub fn with_width(width: f64) -> Device {
        let base = DEVICES[0];
        if width == base.width {
            return base;
        }
        Device { name: "custom", width, height: (base.height * width / base.width).round(), ..base }
    }

    /// `wx.getSystemInfoSync()` for this device: screen, window (below the status and
    /// navigation bars, or the whole screen with `navigationStyle: custom`), safe area,
    /// pixel ratio, and the client's platform strings.
    pub fn system_info(&self, custom_navigation: bool) -> serde_json::Value {
        let (w, h) = (self.width, self.height);
        let window_height = if custom_navigation { h } else { h - self.status_bar - NAVIGATION_BAR };
        serde_json::json!({
            "brand": if self.ios { "iPhone" } else { "Google" },
            "model": self.name,
            "pixelRatio": self.pixel_ratio,
            "screenWidth": w,
            "screenHeight": h,
            "windowWidth": w,
            "windowHeight": window_height,
            "statusBarHeight": self.status_bar,
            "safeArea": {
                "top": self.status_bar, "left": 0, "right": w, "bottom": h - self.safe_bottom,
                "width": w, "height": h - self.safe_bottom - self.status_bar,
            },
            "screenTop": h - window_height,
            "language": "zh_CN",
            "version": "8.0.50",
            "system": if self.ios { "iOS 16.0" } else { "Android 13" },
            "platform": "devtools",
            "SDKVersion": "3.4.0",
            "fontSizeSetting": 16,
        })
    }
}
