use leptos::prelude::*;
use leptos_router::components::A;

use portal::branding::{Branding, LOGO_PATH};

use crate::api::auth::Logout;
use crate::api::staff::auth::{staff_session, StaffLogout};
use crate::CurrentUserResource;

/// Site header: brand, navigation (only to pages that exist), the buyer's name and logout; in
/// the back office, the staff header instead.
#[component]
pub fn Header() -> impl IntoView {
    let path = leptos_router::hooks::use_location().pathname.get_untracked();
    if crate::pages::staff::is_staff_path(&path) {
        return view! { <StaffHeader /> }.into_any();
    }
    let user = expect_context::<CurrentUserResource>();
    // Partners' funcionalidades customizadas (seed 002), each under its own name.
    let services = Resource::new(|| (), |_| crate::api::services::load_my_services());
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
                                    <Suspense fallback=|| ()>
                                        {move || Suspend::new(async move {
                                            let services = services.await.unwrap_or_default();
                                            // One goes by its own name; more fold into one page.
                                            let view = match services.as_slice() {
                                                [] => ().into_any(),
                                                [service] => {
                                                    let (href, name) = (format!("/servicos/{}", service.id), service.name.clone());
                                                    view! { <A href=href>{name}</A> }.into_any()
                                                }
                                                _ => view! { <A href="/servicos">"Serviços"</A> }.into_any(),
                                            };
                                            view
                                        })}
                                    </Suspense>
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
    .into_any()
}

/// The back office's header: another colour, so staff always know where they are, the areas
/// their role opens, and the staff user's sign-out.
#[component]
fn StaffHeader() -> impl IntoView {
    let staff = Resource::new(|| (), |_| staff_session());
    let logout = ServerAction::<StaffLogout>::new();
    view! {
        <header class="site-header site-header--staff">
            <div class="site-header__inner">
                <a class="brand" href="/equipe">
                    <span class="brand__mark" aria-hidden="true">"EQ"</span>
                    <span class="brand__name">"Equipe · Portal do Cliente"</span>
                </a>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        match staff.await {
                            Ok(Some(staff)) => view! {
                                <nav class="site-nav" aria-label="Equipe">
                                    <A href="/equipe" exact=true>"Painel"</A>
                                    {staff.may(portal::staff::Permission::ViewPeople).then(|| view! {
                                        <A href="/equipe/pessoas">"Pessoas"</A>
                                    })}
                                    {staff.may(portal::staff::Permission::ViewRecords).then(|| view! {
                                        <A href="/equipe/empreendimentos">"Empreendimentos"</A>
                                        <A href="/equipe/contratos">"Contratos"</A>
                                        <A href="/equipe/documentos">"Documentos"</A>
                                    })}
                                    {staff.may(portal::staff::Permission::ViewMessages).then(|| view! {
                                        <A href="/equipe/mensagens">"Mensagens"</A>
                                    })}
                                    {staff.may_company_wide(portal::staff::Permission::ViewFinance).then(|| view! {
                                        <A href="/equipe/financeiro">"Cobrança"</A>
                                    })}
                                    {staff.may(portal::staff::Permission::ManageStaff).then(|| view! {
                                        <A href="/equipe/usuarios">"Equipe"</A>
                                    })}
                                    {staff.may(portal::staff::Permission::ManageSettings).then(|| view! {
                                        <A href="/equipe/configuracoes">"Configurações"</A>
                                    })}
                                    // On wide screens the name beside "Sair" leads there.
                                    <a class="narrow-only" href=format!("/equipe/usuarios/{}", staff.id)>"Minha conta"</a>
                                </nav>
                                <div class="account">
                                    <a class="account__name" href=format!("/equipe/usuarios/{}", staff.id) title="Minha conta">
                                        {format!("{} · {}", staff.short_name(), staff.role.label())}
                                    </a>
                                    <ActionForm action=logout>
                                        <button type="submit" class="button button--ghost">"Sair"</button>
                                    </ActionForm>
                                </div>
                            }
                            .into_any(),
                            _ => ().into_any(),
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
    // Staff do not call their own service desk: the back office's footer is only the name.
    let path = leptos_router::hooks::use_location().pathname.get_untracked();
    if crate::pages::staff::is_staff_path(&path) {
        return view! {
            <footer class="site-footer">
                <p class="site-footer__name">{format!("{} · área da equipe", branding.company_name)}</p>
            </footer>
        }
        .into_any();
    }
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
    .into_any()
}
