//! The funcionalidades customizadas of a partner (seed 002), on its page: each with its
//! chaveFuncionalidade, and the form to add one.

use leptos::prelude::*;
use portal::partners::{pass_key_field_label, FeatureForm, FeatureRow, PASS_KEY_FIELDS};
use portal::records::RecordDraft;

use super::RecordField;
use crate::api::staff::partners::ChangePartnerFeature;
use crate::components::status::{Alert, Badge};
use crate::error::AppError;

#[component]
pub fn FeaturesSection(
    id: i64,
    features: Vec<FeatureRow>,
    refused: Option<RecordDraft<FeatureForm>>,
    pass_key_scope: bool,
) -> impl IntoView {
    let change = ServerAction::<ChangePartnerFeature>::new();
    let errors = refused.as_ref().map(|draft| draft.errors.clone()).unwrap_or_default();
    let error = move |field: &str| errors.get(field).cloned();
    let form = refused
        .clone()
        .map(|draft| draft.form)
        .unwrap_or_else(|| FeatureForm { instance: "1".into(), ..FeatureForm::default() });
    view! {
        <section class="card" aria-labelledby="funcionalidades">
            <h2 id="funcionalidades">"Funcionalidades customizadas"</h2>
            <p class="muted">
                "Páginas do parceiro que o comprador abre pelo menu do portal. O portal o leva ao endereço com uma chavePasse de uso único (2 minutos), que o parceiro troca pelos dados marcados."
            </p>
            {(!pass_key_scope).then(|| view! {
                <Alert tone="info" message="Este parceiro ainda não tem a permissão \"Chave de passe\": marque-a em Dados e permissões para que as funcionalidades de produção apareçam aos compradores." />
            })}
            {if features.is_empty() {
                view! { <p class="muted">"Nenhuma funcionalidade ainda."</p> }.into_any()
            } else {
                view! {
                    <table class="staff-table">
                        <thead><tr><th scope="col">"Nome no menu"</th><th scope="col">"Instância"</th><th scope="col">"chaveFuncionalidade"</th><th scope="col">"Dados"</th><th scope="col"><span class="visually-hidden">"Ações"</span></th></tr></thead>
                        <tbody>
                            {features.into_iter().map(|feature| {
                                let sandbox = feature.instance == 1;
                                view! {
                                    <tr>
                                        <td data-rotulo="Nome no menu">{feature.name.clone()}<br /><span class="muted break">{feature.target_url.clone()}</span></td>
                                        <td data-rotulo="Instância">
                                            {if sandbox { view! { <Badge tone="warning">"1 · sandbox"</Badge> }.into_any() } else { view! { <Badge tone="success">"2 · produção"</Badge> }.into_any() }}
                                        </td>
                                        <td data-rotulo="chaveFuncionalidade"><code class="break">{feature.feature_key.clone()}</code></td>
                                        <td data-rotulo="Dados">{feature.fields.iter().map(|code| pass_key_field_label(code).to_string()).collect::<Vec<_>>().join(", ")}</td>
                                        <td class="actions">
                                            {sandbox.then(|| view! {
                                                <ActionForm action=change>
                                                    <input type="hidden" name="id" value=id />
                                                    <input type="hidden" name="action" value="testar" />
                                                    <input type="hidden" name="feature" value=feature.id />
                                                    <button type="submit" class="button button--secondary">"Testar"</button>
                                                </ActionForm>
                                            })}
                                            <ActionForm action=change>
                                                <input type="hidden" name="id" value=id />
                                                <input type="hidden" name="action" value="remover" />
                                                <input type="hidden" name="feature" value=feature.id />
                                                <button type="submit" class="button button--secondary">"Remover"</button>
                                            </ActionForm>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <h3>"Nova funcionalidade"</h3>
            {refused.is_some().then(|| view! { <Alert tone="error" message=AppError::InvalidForm.to_string() /> })}
            <ActionForm action=change attr:class="form">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="action" value="adicionar" />
                <RecordField label="Nome no menu do comprador" name="feature_name".into() value=form.name.clone() error=error("name") required=true />
                <RecordField label="Endereço (https, numa das origens permitidas)" name="feature_url".into() value=form.target_url.clone() error=error("target_url") kind="url" required=true />
                <div class="field">
                    <label for="feature_instance">"Instância"</label>
                    <select id="feature_instance" name="feature_instance">
                        <option value="1" selected=form.instance != "2">"1 · sandbox (só a equipe testa; a troca devolve dados de exemplo)"</option>
                        <option value="2" selected=form.instance == "2">"2 · produção (aparece no menu dos compradores)"</option>
                    </select>
                    {error("instance").map(|text| view! { <p class="field__error">{text}</p> })}
                </div>
                <fieldset class="field choices">
                    <legend>"Dados que o parceiro recebe"</legend>
                    {PASS_KEY_FIELDS.into_iter().map(|(code, label)| view! {
                        <label class="choice">
                            <input type="checkbox" name="feature_fields[]" value=code checked=form.fields.iter().any(|field| field == code) />
                            {label}
                        </label>
                    }).collect_view()}
                    {error("fields").map(|text| view! { <p class="field__error">{text}</p> })}
                </fieldset>
                <button type="submit" class="button button--secondary">"Adicionar funcionalidade"</button>
            </ActionForm>
        </section>
    }
}
