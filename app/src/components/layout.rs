use leptos::prelude::*;
use leptos_router::components::A;

use portal::branding::{Branding, LOGO_PATH};

use crate::api::auth::Logout;
use crate::CurrentUserResource;

/// Site header: brand, navigation (only to pages that exist), the buyer's name and logout.
#[component]
pub fn Header() -> impl IntoView {
    let user = expect_context::<CurrentUserResource>();
    let logout = ServerAction::<Logout>::new();
    let branding = use_context::<Branding>().unwrap_or_default();
    let mark = if branding.has_logo {
        // The name is written beside it: the logo itself says nothing more to a screen reader.
        view! { <img class="brand__logo" src=LOGO_PATH alt="" width="32" height="32" /> }.into_any()
    } else {
        view! { <span class="brand__mark" aria-hidden="true">{branding.initials()}</span> }.into_any()
    };
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href="/">
                    {mark}
                    <span class="brand__name" title=branding.company_name.clone()>{branding.company_name.clone()}</span>
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

/// The company and how to reach its service desk (each channel a link a phone can follow).
#[component]
pub fn Footer() -> impl IntoView {
    let branding = use_context::<Branding>().unwrap_or_default();
    let contact = branding.contact.clone();
    let whatsapp_href = contact.whatsapp_href();
    view! {
        <footer class="site-footer">
            <p class="site-footer__name">{format!("{} · Portal do Cliente", branding.company_name)}</p>
            {(!contact.is_empty()).then(|| view! {
                <address class="site-footer__contact">
                    <span class="site-footer__label">"Atendimento"</span>
                    {contact.phone.clone().map(|phone| view! {
                        <a href=phone.href()>{format!("SAC {phone}")}</a>
                    })}
                    {contact.whatsapp.clone().zip(whatsapp_href).map(|(phone, href)| view! {
                        <a href=href rel="noopener" target="_blank">{format!("WhatsApp {phone}")}</a>
                    })}
                    {contact.email.clone().map(|email| view! {
                        <a href=format!("mailto:{email}")>{email.clone()}</a>
                    })}
                    {contact.hours.clone().map(|hours| view! { <span>{hours}</span> })}
                </address>
            })}
            <p class="site-footer__small">"Seus dados são protegidos conforme a LGPD."</p>
        </footer>
    }
}
