use leptos::prelude::*;
use leptos_meta::Title;

use crate::SessionActions;

/// `/sair`: logging out changes state, so it is a form (POST), never a bare link.
#[component]
pub fn LogoutPage() -> impl IntoView {
    let logout = expect_context::<SessionActions>().logout;
    view! {
        <Title text="Sair" />
        <section class="auth-card" aria-labelledby="titulo-sair">
            <h1 id="titulo-sair">"Sair do portal"</h1>
            <p class="lead">"Sua sessão será encerrada neste aparelho."</p>
            <ActionForm action=logout>
                <button type="submit" class="button button--primary">"Sair agora"</button>
            </ActionForm>
            <p><a href="/meu-imovel">"Voltar para Meu Imóvel"</a></p>
        </section>
    }
}
