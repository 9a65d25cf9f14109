use leptos::prelude::*;
use leptos_meta::Title;

use crate::CurrentUserResource;

/// The 404 page; on the server it also sets the status code. It points a buyer to Meu Imóvel
/// and a visitor to the login.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    let user = expect_context::<CurrentUserResource>();
    view! {
        <Title text="Página não encontrada" />
        <section class="empty-state" aria-labelledby="titulo-404">
            <h1 id="titulo-404">"Página não encontrada"</h1>
            <p>"O endereço pode estar errado ou este conteúdo não está disponível para você."</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match user.await {
                        Ok(Some(_)) => view! {
                            <p><a class="button button--primary" href="/meu-imovel">"Ir para Meu Imóvel"</a></p>
                        }
                        .into_any(),
                        _ => view! {
                            <p><a class="button button--primary" href="/entrar">"Entrar no portal"</a></p>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
