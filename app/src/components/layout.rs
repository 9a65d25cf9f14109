use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::auth::Logout;
use crate::CurrentUserResource;

/// Site header: brand, navigation (only to pages that exist), the buyer's name and logout.
#[component]
pub fn Header() -> impl IntoView {
    let user = expect_context::<CurrentUserResource>();
    let logout = ServerAction::<Logout>::new();
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href="/">
                    <span class="brand__mark" aria-hidden="true">"PC"</span>
                    <span class="brand__name">"Portal do Cliente"</span>
                </a>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        match user.await {
                            Ok(Some(user)) => view! {
                                <nav class="site-nav" aria-label="Principal">
                                    <A href="/meu-imovel">"Meu Imóvel"</A>
                                    <A href="/financeiro">"Financeiro"</A>
                                    <A href="/documentos">"Documentos"</A>
                                    <A href="/mensagens">"Mensagens"</A>
                                    <A href="/meus-dados">"Meus dados"</A>
                                    <A href="/conta/sessoes">"Segurança"</A>
                                </nav>
                                <div class="account">
                                    <span class="account__name" title=user.name.clone()>
                                        "Olá, " {user.short_name.clone()}
                                    </span>
                                    {user.is_syndic.then(|| view! { <span class="badge badge--info">"Síndico"</span> })}
                                    <ActionForm action=logout>
                                        <button type="submit" class="button button--ghost">"Sair"</button>
                                    </ActionForm>
                                </div>
                            }
                            .into_any(),
                            _ => view! {
                                <div class="account">
                                    <A href="/entrar" attr:class="button button--ghost">"Entrar"</A>
                                </div>
                            }
                            .into_any(),
                        }
                    })}
                </Suspense>
            </div>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>"Portal do Cliente"</p>
            <p class="site-footer__small">"Seus dados são protegidos conforme a LGPD."</p>
        </footer>
    }
}
