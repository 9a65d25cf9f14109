use crate::api::auth::ConfirmCode;
use crate::api::auth::RequestCode;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::forms::{query_error, ChannelChoice, CodeField, IdentifierField};
use crate::components::status::Alert;

/// `/entrar/codigo`: asks for e-mail or CPF/CNPJ and the channel for a one-time code.
#[component]
pub fn LoginCodePage() -> impl IntoView {
    let query = use_query_map();
    let request = ServerAction::<RequestCode>::new();
    let next = move || query.read().get("proximo").unwrap_or_else(|| "/meu-imovel".to_string());
    let error = move || query_error(query.read().get("erro"));
    view! {
        <Title text="Entrar com código" />
        <section class="auth-card" aria-labelledby="titulo-codigo">
            <h1 id="titulo-codigo">"Entrar com código"</h1>
            <p class="lead">"Enviamos um código de 6 dígitos para o seu e-mail ou celular cadastrado."</p>
            {move || error().map(|text| view! { <Alert tone="error" message=text /> })}
            <ActionForm action=request>
                <div class="form">
                    <input type="hidden" name="next" value=next />
                    <IdentifierField />
                    <ChannelChoice />
                    <button type="submit" class="button button--primary">
                        "Enviar código"
                    </button>
                </div>
            </ActionForm>
            <p class="auth-card__alt"><a href="/entrar">"Entrar com senha"</a></p>
        </section>
    }
}

/// `/entrar/codigo/confirmar`: the code sent by e-mail or SMS opens the session.
#[component]
pub fn ConfirmCodePage() -> impl IntoView {
    let query = use_query_map();
    let confirm = ServerAction::<ConfirmCode>::new();
    let value = move |name: &'static str| move || query.read().get(name).unwrap_or_default();
    let next = move || query.read().get("proximo").unwrap_or_else(|| "/meu-imovel".to_string());
    let channel_label =
        move || if query.read().get("canal").as_deref() == Some("sms") { "SMS" } else { "e-mail" };
    let error = move || query_error(query.read().get("erro"));
    // A new registration: the code also confirms the e-mail it was sent to.
    let registering = query.read_untracked().get("motivo").as_deref() == Some("cadastro");
    let (title, info, button) = if registering {
        (
            "Confirme seu e-mail",
            "Para terminar o cadastro, digite o código de 6 dígitos que enviamos para o seu e-mail. Ele vale por 10 minutos.".to_string(),
            "Confirmar e entrar",
        )
    } else {
        (
            "Digite o código",
            format!(
                "Se houver um cadastro com esses dados, enviamos um código de 6 dígitos por {}. Ele vale por 10 minutos.",
                channel_label(),
            ),
            "Entrar",
        )
    };
    view! {
        <Title text=title />
        <section class="auth-card" aria-labelledby="titulo-confirmar">
            <h1 id="titulo-confirmar">{title}</h1>
            <Alert tone="info" message=info />
            {move || error().map(|text| view! { <Alert tone="error" message=text /> })}
            <ActionForm action=confirm>
                <div class="form">
                    <input type="hidden" name="challenge" value=value("desafio") />
                    <input type="hidden" name="channel" value=value("canal") />
                    <input type="hidden" name="next" value=next />
                    {registering.then(|| view! { <input type="hidden" name="reason" value="cadastro" /> })}
                    <CodeField />
                    <button type="submit" class="button button--primary">
                        {button}
                    </button>
                </div>
            </ActionForm>
            <p class="auth-card__alt">
                <a href=move || format!("/entrar/codigo?proximo={}", leptos_router::location::Url::escape(&next()))>
                    "Não recebeu? Pedir um novo código"
                </a>
            </p>
        </section>
    }
}
