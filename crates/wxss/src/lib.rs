//! WXSS to CSS: rpx, @import, tag mapping and per-component class scoping
