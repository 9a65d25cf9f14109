//! The UI of the Portal do Cliente: routes, pages, components and server functions.
//! Every page renders fully on the server (`SsrMode::Async`), so it works without JavaScript.
//! The WebAssembly build holds only the islands (`#[island]`): the few parts that need a
//! browser, such as copy buttons and the show-password toggle. Everything else is plain HTML
//! and plain form posts, with JavaScript on or off.

pub mod api;
mod components;
#[cfg(feature = "ssr")]
pub mod context;
pub mod error;
mod pages;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::api::auth::session_user;
use crate::components::layout::{Footer, Header};
use crate::pages::account::{ChangePasswordPage, SessionsPage};
use crate::pages::boleto::BoletoPage;
use crate::pages::documents::DocumentsPage;
use crate::pages::finance::FinancePage;
use crate::pages::login::{LoginPage, SyndicLoginPage};
use crate::pages::login_code::{ConfirmCodePage, LoginCodePage};
use crate::pages::messages::{MessagesPage, NewMessagePage, ThreadPage};
use crate::pages::password_code::{PasswordCodePage, SetPasswordPage};
use crate::pages::profile::{AddressPage, ConfirmContactPage, ContactChangePage, MyDataPage};
use crate::pages::registration::RegistrationPage;
use crate::pages::services::{ServiceExitPage, ServicePage, ServicesPage};
use crate::pages::staff::companies::CompanyPage;
use crate::pages::staff::contracts::{ContractPage as StaffContractPage, ContractsPage, NewContractPage};
use crate::pages::staff::dashboard::StaffDashboardPage;
use crate::pages::staff::developments::{
    DevelopmentPage, DevelopmentsPage, EditDevelopmentPage, NewDevelopmentPage,
};
use crate::pages::staff::documents::{NewDocumentPage, StaffDocumentPage, StaffDocumentsPage};
use crate::pages::staff::finance::{BillingPage, CompanyBillingPage, RetornoPage};
use crate::pages::staff::finance_reports::{DelinquencyPage, ReceiptsPage};
use crate::pages::staff::installments::InstallmentPage;
use crate::pages::staff::listings::ListingsPage;
use crate::pages::staff::login::StaffLoginPage;
use crate::pages::staff::messages::{StaffMessagesPage, StaffThreadPage};
use crate::pages::staff::partners::{NewPartnerPage, PartnerPage, PartnersPage};
use crate::pages::staff::password::{InvitationPage, StaffForgotPasswordPage, StaffNewPasswordPage};
use crate::pages::staff::people::{EditPersonPage, NewPersonPage, PeoplePage, PersonPage};
use crate::pages::staff::settings::SettingsPage;
use crate::pages::staff::units::{NewUnitsPage, UnitPage};
use crate::pages::staff::users::{InviteStaffPage, StaffUserPage, StaffUsersPage};
use crate::pages::statement::StatementPage;
use crate::pages::works_gallery::WorksGalleryPage;
use crate::pages::{contract::ContractPage, home::HomePage, logout::LogoutPage};
use crate::pages::{my_property::MyPropertyPage, not_found::NotFound, outbox::OutboxPage};

/// True for a path of the back office (`/equipe`, `/equipe/…`).
pub fn pages_staff_path(path: &str) -> bool {
    pages::staff::is_staff_path(path)
}

/// The whole HTML document, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let stylesheet = {
        use leptos::nonce::Nonce;
        if let Some(nonce) = use_context::<axum::http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<context::CspNonce>().cloned())
        {
            provide_context(Nonce::from_value(nonce.0));
        }
        use_context::<context::ServerContext>()
            .map(|context| context.stylesheet_href)
            .unwrap_or_else(|| "/pkg/portal.css".to_string())
    };
    #[cfg(not(feature = "ssr"))]
    let stylesheet = "/pkg/portal.css".to_string();
    let branding = use_context::<portal::branding::Branding>().unwrap_or_default();
    let theme_colour =
        branding.colour.as_ref().map_or_else(|| "#0b5cab".to_string(), |colour| colour.hex.clone());
    let brand_stylesheet = branding.stylesheet_href();
    view! {
        <!DOCTYPE html>
        <html lang="pt-BR">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content=theme_colour />
                <link rel="stylesheet" href=stylesheet />
                {brand_stylesheet.map(|href| view! { <link rel="stylesheet" href=href /> })}
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The signed-in buyer (or `None`), read once per page: every login and logout is a full page
/// load.
pub type CurrentUserResource = Resource<Result<Option<portal::auth::CurrentUser>, error::AppError>>;

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let user: CurrentUserResource = Resource::new(|| (), |_| session_user());
    provide_context(user);

    view! {
        <Title formatter=|page: String| {
            head_text(if page.is_empty() { "Portal do Cliente".to_string() } else { format!("{page} · Portal do Cliente") })
        } />
        <Router>
            <a class="skip-link" href="#conteudo">"Pular para o conteúdo"</a>
            <Header />
            <main id="conteudo" class="page" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/entrar") view=LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/sindico/entrar") view=SyndicLoginPage ssr=SsrMode::Async />
                    <Route path=path!("/entrar/codigo") view=LoginCodePage ssr=SsrMode::Async />
                    <Route path=path!("/entrar/codigo/confirmar") view=ConfirmCodePage ssr=SsrMode::Async />
                    <Route path=path!("/esqueci-senha") view=|| view! { <PasswordCodePage first_access=false /> } ssr=SsrMode::Async />
                    <Route path=path!("/esqueci-senha/nova-senha") view=|| view! { <SetPasswordPage first_access=false /> } ssr=SsrMode::Async />
                    <Route path=path!("/primeiro-acesso") view=|| view! { <PasswordCodePage first_access=true /> } ssr=SsrMode::Async />
                    <Route path=path!("/primeiro-acesso/criar-senha") view=|| view! { <SetPasswordPage first_access=true /> } ssr=SsrMode::Async />
                    <Route path=path!("/cadastro") view=RegistrationPage ssr=SsrMode::Async />
                    <Route path=path!("/sair") view=LogoutPage ssr=SsrMode::Async />
                    <Route path=path!("/dev/caixa-de-saida") view=OutboxPage ssr=SsrMode::Async />
                    <Route path=path!("/conta/sessoes") view=SessionsPage ssr=SsrMode::Async />
                    <Route path=path!("/conta/senha") view=ChangePasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/meu-imovel") view=MyPropertyPage ssr=SsrMode::Async />
                    <Route path=path!("/meu-imovel/contratos/:id") view=ContractPage ssr=SsrMode::Async />
                    <Route path=path!("/meu-imovel/empreendimentos/:id/fotos") view=WorksGalleryPage ssr=SsrMode::Async />
                    <Route path=path!("/financeiro") view=FinancePage ssr=SsrMode::Async />
                    <Route path=path!("/documentos") view=DocumentsPage ssr=SsrMode::Async />
                    <Route path=path!("/mensagens") view=MessagesPage ssr=SsrMode::Async />
                    <Route path=path!("/meus-dados") view=MyDataPage ssr=SsrMode::Async />
                    <Route path=path!("/servicos") view=ServicesPage ssr=SsrMode::Async />
                    <Route path=path!("/servicos/:id") view=ServicePage ssr=SsrMode::Async />
                    <Route path=path!("/servicos/:id/ir") view=ServiceExitPage ssr=SsrMode::Async />
                    <Route path=path!("/meus-dados/enderecos/novo") view=AddressPage ssr=SsrMode::Async />
                    <Route path=path!("/meus-dados/contato") view=ContactChangePage ssr=SsrMode::Async />
                    <Route path=path!("/meus-dados/contato/confirmar") view=ConfirmContactPage ssr=SsrMode::Async />
                    <Route path=path!("/meus-dados/enderecos/:id") view=AddressPage ssr=SsrMode::Async />
                    <Route path=path!("/mensagens/nova") view=NewMessagePage ssr=SsrMode::Async />
                    <Route path=path!("/mensagens/:id") view=ThreadPage ssr=SsrMode::Async />
                    <Route path=path!("/financeiro/boletos/:id") view=BoletoPage ssr=SsrMode::Async />
                    <Route path=path!("/financeiro/extrato") view=StatementPage ssr=SsrMode::Async />
                    <Route path=path!("/financeiro/antecipar") view=crate::pages::early_payment::EarlyPaymentPage ssr=SsrMode::Async />
                    <Route path=path!("/financeiro/antecipacoes/:id") view=crate::pages::early_payment::EarlyPaymentDetailPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe") view=StaffDashboardPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/entrar") view=StaffLoginPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/mensagens") view=StaffMessagesPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/mensagens/:id") view=StaffThreadPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/convite") view=InvitationPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/esqueci-senha") view=StaffForgotPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/esqueci-senha/nova-senha") view=StaffNewPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/pessoas") view=PeoplePage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/pessoas/nova") view=NewPersonPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/pessoas/:id") view=PersonPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/pessoas/:id/editar") view=EditPersonPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/configuracoes") view=SettingsPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/parceiros") view=PartnersPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/anuncios") view=ListingsPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/parceiros/novo") view=NewPartnerPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/parceiros/:id") view=PartnerPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/usuarios") view=StaffUsersPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/usuarios/novo") view=InviteStaffPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/usuarios/:id") view=StaffUserPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/empreendimentos") view=DevelopmentsPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/empreendimentos/novo") view=NewDevelopmentPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/empreendimentos/:id") view=DevelopmentPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/empreendimentos/:id/editar") view=EditDevelopmentPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/empreendimentos/:id/unidades/novas") view=NewUnitsPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/unidades/:id") view=UnitPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/contratos") view=ContractsPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/contratos/novo") view=NewContractPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/contratos/:id") view=StaffContractPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/parcelas/:id") view=InstallmentPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/financeiro") view=BillingPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/financeiro/empresas/:id") view=CompanyBillingPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/financeiro/retornos/:id") view=RetornoPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/financeiro/inadimplencia") view=DelinquencyPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/financeiro/recebimentos") view=ReceiptsPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/financeiro/indices") view=crate::pages::staff::correction::IndicesPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/configuracoes/empresas/nova") view=CompanyPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/configuracoes/empresas/:id") view=CompanyPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/documentos") view=StaffDocumentsPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/documentos/novo") view=NewDocumentPage ssr=SsrMode::Async />
                    <Route path=path!("/equipe/documentos/:id") view=StaffDocumentPage ssr=SsrMode::Async />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}

/// Text bound for `<head>`: leptos_meta 0.8 writes the server's `<title>` as it gets it, so a
/// message subject such as `</title><meta http-equiv="refresh" …>` would become markup. The
/// browser sets `document.title` from the same text, where it must stay as it is.
fn head_text(text: String) -> String {
    #[cfg(feature = "ssr")]
    let text = html_escape::encode_text(&text).into_owned();
    text
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
