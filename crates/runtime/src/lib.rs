//! QuickJS realms, App/Page/Component, instances, render and events
