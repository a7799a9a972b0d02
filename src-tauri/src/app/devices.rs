//! Device presets of the phone frame: the engine's (`mpsim_runtime::device`), by name.

pub use mpsim_runtime::device::{Device, DEVICES};

/// The preset named `name`, or the default (iPhone 14).
pub fn by_name(name: &str) -> Device {
    Device::by_name(name)
}
