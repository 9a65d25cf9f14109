use crate::api::auth::Logout;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::CurrentUserResource;

/// `/sair`: logging out changes state, so it is a form (POST), never a bare link. A visitor
/// who is not signed in is told so, not offered to end a session they do not have.
#[component]
pub fn LogoutPage() -> impl IntoView {
    let logout = ServerAction::<Logout>::new();
    let user = expect_context::<CurrentUserResource>();
    view! {
        <Title text="Sair" />
        <section class="auth-card" aria-labelledby="titulo-sair">
            <h1 id="titulo-sair">"Sair do portal"</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match user.await {
                        Ok(Some(_)) => view! {
                            <p class="lead">"Sua sessão será encerrada neste aparelho."</p>
                            <ActionForm action=logout>
                                <button type="submit" class="button button--primary">"Sair agora"</button>
                            </ActionForm>
                            <p><a href="/meu-imovel">"Voltar para Meu Imóvel"</a></p>
                        }
                        .into_any(),
                        _ => view! {
                            <p class="lead">"Você não está conectado neste aparelho."</p>
                            <p><a class="button button--primary" href="/entrar">"Entrar"</a></p>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
