pub mod conversation;
pub mod copy;
pub mod forms;
pub mod layout;
pub mod status;

use leptos::prelude::{Effect, RwSignal, Set};

/// True once the island around it runs in the browser (effects never run on the server): a
/// control that needs JavaScript shows only then, so no button is dead without it.
pub fn hydrated() -> RwSignal<bool> {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    hydrated
}
