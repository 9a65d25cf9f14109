use leptos::prelude::*;

/// A coloured status label; `tone` is one of info, success, warning, danger, muted.
#[component]
pub fn Badge(tone: &'static str, children: Children) -> impl IntoView {
    view! { <span class=format!("badge badge--{tone}")>{children()}</span> }
}

/// A message box for errors and notices, announced to screen readers.
#[component]
pub fn Alert(tone: &'static str, #[prop(into)] message: String) -> impl IntoView {
    let role = if tone == "error" { "alert" } else { "status" };
    view! { <p class=format!("alert alert--{tone}") role=role>{message}</p> }
}
