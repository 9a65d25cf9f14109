//! `/equipe/anuncios` (admin): per company (SPE), the listing portals its units for sale are
//! published on: release, credentials (secrets write-only: "definida" / "alterar"), switching
//! on and off (the off switch asks whether to withdraw what was published, without JS too), the
//! feed's address, the partners that manage them through the API, and the units in the feed.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use portal::listings::{
    CompanyListings, CompanyPortal, CredentialField, ListedUnit, ListingPartner, OAuthFailure,
    PortalCredentialsForm,
};
use portal::records::RecordDraft;

use super::{notice_of, StaffLoadFailed};
use crate::api::staff::listings::{
    load_listings, DisconnectListingOauth, ReleaseListingPortal, SaveListingCredentials, SetListingPartner,
};
use crate::components::status::{Alert, Badge};
use crate::error::AppError;

/// `/equipe/anuncios`.
#[component]
pub fn ListingsPage() -> impl IntoView {
    let query = use_query_map();
    let page = Resource::new(
        move || {
            let query = query.read();
            (query.get("empresa").and_then(|id| id.parse::<i64>().ok()), query.get("rascunho"))
        },
        |(company, draft)| load_listings(company, draft),
    );
    view! {
        <Title text="Anúncios · Equipe" />
        <p class="breadcrumb"><a href="/equipe/configuracoes">"← Configurações"</a></p>
        <h1>"Anúncios"</h1>
        <p class="lead">"As unidades disponíveis de cada empresa (SPE) publicadas nos portais imobiliários, pelo feed XML que cada portal lê. Unidade vendida ou reservada sai do feed na próxima leitura."</p>
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                let query = query.read_untracked().clone();
                let notice = notice_of(&query, &[
                    ("salvo", "Credenciais salvas: o portal está publicando as unidades disponíveis."),
                    ("liberado", "Portal liberado para esta empresa: preencha as credenciais para publicar."),
                    ("pausado", "Portal desativado: o feed guarda o que já foi publicado e não muda mais."),
                    ("retirado", "Portal desativado e anúncios retirados: o feed ficou vazio."),
                    ("integrador", "Integrador liberado: ele já pode gerenciar as credenciais desta empresa pela API."),
                    ("integrador-retirado", "Integrador retirado: ele não acessa mais os anúncios desta empresa."),
                    ("conectado", "Portal conectado pelo OAuth: a autorização ficou guardada e nunca é mostrada."),
                    ("desconectado", "Portal desconectado: a autorização foi apagada."),
                ]);
                let failure = query
                    .get("erro")
                    .as_deref()
                    .and_then(AppError::from_code)
                    .map(|error| error.to_string())
                    .or_else(|| query.get("oauth").as_deref().and_then(OAuthFailure::from_code).map(|failure| failure.to_string()));
                let confirm_off = query.get("desativar").and_then(|id| id.parse::<i64>().ok());
                match page.await {
                    Ok(view) => match view.page.current {
                        None => view! { <p class="empty-state">"Cadastre uma empresa em Configurações antes."</p> }.into_any(),
                        Some(current) => view! {
                            <CompanyTabs companies=view.page.companies current=current.company_id />
                            {notice.map(|message| view! { <Alert tone="success" message /> })}
                            {failure.map(|message| view! { <Alert tone="error" message /> })}
                            <CompanyListingsView current refused=view.refused confirm_off />
                        }.into_any(),
                    },
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CompanyTabs(companies: Vec<(i64, String)>, current: i64) -> impl IntoView {
    (companies.len() > 1).then(|| {
        view! {
            <nav class="company-tabs" aria-label="Empresas">
                {companies.into_iter().map(|(id, name)| view! {
                    <a href=format!("/equipe/anuncios?empresa={id}") aria-current=(id == current).then_some("page")>{name}</a>
                }).collect_view()}
            </nav>
        }
    })
}

#[component]
fn CompanyListingsView(
    current: CompanyListings,
    refused: Option<RecordDraft<PortalCredentialsForm>>,
    confirm_off: Option<i64>,
) -> impl IntoView {
    let CompanyListings { company_id, company_name, portals, partners, units, events } = current;
    let (credential_portals, oauth_portals): (Vec<_>, Vec<_>) =
        portals.into_iter().partition(|portal| !portal.portal.oauth);
    let (connectable, unconfigured): (Vec<_>, Vec<_>) =
        oauth_portals.into_iter().partition(|portal| portal.portal.is_online);
    view! {
        <h2>{company_name}</h2>
        {credential_portals.into_iter().map(|portal| {
            let refused = refused.clone().filter(|draft| draft.form.portal == portal.portal.id.to_string());
            let confirm = confirm_off == Some(portal.portal.id);
            view! { <PortalCard company_id portal refused confirm /> }
        }).collect_view()}
        {connectable.into_iter().map(|portal| view! { <OAuthCard company_id portal /> }).collect_view()}
        {(!unconfigured.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="oauth">
                <h2 id="oauth">"Portais com OAuth"</h2>
                <p class="muted">"Estes portais não aceitam usuário e senha: a construtora autoriza o portal na conta dela, pelo OAuth do próprio portal, com um aplicativo registrado junto a ele (variáveis PORTAL_OAUTH_* do servidor). Sem esse aplicativo, eles não aparecem para a API nem para liberação."</p>
                <ul class="plain-list">
                    {unconfigured.into_iter().map(|portal| view! {
                        <li>{portal.portal.name.clone()}" "<Badge tone="muted">"OAuth não configurado"</Badge></li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <PartnersSection company_id partners />
        <UnitsSection units />
        <super::History events />
    }
}

fn state_of(portal: &CompanyPortal) -> (&'static str, &'static str) {
    match (portal.released, portal.active, portal.withdrawn) {
        (false, _, _) => ("Não liberado", "muted"),
        (true, true, _) => ("Publicando", "success"),
        (true, false, true) => ("Inativo · anúncios retirados", "warning"),
        (true, false, false) if portal.configured() => ("Inativo · anúncios mantidos", "warning"),
        (true, false, false) => ("Aguardando credenciais", "info"),
    }
}

#[component]
fn PortalCard(
    company_id: i64,
    portal: CompanyPortal,
    refused: Option<RecordDraft<PortalCredentialsForm>>,
    confirm: bool,
) -> impl IntoView {
    let portal_id = portal.portal.id;
    let anchor = format!("portal-{portal_id}");
    let (state, tone) = state_of(&portal);
    let format = portal.portal.feed_format.map(|format| format.label()).unwrap_or_default();
    view! {
        <section class="card" id=anchor.clone() aria-labelledby=format!("{anchor}-titulo")>
            <div class="page-heading">
                <h2 id=format!("{anchor}-titulo")>{portal.portal.name.clone()}</h2>
                <Badge tone>{state}</Badge>
            </div>
            {if !portal.released {
                view! {
                    <p class="muted">{format!("Lê as unidades por {format}. Libere o portal para esta empresa para informar as credenciais e obter o endereço do feed.")}</p>
                    <ReleaseButton company_id portal_id />
                }.into_any()
            } else {
                view! {
                    <FeedFacts portal=portal.clone() format />
                    {if confirm && portal.active {
                        view! { <ConfirmOff company_id portal_id name=portal.portal.name.clone() /> }.into_any()
                    } else {
                        view! { <CredentialsForm company_id portal=portal.clone() refused /> }.into_any()
                    }}
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn ReleaseButton(company_id: i64, portal_id: i64) -> impl IntoView {
    let release = ServerAction::<ReleaseListingPortal>::new();
    view! {
        <ActionForm action=release>
            <input type="hidden" name="company" value=company_id />
            <input type="hidden" name="portal" value=portal_id />
            <button type="submit" class="button button--primary">"Liberar para esta empresa"</button>
        </ActionForm>
    }
}

/// A portal connected through its own OAuth: release, connect (a link to the portal's
/// authorisation page), reconnect, disconnect.
#[component]
fn OAuthCard(company_id: i64, portal: CompanyPortal) -> impl IntoView {
    let disconnect = ServerAction::<DisconnectListingOauth>::new();
    let portal_id = portal.portal.id;
    let anchor = format!("portal-{portal_id}");
    let (state, tone) = match (portal.released, portal.active) {
        (false, _) => ("Não liberado", "muted"),
        (true, true) => ("Conectado", "success"),
        (true, false) => ("Aguardando conexão", "info"),
    };
    let connect = format!("/equipe/anuncios/oauth/conectar?empresa={company_id}&portal={portal_id}");
    view! {
        <section class="card" id=anchor.clone() aria-labelledby=format!("{anchor}-titulo")>
            <div class="page-heading">
                <h2 id=format!("{anchor}-titulo")>{portal.portal.name.clone()}</h2>
                <Badge tone>{state}</Badge>
            </div>
            <p class="muted">"Conecta-se pelo OAuth do próprio portal: quem tem a conta da empresa no portal entra lá e autoriza. A autorização fica guardada cifrada e nunca é mostrada."</p>
            {if !portal.released {
                view! {
                    <ReleaseButton company_id portal_id />
                }.into_any()
            } else if portal.active {
                view! {
                    <div class="actions">
                        <a class="button button--secondary" href=connect>"Reconectar com OAuth"</a>
                        <ActionForm action=disconnect>
                            <input type="hidden" name="company" value=company_id />
                            <input type="hidden" name="portal" value=portal_id />
                            <button type="submit" class="button button--danger">"Desconectar"</button>
                        </ActionForm>
                    </div>
                }.into_any()
            } else {
                view! { <a class="button button--primary" href=connect>"Conectar com OAuth"</a> }.into_any()
            }}
        </section>
    }
}

#[component]
fn FeedFacts(portal: CompanyPortal, format: &'static str) -> impl IntoView {
    let generated = match &portal.feed_generated_at {
        Some(at) => format!(
            "Última geração: {at}, com {} {}.",
            portal.feed_units,
            if portal.feed_units == 1 { "unidade" } else { "unidades" }
        ),
        None => "O feed ainda não foi gerado.".into(),
    };
    portal.feed_url.map(|url| view! {
        <dl class="details">
            <div><dt>{format!("Endereço do feed ({format})")}</dt><dd><code class="break">{url}</code></dd></div>
            <div><dt>"Geração"</dt><dd>{generated}</dd></div>
        </dl>
        <p class="field__hint feed-hint">"Cadastre este endereço no painel do portal. Ele é secreto: quem o tiver lê o feed."</p>
    })
}

#[component]
fn CredentialsForm(
    company_id: i64,
    portal: CompanyPortal,
    refused: Option<RecordDraft<PortalCredentialsForm>>,
) -> impl IntoView {
    let save = ServerAction::<SaveListingCredentials>::new();
    let portal_id = portal.portal.id;
    let errors = refused.as_ref().map(|draft| draft.errors.clone()).unwrap_or_default();
    let general = errors.get("geral").cloned();
    let typed = refused.map(|draft| draft.form);
    let fields = portal.portal.fields.clone();
    let active = portal.active;
    view! {
        {general.map(|message| view! { <Alert tone="error" message /> })}
        {typed.is_some().then(|| view! { <Alert tone="error" message=AppError::InvalidForm.to_string() /> })}
        <ActionForm action=save attr:class="form">
            <input type="hidden" name="credentials[company]" value=company_id />
            <input type="hidden" name="credentials[portal]" value=portal_id />
            <input type="hidden" name="credentials[active]" value="1" />
            {fields.into_iter().map(|field| {
                let id = format!("portal-{portal_id}-{}", field.code());
                let name = format!("credentials[{}]", field.code());
                let error = errors.get(field.code()).cloned();
                let hint_id = format!("{id}-dica");
                if field.is_secret() {
                    let hint = if portal.has_secret(field) {
                        "Definida. Deixe em branco para manter; ela nunca é mostrada."
                    } else {
                        "Ainda não definida."
                    };
                    view! {
                        <div class="field">
                            <label for=id.clone()>{if portal.has_secret(field) { format!("{} (alterar)", field.label()) } else { field.label().to_string() }}</label>
                            <p class="field__hint" id=hint_id.clone()>{hint}</p>
                            <input id=id name=name type="password" value="" autocomplete="new-password" aria-describedby=hint_id aria-invalid=error.is_some().then_some("true") />
                            {error.map(|text| view! { <p class="field__error">{text}</p> })}
                        </div>
                    }.into_any()
                } else {
                    let value = match (&typed, field) {
                        (Some(form), CredentialField::User) => form.user.clone(),
                        (Some(form), _) => form.site_id.clone(),
                        (None, field) => portal.identifier(field).to_string(),
                    };
                    view! {
                        <div class="field">
                            <label for=id.clone()>{field.label()}</label>
                            <input id=id name=name type="text" value=value autocomplete="off" spellcheck="false" aria-invalid=error.is_some().then_some("true") />
                            {error.map(|text| view! { <p class="field__error">{text}</p> })}
                        </div>
                    }.into_any()
                }
            }).collect_view()}
            <div class="actions">
                <button type="submit" class="button button--primary">{if active { "Salvar credenciais" } else { "Salvar e publicar" }}</button>
                {active.then(|| view! {
                    <a class="button button--secondary" href=format!("/equipe/anuncios?empresa={company_id}&desativar={portal_id}#portal-{portal_id}")>"Desativar…"</a>
                })}
            </div>
        </ActionForm>
    }
}

/// The off switch's confirm step: withdraw everything, or keep what was published.
#[component]
fn ConfirmOff(company_id: i64, portal_id: i64, name: String) -> impl IntoView {
    let save = ServerAction::<SaveListingCredentials>::new();
    let choice = move |remove_all: &'static str, label: &'static str, class: &'static str| {
        view! {
            <ActionForm action=save>
                <input type="hidden" name="credentials[company]" value=company_id />
                <input type="hidden" name="credentials[portal]" value=portal_id />
                <input type="hidden" name="credentials[active]" value="0" />
                <input type="hidden" name="credentials[remove_all]" value=remove_all />
                <button type="submit" class=class>{label}</button>
            </ActionForm>
        }
    };
    view! {
        <div class="listing-off" role="group" aria-labelledby=format!("desativar-{portal_id}")>
            <p id=format!("desativar-{portal_id}")><strong>{format!("Desativar {name}?")}</strong></p>
            <p>"Retirar os anúncios esvazia o feed: o portal tira todas as unidades desta empresa. Manter congela o feed como está: o que já foi publicado continua, sem atualizações (unidades vendidas depois não saem)."</p>
            <div class="actions">
                {choice("1", "Desativar e retirar os anúncios", "button button--danger")}
                {choice("0", "Desativar e manter o publicado", "button button--secondary")}
                <a class="button button--secondary" href=format!("/equipe/anuncios?empresa={company_id}#portal-{portal_id}")>"Cancelar"</a>
            </div>
        </div>
    }
}

#[component]
fn PartnersSection(company_id: i64, partners: Vec<ListingPartner>) -> impl IntoView {
    let change = ServerAction::<SetListingPartner>::new();
    view! {
        <section class="card" id="integradores" aria-labelledby="integradores-titulo">
            <h2 id="integradores-titulo">"Integradores (API)"</h2>
            <p class="muted">"Parceiros com a permissão de anúncios gerenciam as credenciais desta empresa pela API (GET e POST /dealer/{id}/portal-auth/), com o id da empresa "<strong>{company_id}</strong>"."</p>
            {if partners.is_empty() {
                view! { <p class="muted">"Nenhum parceiro tem a permissão de anúncios. Marque-a em "<a href="/equipe/parceiros">"Parceiros"</a>"."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">
                        {partners.into_iter().map(|partner| view! {
                            <li class="inline-form">
                                <span>{partner.name.clone()}" "{if partner.allowed { view! { <Badge tone="success">"Liberado"</Badge> } } else { view! { <Badge tone="muted">"Sem acesso"</Badge> } }}</span>
                                <ActionForm action=change>
                                    <input type="hidden" name="company" value=company_id />
                                    <input type="hidden" name="partner" value=partner.id />
                                    <input type="hidden" name="action" value=if partner.allowed { "retirar" } else { "liberar" } />
                                    <button type="submit" class="button button--secondary">{if partner.allowed { "Retirar acesso" } else { "Liberar acesso" }}</button>
                                </ActionForm>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn UnitsSection(units: Vec<ListedUnit>) -> impl IntoView {
    let in_feed = units.iter().filter(|unit| unit.missing.is_empty()).count();
    view! {
        <section class="card" aria-labelledby="unidades-titulo">
            <h2 id="unidades-titulo">"Unidades"</h2>
            <p class="muted">{format!("{in_feed} de {} no feed dos portais ativos. Preço, quartos e banheiros ficam na página da unidade; bairro e descrição, na do empreendimento.", units.len())}</p>
            <table class="staff-table">
                <thead><tr><th scope="col">"Unidade"</th><th scope="col">"Empreendimento"</th><th scope="col">"Preço"</th><th scope="col">"No feed"</th></tr></thead>
                <tbody>
                    {units.into_iter().map(|unit| view! {
                        <tr>
                            <td data-rotulo="Unidade"><a href=format!("/equipe/unidades/{}", unit.unit_id)>{unit.label.clone()}</a></td>
                            <td data-rotulo="Empreendimento">{unit.development.clone()}</td>
                            <td data-rotulo="Preço">{unit.price.clone().unwrap_or_else(|| "—".into())}</td>
                            <td data-rotulo="No feed">{if unit.missing.is_empty() {
                                view! { <Badge tone="success">"Sim"</Badge> }.into_any()
                            } else {
                                view! { <span class="muted">{format!("Não: {}", unit.missing)}</span> }.into_any()
                            }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
