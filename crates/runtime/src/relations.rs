//! Component relations (`relations` in Component()): after a batch of components is
//! attached, each one declaring a `parent` or `ancestor` relation is linked to the nearest
//! matching component above it in the composed tree that declares the reciprocal `child`
//! or `descendant` relation; `linked` runs on both sides. Unlinking happens in the
//! framework when either side is detached.

use crate::engine::{InstanceId, Shared};
use crate::events::composed_path;
use rquickjs::Ctx;

#[derive(serde::Deserialize)]
struct Relation {
    key: String,
    #[serde(rename = "type")]
    kind: String,
    target: Option<String>,
}

fn relations_of(sh: &Shared, ctx: &Ctx<'_>, id: InstanceId) -> Vec<Relation> {
    let Some(realm) = sh.state.borrow().instances.get(&id).map(|i| i.realm) else {
        return Vec::new();
    };
    let json: Option<String> = sh.hook_reported(ctx, realm, "relationsOf", (id,), "app.js");
    json.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default()
}

/// Component instances above `id` in the composed tree, nearest first.
fn component_ancestors(sh: &Shared, id: InstanceId) -> Vec<InstanceId> {
    let st = sh.state.borrow();
    let Some((page, host)) = st.instances.get(&id).and_then(|i| Some((i.page, i.host?))) else {
        return Vec::new();
    };
    composed_path(&st, page, host).iter().skip(1).filter_map(|p| st.host_of.get(&p.id).copied()).collect()
}

/// Links every relation of the just-attached instance `id` that points upward.
pub fn link_upward(sh: &Shared, ctx: &Ctx<'_>, id: InstanceId) {
    let own = relations_of(sh, ctx, id);
    if own.is_empty() {
        return;
    }
    let my_path = sh.state.borrow().instances.get(&id).map(|i| i.path.to_string()).unwrap_or_default();
    let ancestors = component_ancestors(sh, id);
    for rel in own.iter().filter(|r| r.kind == "parent" || r.kind == "ancestor") {
        let candidates: &[InstanceId] =
            if rel.kind == "parent" { &ancestors[..ancestors.len().min(1)] } else { &ancestors };
        let reciprocal = if rel.kind == "parent" { "child" } else { "descendant" };
        for a in candidates {
            let a_path = sh.state.borrow().instances.get(a).map(|i| i.path.to_string());
            if a_path.as_deref() != rel.target.as_deref() {
                continue;
            }
            let theirs = relations_of(sh, ctx, *a);
            if let Some(r) =
                theirs.iter().find(|r| r.kind == reciprocal && r.target.as_deref() == Some(my_path.as_str()))
            {
                let realm = sh.state.borrow().instances.get(a).map(|i| i.realm).unwrap_or_default();
                sh.hook_reported::<_, ()>(ctx, realm, "link", (*a, r.key.clone(), id, rel.key.clone()), "app.js");
                break;
            }
        }
    }
}
