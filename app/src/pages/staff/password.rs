use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::staff::password::{load_invitation, AcceptInvitation, RequestStaffCode, ResetStaffPassword};
use crate::components::forms::{query_error, CodeField, NewPasswordFields};
use crate::components::status::Alert;

const PASSWORD_HINT: &str =
    "De 8 a 128 caracteres, diferente do seu e-mail. Uma frase longa é mais segura que símbolos.";

/// `/equipe/convite?token=`: the invited staff user chooses a password (the link works once).
#[component]
pub fn InvitationPage() -> impl IntoView {
    let query = use_query_map();
    let accept = ServerAction::<AcceptInvitation>::new();
    let token = move || query.read().get("token").unwrap_or_default();
    let invitation = Resource::new(token, load_invitation);
    let error = move || query_error(query.read().get("erro"));
    view! {
        <Title text="Convite · Equipe" />
        <section class="auth-card" aria-labelledby="titulo-convite">
            <h1 id="titulo-convite">"Criar sua senha"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
                {move || Suspend::new(async move {
                    match invitation.await {
                        Ok(Some((name, email))) => view! {
                            <p class="lead">{format!("Olá, {name}! Crie a senha da sua conta da equipe ({email}).")}</p>
                            {error().map(|text| view! { <Alert tone="error" message=text /> })}
                            <ActionForm action=accept>
                                <div class="form">
                                    <input type="hidden" name="token" value=token() />
                                    <NewPasswordFields />
                                    <p class="muted">{PASSWORD_HINT}</p>
                                    <button type="submit" class="button button--primary">"Criar senha e entrar"</button>
                                </div>
                            </ActionForm>
                        }
                        .into_any(),
                        Ok(None) => view! {
                            <Alert tone="error" message="Este convite não vale mais: já foi usado, foi substituído por outro ou passou de 72 horas. Peça um novo convite a um administrador da equipe." />
                            <p class="auth-card__alt"><a href="/equipe/entrar">"Ir para a entrada da equipe"</a></p>
                        }
                        .into_any(),
                        Err(error) => view! { <Alert tone="error" message=error.to_string() /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// `/equipe/esqueci-senha`: a code by e-mail to choose a new password.
#[component]
pub fn StaffForgotPasswordPage() -> impl IntoView {
    let query = use_query_map();
    let request = ServerAction::<RequestStaffCode>::new();
    let error = move || query_error(query.read().get("erro"));
    view! {
        <Title text="Esqueci minha senha · Equipe" />
        <section class="auth-card" aria-labelledby="titulo-esqueci">
            <h1 id="titulo-esqueci">"Esqueci minha senha"</h1>
            <p class="lead">"Enviamos um código ao e-mail da sua conta da equipe para você criar uma nova senha."</p>
            {move || error().map(|text| view! { <Alert tone="error" message=text /> })}
            <ActionForm action=request>
                <div class="form">
                    <div class="field">
                        <label for="email">"E-mail"</label>
                        <input id="email" name="email" type="email" autocomplete="username" autocapitalize="none" spellcheck="false" required />
                    </div>
                    <button type="submit" class="button button--primary">"Enviar código"</button>
                </div>
            </ActionForm>
            <p class="auth-card__alt"><a href="/equipe/entrar">"Voltar para a entrada da equipe"</a></p>
        </section>
    }
}

/// `/equipe/esqueci-senha/nova-senha?desafio=`: the code and the new password.
#[component]
pub fn StaffNewPasswordPage() -> impl IntoView {
    let query = use_query_map();
    let reset = ServerAction::<ResetStaffPassword>::new();
    let challenge = move || query.read().get("desafio").unwrap_or_default();
    let error = move || query_error(query.read().get("erro"));
    view! {
        <Title text="Nova senha · Equipe" />
        <section class="auth-card" aria-labelledby="titulo-nova-senha">
            <h1 id="titulo-nova-senha">"Nova senha"</h1>
            <Alert tone="info" message="Se o e-mail for de uma conta ativa da equipe, enviamos um código de 6 dígitos. Ele vale por 10 minutos." />
            {move || error().map(|text| view! { <Alert tone="error" message=text /> })}
            <ActionForm action=reset>
                <div class="form">
                    <input type="hidden" name="challenge" value=challenge />
                    <CodeField />
                    <NewPasswordFields />
                    <p class="muted">{PASSWORD_HINT}</p>
                    <button type="submit" class="button button--primary">"Criar senha e entrar"</button>
                </div>
            </ActionForm>
            <p class="auth-card__alt"><a href="/equipe/esqueci-senha">"Não recebeu? Pedir um novo código"</a></p>
        </section>
    }
}
