//! The `wx` APIs plugin code may call: WeChat's plugin API limits as data, one row per API
//! with the base-library version it needs and whether it works only in plugin pages.
//!
//! Source: the "插件的限制" (api-limit) page, corrected by the per-API pages where they
//! disagree (their marker "小程序插件：支持，需要基础库 ≥ X" wins; e.g. wx.nextTick is
//! supported from 2.7.1). Everything not listed is absent from the plugin realm's `wx`,
//! as on a phone. Page-only APIs fail with [`PAGE_ONLY_ERROR`] outside plugin pages
//! (their pages say "需要页面权限：当前是插件页面时，宿主小程序不能调用该接口，反之亦然").

/// One API a plugin may call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PluginApi {
    pub name: &'static str,
    /// Minimum base library.
    pub since: &'static str,
    /// Callable only while a plugin page is shown.
    pub page_only: bool,
}

/// The text after `NAME:fail ` when a page-only API is called outside a plugin page.
pub const PAGE_ONLY_ERROR: &str = "page-only API: it can only be called while a plugin page is shown";

const fn api(name: &'static str, since: &'static str) -> PluginApi {
    PluginApi { name, since, page_only: false }
}

const fn page(name: &'static str, since: &'static str) -> PluginApi {
    PluginApi { name, since, page_only: true }
}

pub const TABLE: &[PluginApi] = &[
    // Base
    api("arrayBufferToBase64", "1.9.6"),
    api("base64ToArrayBuffer", "1.9.6"),
    api("nextTick", "2.7.1"),
    // Network
    api("request", "1.9.6"),
    api("downloadFile", "1.9.6"),
    api("uploadFile", "1.9.6"),
    api("connectSocket", "1.9.6"),
    // Media: image
    api("previewImage", "1.9.6"),
    api("chooseImage", "1.9.6"),
    api("getImageInfo", "1.9.6"),
    api("saveImageToPhotosAlbum", "1.9.6"),
    // Media: recording
    api("startRecord", "1.9.6"),
    api("stopRecord", "1.9.6"),
    api("getRecorderManager", "1.9.94"),
    // Media: live
    api("createLivePlayerContext", "1.9.6"),
    api("createLivePusherContext", "1.9.6"),
    // Media: voice
    api("pauseVoice", "1.9.6"),
    api("playVoice", "1.9.6"),
    api("stopVoice", "1.9.6"),
    // Media: background audio
    api("getBackgroundAudioPlayerState", "1.9.6"),
    api("playBackgroundAudio", "1.9.6"),
    api("pauseBackgroundAudio", "1.9.6"),
    api("seekBackgroundAudio", "1.9.6"),
    api("stopBackgroundAudio", "1.9.6"),
    api("onBackgroundAudioPlay", "1.9.6"),
    api("onBackgroundAudioPause", "1.9.6"),
    api("onBackgroundAudioStop", "1.9.6"),
    api("getBackgroundAudioManager", "1.9.6"),
    // Media: audio and video
    api("createInnerAudioContext", "1.9.6"),
    api("createAudioContext", "1.9.6"),
    api("chooseVideo", "1.9.6"),
    api("saveVideoToPhotosAlbum", "1.9.6"),
    api("createVideoContext", "1.9.6"),
    api("createCameraContext", "1.9.6"),
    // Storage (the plugin's own partition)
    api("setStorage", "1.9.6"),
    api("setStorageSync", "1.9.6"),
    api("getStorage", "1.9.6"),
    api("getStorageSync", "1.9.6"),
    api("removeStorage", "1.9.6"),
    api("removeStorageSync", "1.9.6"),
    // Location and map
    api("getLocation", "1.9.6"),
    api("chooseLocation", "1.9.6"),
    api("openLocation", "1.9.6"),
    api("onLocationChange", "2.8.0"),
    api("offLocationChange", "2.8.0"),
    api("startLocationUpdate", "2.8.0"),
    api("stopLocationUpdate", "2.8.0"),
    api("startLocationUpdateBackground", "2.9.1"),
    api("createMapContext", "1.9.6"),
    // System information
    api("getSystemInfo", "1.9.6"),
    api("getSystemInfoSync", "1.9.6"),
    // Screen
    api("setKeepScreenOn", "1.9.6"),
    api("setScreenBrightness", "1.9.6"),
    api("getScreenBrightness", "1.9.6"),
    page("onUserCaptureScreen", "1.9.6"),
    page("offUserCaptureScreen", "1.9.6"),
    // Vibration and device
    api("vibrateLong", "1.9.6"),
    api("vibrateShort", "1.9.6"),
    api("addPhoneContact", "1.9.6"),
    api("makePhoneCall", "1.9.6"),
    api("scanCode", "1.9.6"),
    api("setClipboardData", "1.9.6"),
    api("getClipboardData", "1.9.6"),
    // NFC HCE
    api("sendHCEMessage", "2.1.0"),
    api("stopHCE", "2.1.0"),
    api("startHCE", "2.1.0"),
    api("onHCEMessage", "2.1.0"),
    api("offHCEMessage", "2.1.0"),
    api("getHCEState", "2.1.0"),
    // Network status
    api("onNetworkStatusChange", "1.9.6"),
    api("offNetworkStatusChange", "1.9.6"),
    api("getNetworkType", "1.9.6"),
    // Sensors
    api("startAccelerometer", "1.9.6"),
    api("stopAccelerometer", "1.9.6"),
    api("onAccelerometerChange", "1.9.6"),
    api("offAccelerometerChange", "1.9.6"),
    api("startDeviceMotionListening", "2.9.1"),
    api("stopDeviceMotionListening", "2.9.1"),
    api("onDeviceMotionChange", "2.9.1"),
    api("offDeviceMotionChange", "2.9.1"),
    api("startGyroscope", "2.9.1"),
    api("stopGyroscope", "2.9.1"),
    api("onGyroscopeChange", "2.9.1"),
    api("offGyroscopeChange", "2.9.1"),
    api("startCompass", "1.9.6"),
    api("stopCompass", "1.9.6"),
    api("onCompassChange", "1.9.6"),
    api("offCompassChange", "1.9.6"),
    // Bluetooth
    api("openBluetoothAdapter", "1.9.6"),
    api("closeBluetoothAdapter", "1.9.6"),
    api("getBluetoothAdapterState", "1.9.6"),
    api("onBluetoothAdapterStateChange", "1.9.6"),
    api("offBluetoothAdapterStateChange", "1.9.6"),
    api("startBluetoothDevicesDiscovery", "1.9.6"),
    api("stopBluetoothDevicesDiscovery", "1.9.6"),
    api("getBluetoothDevices", "1.9.6"),
    api("onBluetoothDeviceFound", "1.9.6"),
    api("offBluetoothDeviceFound", "1.9.6"),
    api("getConnectedBluetoothDevices", "1.9.6"),
    api("createBLEConnection", "1.9.6"),
    api("closeBLEConnection", "1.9.6"),
    api("getBLEDeviceServices", "1.9.6"),
    api("getBLEDeviceCharacteristics", "1.9.6"),
    api("readBLECharacteristicValue", "1.9.6"),
    api("writeBLECharacteristicValue", "1.9.6"),
    api("notifyBLECharacteristicValueChange", "1.9.6"),
    api("onBLEConnectionStateChange", "1.9.6"),
    api("offBLEConnectionStateChange", "1.9.6"),
    api("onBLECharacteristicValueChange", "1.9.6"),
    api("offBLECharacteristicValueChange", "1.9.6"),
    // iBeacon
    api("startBeaconDiscovery", "1.9.6"),
    api("stopBeaconDiscovery", "1.9.6"),
    api("getBeacons", "1.9.6"),
    api("onBeaconUpdate", "1.9.6"),
    api("offBeaconUpdate", "1.9.6"),
    api("onBeaconServiceChange", "1.9.6"),
    api("offBeaconServiceChange", "1.9.6"),
    // Wi-Fi
    api("startWifi", "2.9.1"),
    api("stopWifi", "2.9.1"),
    api("connectWifi", "2.9.1"),
    api("getWifiList", "2.9.1"),
    api("onGetWifiList", "2.9.1"),
    api("offGetWifiList", "2.9.1"),
    api("setWifiList", "2.9.1"),
    api("onWifiConnected", "2.9.1"),
    api("offWifiConnected", "2.9.1"),
    api("getConnectedWifi", "2.9.1"),
    api("onWifiConnectedWithPartialInfo", "2.9.1"),
    api("offWifiConnectedWithPartialInfo", "2.9.1"),
    // Interface feedback
    api("showLoading", "1.9.6"),
    api("hideLoading", "1.9.6"),
    api("showToast", "1.9.6"),
    api("hideToast", "1.9.6"),
    api("showModal", "1.9.6"),
    api("showActionSheet", "1.9.6"),
    // Navigation bar and background (plugin pages only)
    page("setNavigationBarTitle", "2.1.0"),
    page("setNavigationBarColor", "2.1.0"),
    page("showNavigationBarLoading", "2.1.0"),
    page("hideNavigationBarLoading", "2.1.0"),
    page("setBackgroundColor", "2.4.0"),
    page("setBackgroundTextStyle", "2.4.0"),
    // WXML
    api("createSelectorQuery", "1.9.6"),
    api("createIntersectionObserver", "1.9.6"),
    // Routing (plugin pages only)
    page("navigateBack", "2.1.0"),
    page("navigateTo", "2.2.2"),
    page("redirectTo", "2.2.2"),
    page("switchTab", "2.3.1"),
    page("reLaunch", "2.3.1"),
    api("navigateToMiniProgram", "2.18.1"),
    // Animation, scrolling, canvas
    api("createAnimation", "1.9.6"),
    page("pageScrollTo", "1.9.6"),
    api("createCanvasContext", "1.9.6"),
    api("canvasGetImageData", "1.9.6"),
    api("canvasPutImageData", "1.9.6"),
    api("canvasToTempFilePath", "1.9.6"),
    api("createOffscreenCanvas", "2.7.1"),
    // Pull-down refresh and share (plugin pages only)
    page("startPullDownRefresh", "1.9.6"),
    page("stopPullDownRefresh", "1.9.6"),
    page("showShareMenu", "2.1.0"),
    page("hideShareMenu", "2.1.0"),
    page("updateShareMenu", "2.1.0"),
    page("getShareInfo", "2.1.0"),
    // Account, settings, logs
    api("getAccountInfoSync", "2.2.2"),
    api("getRealtimeLogManager", "2.16.0"),
    api("getSetting", "2.6.3"),
    api("openSetting", "2.10.3"),
    api("reportAnalytics", "1.9.6"),
    // Through functional pages (the simulator settles their outcome)
    api("login", "1.9.6"),
    api("getUserInfo", "2.3.1"),
    api("requestPayment", "1.9.6"),
    api("requestPluginPayment", "2.22.1"),
    api("chooseAddress", "2.16.1"),
    api("chooseInvoice", "2.16.1"),
    api("chooseInvoiceTitle", "2.16.1"),
];

/// The table as JSON for the plugin realm's `wx` filter: `{name: pageOnly}`.
pub fn table_json() -> String {
    let map: serde_json::Map<String, serde_json::Value> =
        TABLE.iter().map(|a| (a.name.to_string(), serde_json::Value::Bool(a.page_only))).collect();
    serde_json::Value::Object(map).to_string()
}

/// Whether a plugin may call `wx.<name>`.
pub fn allowed(name: &str) -> bool {
    TABLE.iter().any(|a| a.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_no_duplicates() {
        let mut names: Vec<_> = TABLE.iter().map(|a| a.name).collect();
        names.sort();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len());
        assert!(allowed("request") && !allowed("getStorageInfoSync") && !allowed("clearStorageSync"));
    }
}
