use crate::api::auth::RequestPasswordCode;
use crate::api::auth::SetPasswordWithCode;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::forms::{query_error, ChannelChoice, CodeField, IdentifierField, NewPasswordFields};
use crate::components::status::Alert;

struct Wording {
    title: &'static str,
    lead: &'static str,
    purpose: &'static str,
}

fn wording(first_access: bool) -> Wording {
    if first_access {
        Wording {
            title: "Primeiro acesso",
            lead: "Recebeu acesso da construtora? Informe seu CPF ou CNPJ e crie sua senha com um código.",
            purpose: "primeiro-acesso",
        }
    } else {
        Wording {
            title: "Esqueci minha senha",
            lead: "Enviamos um código para você criar uma nova senha.",
            purpose: "esqueci-senha",
        }
    }
}

/// `/esqueci-senha` and `/primeiro-acesso`: ask for the code that creates a password.
#[component]
pub fn PasswordCodePage(first_access: bool) -> impl IntoView {
    let query = use_query_map();
    let request = ServerAction::<RequestPasswordCode>::new();
    let words = wording(first_access);
    let error = move || query_error(query.read().get("erro"));
    view! {
        <Title text=words.title />
        <section class="auth-card" aria-labelledby="titulo-senha-codigo">
            <h1 id="titulo-senha-codigo">{words.title}</h1>
            <p class="lead">{words.lead}</p>
            {move || error().map(|text| view! { <Alert tone="error" message=text /> })}
            <ActionForm action=request>
                <div class="form">
                    <input type="hidden" name="purpose" value=words.purpose />
                    <IdentifierField />
                    <ChannelChoice />
                    <button type="submit" class="button button--primary">"Enviar código"</button>
                </div>
            </ActionForm>
            <p class="auth-card__alt"><a href="/entrar">"Voltar para Entrar"</a></p>
        </section>
    }
}

/// `/esqueci-senha/nova-senha` and `/primeiro-acesso/criar-senha`: code and the new password.
#[component]
pub fn SetPasswordPage(first_access: bool) -> impl IntoView {
    let query = use_query_map();
    let set = ServerAction::<SetPasswordWithCode>::new();
    let words = wording(first_access);
    let value = move |name: &'static str| move || query.read().get(name).unwrap_or_default();
    let channel_label =
        move || if query.read().get("canal").as_deref() == Some("sms") { "SMS" } else { "e-mail" };
    let error = move || query_error(query.read().get("erro"));
    view! {
        <Title text="Criar senha" />
        <section class="auth-card" aria-labelledby="titulo-criar-senha">
            <h1 id="titulo-criar-senha">"Criar senha"</h1>
            <Alert
                tone="info"
                message=format!(
                    "Se houver um cadastro com esses dados, enviamos um código de 6 dígitos por {}. Ele vale por 10 minutos.",
                    channel_label(),
                )
            />
            {move || error().map(|text| view! { <Alert tone="error" message=text /> })}
            <ActionForm action=set>
                <div class="form">
                    <input type="hidden" name="challenge" value=value("desafio") />
                    <input type="hidden" name="channel" value=value("canal") />
                    <input type="hidden" name="purpose" value=words.purpose />
                    <CodeField />
                    <NewPasswordFields />
                    <p class="muted">"De 8 a 128 caracteres. Uma frase longa é mais segura que símbolos."</p>
                    <button type="submit" class="button button--primary">"Criar senha e entrar"</button>
                </div>
            </ActionForm>
            <p class="auth-card__alt"><a href=format!("/{}", words.purpose)>"Não recebeu? Pedir um novo código"</a></p>
        </section>
    }
}
