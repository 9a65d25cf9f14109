//! The origens of a partner's external login (seed 000), on its page: each with its issuer,
//! audience, pinned algorithm and key, and the form to add one.

use leptos::prelude::*;
use portal::partners::{ExternalOriginForm, ExternalOriginRow, EXTERNAL_ALGORITHMS};
use portal::records::RecordDraft;

use super::RecordField;
use crate::api::staff::partners::ChangeExternalOrigin;
use crate::components::status::Alert;
use crate::error::AppError;

#[component]
pub fn OriginsSection(
    id: i64,
    origins: Vec<ExternalOriginRow>,
    refused: Option<RecordDraft<ExternalOriginForm>>,
    scope: bool,
) -> impl IntoView {
    let change = ServerAction::<ChangeExternalOrigin>::new();
    let errors = refused.as_ref().map(|draft| draft.errors.clone()).unwrap_or_default();
    let error = move |field: &str| errors.get(field).cloned();
    let form = refused
        .clone()
        .map(|draft| draft.form)
        .unwrap_or_else(|| ExternalOriginForm { algorithm: "EdDSA".into(), ..ExternalOriginForm::default() });
    view! {
        <section class="card" aria-labelledby="login-externo">
            <h2 id="login-externo">"Login externo"</h2>
            <p class="muted">
                "Sistemas do parceiro que assinam uma asserção (JWT) com o CPF/CNPJ da pessoa em sub e a enviam a POST /api/v1/autenticacao-externa/{origem}. O portal confere a assinatura com a chave colada aqui, sem buscar nada na rede."
            </p>
            {(!scope).then(|| view! {
                <Alert tone="info" message="Este parceiro ainda não tem a permissão \"Login externo\": marque-a em Dados e permissões para que estas origens funcionem." />
            })}
            {if origins.is_empty() {
                view! { <p class="muted">"Nenhuma origem ainda."</p> }.into_any()
            } else {
                view! {
                    <table class="staff-table">
                        <thead><tr><th scope="col">"Origem"</th><th scope="col">"Emissor e audiência"</th><th scope="col">"Algoritmo e chave"</th><th scope="col"><span class="visually-hidden">"Ações"</span></th></tr></thead>
                        <tbody>
                            {origins.into_iter().map(|origin| view! {
                                <tr>
                                    <td data-rotulo="Origem"><code>{origin.slug.clone()}</code></td>
                                    <td data-rotulo="Emissor e audiência"><span class="break">{format!("iss {}", origin.issuer)}</span><br /><span class="muted break">{format!("aud {}", origin.audience)}</span></td>
                                    <td data-rotulo="Algoritmo e chave">{origin.algorithm.clone()}<br /><span class="muted">{origin.key_kind.clone()}</span></td>
                                    <td>
                                        <ActionForm action=change>
                                            <input type="hidden" name="id" value=id />
                                            <input type="hidden" name="action" value="remover" />
                                            <input type="hidden" name="origin" value=origin.id />
                                            <button type="submit" class="button button--secondary">"Remover"</button>
                                        </ActionForm>
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <h3>"Nova origem"</h3>
            {refused.is_some().then(|| view! { <Alert tone="error" message=AppError::InvalidForm.to_string() /> })}
            <ActionForm action=change attr:class="form">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="action" value="adicionar" />
                <RecordField label="Nome da origem (na URL)" name="external[slug]".into() value=form.slug.clone() error=error("slug") required=true hint="Letras minúsculas, números e hífens: site-construtora." />
                <RecordField label="Emissor (iss)" name="external[issuer]".into() value=form.issuer.clone() error=error("issuer") required=true />
                <RecordField label="Audiência (aud)" name="external[audience]".into() value=form.audience.clone() error=error("audience") required=true />
                <div class="field">
                    <label for="external-algorithm">"Algoritmo"</label>
                    <select id="external-algorithm" name="external[algorithm]">
                        {EXTERNAL_ALGORITHMS.into_iter().map(|(code, label)| view! {
                            <option value=code selected=form.algorithm == code>{label}</option>
                        }).collect_view()}
                    </select>
                    {error("algorithm").map(|text| view! { <p class="field__error">{text}</p> })}
                </div>
                <div class="field">
                    <label for="external-key">"Chave pública (PEM) ou documento JWKS"</label>
                    <textarea id="external-key" name="external[key_text]" rows="5" spellcheck="false" aria-invalid=error("key_text").is_some().then_some("true")>{form.key_text.clone()}</textarea>
                    {error("key_text").map(|text| view! { <p class="field__error">{text}</p> })}
                </div>
                <button type="submit" class="button button--secondary">"Adicionar origem"</button>
            </ActionForm>
        </section>
    }
}
