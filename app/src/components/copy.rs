//! "Copiar" buttons: they need JavaScript, so they appear only once the island has hydrated;
//! without it, the text sits in a read-only field the person can select.

use leptos::prelude::*;

/// A read-only field with `text` and, with JavaScript, a button that copies it. An island:
/// its props travel to the browser, so they are owned strings.
#[island]
pub fn CopyField(id: String, label: String, text: String) -> impl IntoView {
    let hydrated = super::hydrated();
    let copied = RwSignal::new(false);
    let value = text.clone();
    let copy = move |_| {
        let value = value.clone();
        leptos::task::spawn_local(async move {
            let done = copy_to_clipboard(&value).await;
            let _ = copied.try_set(done);
        });
    };
    let controls = id.clone();
    view! {
        <div class="field copy-field">
            <label for=id.clone()>{label}</label>
            <div class="copy-field__row">
                // A textarea, not an input: a phone shows the whole code, wrapped, not its start.
                <textarea id=id readonly rows="2" spellcheck="false" class="copy-field__text">{text}</textarea>
                <Show when=move || hydrated.get()>
                    <button type="button" class="button button--primary" on:click=copy.clone() aria-controls=controls.clone()>
                        {move || if copied.get() { "Copiado!" } else { "Copiar" }}
                    </button>
                </Show>
            </div>
            <p class="sr-only" role="status">{move || if copied.get() { "Copiado para a área de transferência." } else { "" }}</p>
        </div>
    }
}

#[cfg(feature = "hydrate")]
async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

#[cfg(not(feature = "hydrate"))]
async fn copy_to_clipboard(_text: &str) -> bool {
    false
}
