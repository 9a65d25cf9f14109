use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use portal::time_br::format_timestamp;

use super::LoadFailed;
use super::RedirectToLogin;
use crate::api::account::{
    load_my_partners, load_sessions, ChangeMyPartner, ChangePassword, EndOtherSessions, EndSession,
};
use crate::components::forms::NewPasswordFields;
use crate::components::status::{Alert, Badge};
use crate::error::AppError;

/// `/conta/sessoes`: where the buyer is signed in, and a way to end any of it.
#[component]
pub fn SessionsPage() -> impl IntoView {
    let query = use_query_map();
    let end_one = ServerAction::<EndSession>::new();
    let end_others = ServerAction::<EndOtherSessions>::new();
    let sessions = Resource::new(|| (), |_| load_sessions());
    let notice = move || {
        let query = query.read();
        if query.get("encerradas").is_some() {
            Some("As outras sessões foram encerradas.")
        } else if query.get("encerrada").is_some() {
            Some("Sessão encerrada.")
        } else if query.get("parceiro-autorizar").is_some() {
            Some("Parceiro autorizado: ele pode abrir o portal por você até você retirar a autorização.")
        } else if query.get("parceiro-retirar").is_some() {
            Some("Autorização retirada: o parceiro não abre mais o portal por você.")
        } else {
            None
        }
    };
    view! {
        <Title text="Segurança da conta" />
        <h1>"Segurança"</h1>
        <p class="lead">"Aparelhos conectados à sua conta. Encerre o que você não reconhece e troque sua senha."</p>
        {move || notice().map(|text| view! { <Alert tone="info" message=text /> })}
        <Suspense fallback=|| view! { <p class="loading">"Carregando sessões…"</p> }>
            {move || Suspend::new(async move {
                match sessions.await {
                    Ok(list) => {
                        let others = list.iter().filter(|session| !session.current).count();
                        view! {
                            <ul class="session-list" role="list">
                                {list.into_iter().map(|session| {
                                    let id = session.id.to_string();
                                    view! {
                                        <li class="card session">
                                            <div>
                                                <h2 class="session__device">{session.device.clone()}</h2>
                                                <p class="muted">
                                                    {format!(
                                                        "Entrou em {} · último acesso {} · IP {}",
                                                        format_timestamp(session.created_at),
                                                        format_timestamp(session.last_seen_at),
                                                        session.ip.clone().unwrap_or_else(|| "desconhecido".into()),
                                                    )}
                                                </p>
                                            </div>
                                            {if session.current {
                                                view! { <Badge tone="success">"Este aparelho"</Badge> }.into_any()
                                            } else {
                                                view! {
                                                    <ActionForm action=end_one>
                                                        <input type="hidden" name="id" value=id />
                                                        <button type="submit" class="button button--secondary">"Encerrar"</button>
                                                    </ActionForm>
                                                }
                                                .into_any()
                                            }}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            {(others > 0).then(|| view! {
                                <ActionForm action=end_others>
                                    <button type="submit" class="button button--primary">"Encerrar todas as outras sessões"</button>
                                </ActionForm>
                            })}
                        }
                        .into_any()
                    }
                    Err(error) => view! { <LoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
        <p><a class="button button--secondary" href="/conta/senha">"Trocar senha"</a></p>
        <MyPartners />
    }
}

/// The partners (a chatbot, the company's site) that may open the portal for the buyer without
/// a password, and the requests waiting for the buyer's answer.
#[component]
fn MyPartners() -> impl IntoView {
    let partners = Resource::new(|| (), |_| load_my_partners());
    let change = ServerAction::<ChangeMyPartner>::new();
    view! {
        <section class="card" aria-labelledby="parceiros">
            <h2 id="parceiros">"Parceiros"</h2>
            <p class="muted">"Serviços que podem abrir o portal por você, sem pedir sua senha."</p>
            <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
                {move || Suspend::new(async move {
                    match partners.await {
                        Ok(list) if list.is_empty() => view! { <p>"Nenhum parceiro pode abrir o portal por você."</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="session-list" role="list">
                                {list.into_iter().map(|partner| view! {
                                    <li class="session">
                                        <div>
                                            <p class="session__device">{partner.name.clone()}</p>
                                            <p class="muted">
                                                {if partner.pending {
                                                    format!("Pediu autorização em {}", partner.since)
                                                } else {
                                                    format!("Autorizado desde {}", partner.since)
                                                }}
                                            </p>
                                        </div>
                                        <div class="actions">
                                            {partner.pending.then(|| view! {
                                                <ActionForm action=change>
                                                    <input type="hidden" name="partner" value=partner.partner_id />
                                                    <input type="hidden" name="action" value="autorizar" />
                                                    <button type="submit" class="button button--primary">"Autorizar"</button>
                                                </ActionForm>
                                            })}
                                            <ActionForm action=change>
                                                <input type="hidden" name="partner" value=partner.partner_id />
                                                <input type="hidden" name="action" value="retirar" />
                                                <button type="submit" class="button button--secondary">
                                                    {if partner.pending { "Recusar" } else { "Retirar autorização" }}
                                                </button>
                                            </ActionForm>
                                        </div>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <LoadFailed error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// `/conta/senha`: change the password with the current one.
#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let query = use_query_map();
    let change = ServerAction::<ChangePassword>::new();
    // Signed out visitors go to login first (the form would only fail).
    let signed_in = expect_context::<crate::CurrentUserResource>();
    let message = move || {
        let query = query.read();
        if query.get("alterada").is_some() {
            return Some(("info", "Senha alterada. Enviamos um aviso para o seu e-mail.".to_string()));
        }
        query.get("erro").as_deref().and_then(AppError::from_code).map(|error| ("error", error.to_string()))
    };
    view! {
        <Title text="Trocar senha" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match signed_in.await {
                    Ok(Some(_)) => view! {
                        <section class="auth-card" aria-labelledby="titulo-senha">
                            <h1 id="titulo-senha">"Trocar senha"</h1>
                            <p class="lead">"Use de 8 a 128 caracteres. Uma frase longa é mais segura que símbolos."</p>
                            {move || message().map(|(tone, text)| view! { <Alert tone message=text /> })}
                            <ActionForm action=change>
                                <div class="form">
                                    <div class="field">
                                        <label for="current">"Senha atual"</label>
                                        <input id="current" name="current" type="password" autocomplete="current-password" required />
                                    </div>
                                    <NewPasswordFields />
                                    <label class="choice">
                                        <input type="checkbox" name="end_others" value="sim" checked />
                                        "Encerrar as sessões em outros aparelhos"
                                    </label>
                                    <button type="submit" class="button button--primary">
                                        "Trocar senha"
                                    </button>
                                </div>
                            </ActionForm>
                            <p class="auth-card__alt"><a href="/conta/sessoes">"Ver aparelhos conectados"</a></p>
                        </section>
                    }
                    .into_any(),
                    _ => view! { <RedirectToLogin /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
