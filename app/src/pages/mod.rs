pub mod account;
pub mod boleto;
pub mod contract;
pub mod documents;
pub mod early_payment;
pub mod finance;
pub mod home;
pub mod login;
pub mod login_code;
pub mod logout;
pub mod messages;
pub mod my_property;
pub mod not_found;
pub mod outbox;
pub mod password_code;
pub mod profile;
pub mod registration;
pub mod services;
pub mod staff;
pub mod statement;
pub mod works_gallery;

use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::components::status::Alert;
use crate::error::AppError;
use leptos_router::hooks::use_location;
use leptos_router::location::Url;

/// What a buyer page shows when its data did not load: the login for a visitor who is not
/// signed in (coming back here), the "not found" page for a record that is not theirs, and the
/// error's sentence otherwise.
#[component]
pub fn LoadFailed(error: AppError) -> impl IntoView {
    match error {
        AppError::Unauthenticated => view! { <RedirectToLogin /> }.into_any(),
        AppError::NotFound => view! { <not_found::NotFound /> }.into_any(),
        error => view! { <Alert tone="error" message=error.to_string() /> }.into_any(),
    }
}

/// Sends a visitor who is not signed in to `/entrar`, coming back here afterwards.
#[component]
pub fn RedirectToLogin() -> impl IntoView {
    let location = use_location();
    let here = format!("{}{}", location.pathname.get_untracked(), location.search.get_untracked());
    let here =
        if location.search.get_untracked().is_empty() { location.pathname.get_untracked() } else { here };
    view! { <Redirect path=format!("/entrar?proximo={}", Url::escape(&here)) /> }
}
