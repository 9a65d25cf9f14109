use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use portal::staff::{StaffFormDraft, StaffRole, StaffUserDetail, StaffUserRow};

use super::StaffLoadFailed;
use crate::api::staff::users::{
    load_staff_form, load_staff_user, load_staff_users, ChangeStaffUser, EndStaffSession, InviteStaff,
    UpdateStaffAccess,
};
use crate::components::status::{Alert, Badge};
use crate::error::AppError;

/// `/equipe/usuarios`: every staff user, their role, empreendimentos and situation.
#[component]
pub fn StaffUsersPage() -> impl IntoView {
    let users = Resource::new(|| (), |_| load_staff_users());
    view! {
        <Title text="Equipe · Equipe" />
        <div class="page-heading">
            <h1>"Equipe"</h1>
            <a class="button button--primary" href="/equipe/usuarios/novo">"Convidar pessoa"</a>
        </div>
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                match users.await {
                    Ok(users) => view! { <UsersTable users /> }.into_any(),
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn UsersTable(users: Vec<StaffUserRow>) -> impl IntoView {
    view! {
        <table class="staff-table">
            <thead>
                <tr>
                    <th scope="col">"Nome"</th>
                    <th scope="col">"Perfil"</th>
                    <th scope="col">"Empreendimentos"</th>
                    <th scope="col">"Situação"</th>
                    <th scope="col">"Último uso"</th>
                </tr>
            </thead>
            <tbody>
                {users.into_iter().map(|user| {
                    let (situation, tone) = user.situation();
                    let scope = if user.developments.is_empty() { "Todos".to_string() } else { user.developments.join(", ") };
                    view! {
                        <tr>
                            <td data-rotulo="Nome">
                                <a href=format!("/equipe/usuarios/{}", user.id)>{user.name.clone()}</a>
                                <br /><span class="muted">{user.email.clone()}</span>
                            </td>
                            <td data-rotulo="Perfil">{user.role.label()}</td>
                            <td data-rotulo="Empreendimentos">{scope}</td>
                            <td data-rotulo="Situação">
                                <Badge tone>{situation}</Badge>
                                {user.expires_on.clone().map(|day| view! { <span class="muted">{format!(" até {day}")}</span> })}
                            </td>
                            <td data-rotulo="Último uso">{user.last_seen.clone().unwrap_or_else(|| "Nunca".to_string())}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Role, empreendimentos and last day: the invitation's and the user page's fields, each
/// with its refusal under it.
#[component]
fn AccessFields(
    developments: Vec<(i64, String)>,
    role: String,
    chosen: Vec<i64>,
    expires_on: String,
    draft: StaffFormDraft,
) -> impl IntoView {
    view! {
        <fieldset class="field choices">
            <legend>"Perfil"</legend>
            {StaffRole::ALL.into_iter().map(|option| {
                let describe = match option {
                    StaffRole::Admin => "tudo, inclusive a equipe e as configurações",
                    StaffRole::Atendimento => "pessoas, cadastros, documentos e mensagens",
                    StaffRole::Financeiro => "consulta cadastros e cuida da cobrança",
                };
                view! {
                    <label class="choice">
                        <input type="radio" name="role" value=option.code() checked=role == option.code() required />
                        <span><strong>{option.label()}</strong>{format!(": {describe}")}</span>
                    </label>
                }
            }).collect_view()}
            {draft.error("role").map(|text| view! { <p class="field__error">{text}</p> })}
        </fieldset>
        <fieldset class="field choices" aria-describedby="dica-empreendimentos">
            <legend>"Empreendimentos"</legend>
            <p class="field__hint" id="dica-empreendimentos">"Nenhum marcado: todos os empreendimentos, inclusive os futuros."</p>
            {developments.into_iter().map(|(id, name)| view! {
                <label class="choice">
                    <input type="checkbox" name="developments[]" value=id checked=chosen.contains(&id) />
                    {name}
                </label>
            }).collect_view()}
            {draft.error("developments").map(|text| view! { <p class="field__error">{text}</p> })}
        </fieldset>
        <div class="field">
            <label for="expires_on">"Último dia de acesso (opcional)"</label>
            <input id="expires_on" name="expires_on" type="date" value=expires_on />
            {draft.error("expires_on").map(|text| view! { <p class="field__error">{text}</p> })}
        </div>
    }
}

/// `/equipe/usuarios/novo`: invite a person by e-mail (they choose their own password).
#[component]
pub fn InviteStaffPage() -> impl IntoView {
    let query = use_query_map();
    let form = Resource::new(move || query.read().get("rascunho"), load_staff_form);
    let invite = ServerAction::<InviteStaff>::new();
    view! {
        <Title text="Convidar · Equipe" />
        <p class="breadcrumb"><a href="/equipe/usuarios">"← Equipe"</a></p>
        <h1>"Convidar pessoa para a equipe"</h1>
        <p class="lead">"Ela recebe por e-mail um link, válido por 72 horas, para criar a própria senha."</p>
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                match form.await {
                    Ok((developments, draft)) => {
                        let draft = draft.unwrap_or_default();
                        let role = if draft.role.is_empty() { "atendimento".to_string() } else { draft.role.clone() };
                        view! {
                            {(!draft.errors.is_empty()).then(|| view! { <Alert tone="error" message=AppError::InvalidForm.to_string() /> })}
                            <ActionForm action=invite attr:class="card form">
                                <div class="field">
                                    <label for="name">"Nome"</label>
                                    <input id="name" name="name" type="text" required maxlength="120" value=draft.name.clone() autocomplete="off" />
                                    {draft.error("name").map(|text| view! { <p class="field__error">{text}</p> })}
                                </div>
                                <div class="field">
                                    <label for="email">"E-mail"</label>
                                    <input id="email" name="email" type="email" required value=draft.email.clone() autocomplete="off" />
                                    {draft.error("email").map(|text| view! { <p class="field__error">{text}</p> })}
                                </div>
                                <AccessFields developments role chosen=draft.developments.clone() expires_on=draft.expires_on.clone() draft=draft.clone() />
                                <button type="submit" class="button button--primary">"Enviar convite"</button>
                            </ActionForm>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/equipe/usuarios/:id`: a staff user's access, situation and sessions.
#[component]
pub fn StaffUserPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let detail = Resource::new(
        move || (params.read().get("id").and_then(|id| id.parse::<i64>().ok()), query.read().get("rascunho")),
        |(id, draft)| async move {
            let Some(id) = id else { return Err(AppError::NotFound) };
            let detail = load_staff_user(id).await?;
            let draft = match draft {
                Some(draft) => load_staff_form(Some(draft)).await.ok().and_then(|(_, draft)| draft),
                None => None,
            };
            Ok((detail, draft))
        },
    );
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                let query = query.read_untracked().clone();
                let notice = [
                    ("convidado", "Convite enviado por e-mail."),
                    ("salvo", "Acesso atualizado."),
                    ("desativado", "Acesso desativado: as sessões foram encerradas."),
                    ("reativado", "Acesso reativado."),
                    ("reenviado", "Novo convite enviado; o anterior deixou de valer."),
                    ("sessao-encerrada", "Sessão encerrada."),
                ]
                .into_iter()
                .find(|(key, _)| query.get(key).is_some())
                .map(|(_, text)| ("success", text.to_string()))
                .or_else(|| query.get("erro").as_deref().and_then(AppError::from_code).map(|error| ("error", error.to_string())));
                match detail.await {
                    Ok((detail, draft)) => view! { <StaffUser detail draft=draft.unwrap_or_default() notice /> }.into_any(),
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn StaffUser(
    detail: StaffUserDetail,
    draft: StaffFormDraft,
    notice: Option<(&'static str, String)>,
) -> impl IntoView {
    let update = ServerAction::<UpdateStaffAccess>::new();
    let change = ServerAction::<ChangeStaffUser>::new();
    let end_session = ServerAction::<EndStaffSession>::new();
    let user = detail.user.clone();
    let (situation, tone) = user.situation();
    let refused = !draft.errors.is_empty();
    let role = if refused { draft.role.clone() } else { user.role.code().to_string() };
    let chosen = if refused { draft.developments.clone() } else { detail.scope.clone() };
    let expires_on =
        if refused { draft.expires_on.clone() } else { detail.expires_on_iso.clone().unwrap_or_default() };
    let id = user.id;
    let back = if detail.is_self {
        view! { <a href="/equipe">"← Painel"</a> }.into_any()
    } else {
        view! { <a href="/equipe/usuarios">"← Equipe"</a> }.into_any()
    };
    view! {
        <Title text=format!("{} · Equipe", user.name) />
        <p class="breadcrumb">{back}</p>
        <h1>{user.name.clone()}</h1>
        <p class="thread__facts">
            <Badge tone>{situation}</Badge>
            <span>{user.email.clone()}</span>
            <span class="muted">{user.role.label()}</span>
        </p>
        {notice.map(|(tone, message)| view! { <Alert tone message /> })}
        {(!detail.is_self).then(|| view! {
            <section class="card" aria-labelledby="titulo-acesso">
                <h2 id="titulo-acesso">"Acesso"</h2>
                {refused.then(|| view! { <Alert tone="error" message=AppError::InvalidForm.to_string() /> })}
                <ActionForm action=update attr:class="form">
                    <input type="hidden" name="id" value=id />
                    <AccessFields developments=detail.all_developments.clone() role chosen expires_on draft />
                    <button type="submit" class="button button--primary">"Salvar acesso"</button>
                </ActionForm>
            </section>
            <section class="card" aria-labelledby="titulo-situacao">
                <h2 id="titulo-situacao">"Situação"</h2>
                <div class="staff-steps">
                {user.pending_invitation.then(|| view! {
                    <p>"Ainda não criou a senha."</p>
                    <ActionForm action=change>
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="action" value="reenviar" />
                        <button type="submit" class="button button--secondary">"Reenviar convite"</button>
                    </ActionForm>
                })}
                {if user.active {
                    view! {
                        <p>"Desativar encerra todas as sessões na hora. O histórico de ações continua com o nome."</p>
                        <details class="confirm">
                            <summary class="button button--danger">"Desativar acesso"</summary>
                            <div class="confirm__panel">
                                <p>{format!("Desativar o acesso de {}?", user.name)}</p>
                                <ActionForm action=change>
                                    <input type="hidden" name="id" value=id />
                                    <input type="hidden" name="action" value="desativar" />
                                    <button type="submit" class="button button--danger">"Sim, desativar"</button>
                                </ActionForm>
                            </div>
                        </details>
                    }
                    .into_any()
                } else {
                    view! {
                        <ActionForm action=change>
                            <input type="hidden" name="id" value=id />
                            <input type="hidden" name="action" value="reativar" />
                            <button type="submit" class="button button--primary">"Reativar acesso"</button>
                        </ActionForm>
                    }
                    .into_any()
                }}
                </div>
            </section>
        })}
        <section class="card" aria-labelledby="titulo-sessoes">
            <h2 id="titulo-sessoes">"Sessões abertas"</h2>
            {if detail.sessions.is_empty() {
                view! { <p class="muted">"Nenhuma sessão aberta."</p> }.into_any()
            } else {
                view! {
                    <ul class="session-list" role="list">
                        {detail.sessions.into_iter().map(|session| view! {
                            <li class="session">
                                <div>
                                    <p class="session__device">{session.device}</p>
                                    <p class="muted">{format!("Desde {} · último uso {}{}", session.started_at, session.last_seen_at, session.ip.map(|ip| format!(" · IP {ip}")).unwrap_or_default())}</p>
                                </div>
                                <ActionForm action=end_session>
                                    <input type="hidden" name="id" value=id />
                                    <input type="hidden" name="session" value=session.id />
                                    <button type="submit" class="button button--secondary">"Encerrar"</button>
                                </ActionForm>
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}
