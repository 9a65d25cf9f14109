use leptos::prelude::*;
use leptos_meta::Title;

/// The 404 page; on the server it also sets the status code.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Página não encontrada" />
        <section class="empty-state" aria-labelledby="titulo-404">
            <h1 id="titulo-404">"Página não encontrada"</h1>
            <p>"O endereço pode estar errado ou este conteúdo não está disponível para você."</p>
            <p><a class="button button--primary" href="/meu-imovel">"Ir para Meu Imóvel"</a></p>
        </section>
    }
}
