use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use crate::api::staff::auth::{staff_session, staff_target, StaffLogin};
use crate::components::forms::PasswordField;
use crate::components::status::Alert;
use crate::error::AppError;

/// `/equipe/entrar`: the staff sign-in (e-mail and password), apart from the buyers'.
#[component]
pub fn StaffLoginPage() -> impl IntoView {
    let query = use_query_map();
    let login = ServerAction::<StaffLogin>::new();
    let staff = Resource::new(|| (), |_| staff_session());
    let next = move || staff_target(&query.read().get("proximo").unwrap_or_default());
    let message = move || {
        let query = query.read();
        if let Some(error) = query.get("erro").as_deref().and_then(AppError::from_code) {
            Some(("error", error.to_string()))
        } else if query.get("saiu").is_some() {
            Some(("info", "Você saiu da área da equipe.".to_string()))
        } else {
            None
        }
    };
    let refused = move || query.read().get("erro").is_some();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                matches!(staff.await, Ok(Some(_))).then(|| view! { <Redirect path=next() /> })
            })}
        </Suspense>
        <Title text="Entrar · Equipe" />
        <section class="auth-card" aria-labelledby="titulo-equipe">
            <h1 id="titulo-equipe">"Área da equipe"</h1>
            <p class="lead">"Entrada da equipe da construtora. Compradores entram pela página Entrar."</p>
            <div id="mensagem-equipe" class="focus-target" tabindex="-1" autofocus=refused>
                {move || message().map(|(tone, text)| view! { <Alert tone message=text /> })}
            </div>
            <ActionForm action=login>
                <div class="form">
                    <input type="hidden" name="next" value=next />
                    <div class="field">
                        <label for="email">"E-mail"</label>
                        <input id="email" name="email" type="email" autocomplete="username" autocapitalize="none" spellcheck="false" required />
                    </div>
                    <PasswordField />
                    <button type="submit" class="button button--primary">"Entrar"</button>
                </div>
            </ActionForm>
            <p class="auth-card__alt"><a href="/equipe/esqueci-senha">"Esqueci minha senha"</a></p>
            <p class="auth-card__alt"><a href="/entrar">"Sou comprador"</a></p>
        </section>
    }
}
