use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use portal::companies::{CompanyDetail, CompanyForm, CompanyRow};
use portal::records::RecordDraft;

use super::{notice_of, RecordField, StaffLoadFailed};
use crate::api::staff::companies::{load_companies, load_company, CompanyAction, SaveCompany};
use crate::components::status::{Alert, Badge};
use crate::error::AppError;

/// The companies on the Configurações page.
#[component]
pub fn CompaniesSection() -> impl IntoView {
    let companies = Resource::new(|| (), |_| load_companies());
    view! {
        <section class="card" aria-labelledby="titulo-empresas">
            <div class="page-heading">
                <h2 id="titulo-empresas">"Empresas (SPEs)"</h2>
                <a class="button button--secondary" href="/equipe/configuracoes/empresas/nova">"Nova empresa"</a>
            </div>
            <p class="muted">"A empresa escolhida como marca dá nome, logo, cor e contatos ao cabeçalho e ao rodapé do portal dos compradores."</p>
            <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
                {move || Suspend::new(async move {
                    match companies.await {
                        Ok(rows) => view! { <CompaniesTable rows /> }.into_any(),
                        Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn CompaniesTable(rows: Vec<CompanyRow>) -> impl IntoView {
    view! {
        <table class="staff-table">
            <thead><tr><th scope="col">"Empresa"</th><th scope="col">"CNPJ"</th><th scope="col">"Contato"</th><th scope="col">"Empreendimentos"</th></tr></thead>
            <tbody>
                {rows.into_iter().map(|row| view! {
                    <tr>
                        <td data-rotulo="Empresa">
                            <a href=format!("/equipe/configuracoes/empresas/{}", row.id)>{row.name}</a>
                            {row.is_brand.then(|| view! { " " <Badge tone="info">"Marca do portal"</Badge> })}
                        </td>
                        <td data-rotulo="CNPJ" class="nowrap">{row.cnpj}</td>
                        <td data-rotulo="Contato">{if row.contact.is_empty() { "—".to_string() } else { row.contact.join(" · ") }}</td>
                        <td data-rotulo="Empreendimentos">{row.developments}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn CompanyFields(draft: RecordDraft<CompanyForm>) -> impl IntoView {
    let form = draft.form.clone();
    let error = move |field: &str| draft.error(field);
    let name = |field: &str| format!("company[{field}]");
    view! {
        <RecordField label="Razão social ou nome" name=name("name") value=form.name.clone() error=error("name") required=true />
        <RecordField label="CNPJ" name=name("cnpj") value=form.cnpj.clone() error=error("cnpj") required=true />
        <RecordField label="E-mail de atendimento (opcional)" name=name("email") value=form.email.clone() error=error("email") kind="email" />
        <div class="field-pair">
            <RecordField label="Telefone ou 0800 (opcional)" name=name("phone") value=form.phone.clone() error=error("phone") inputmode="tel" />
            <RecordField label="WhatsApp (opcional)" name=name("whatsapp") value=form.whatsapp.clone() error=error("whatsapp") inputmode="tel" />
        </div>
        <RecordField label="Cor da marca (opcional)" name=name("colour") value=form.colour.clone() error=error("colour") hint="#rrggbb, escura o bastante para o texto branco do cabeçalho (por exemplo #0b5cab)." />
    }
}

/// `/equipe/configuracoes/empresas/nova` and `/equipe/configuracoes/empresas/:id`.
#[component]
pub fn CompanyPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || (params.read().get("id"), query.read().get("rascunho")),
        |(id, draft)| async move {
            match id.as_deref() {
                None | Some("nova") => load_company(None, draft).await,
                Some(id) => match id.parse::<i64>() {
                    Ok(id) => load_company(Some(id), draft).await,
                    Err(_) => Err(AppError::NotFound),
                },
            }
        },
    );
    view! {
        <p class="breadcrumb"><a href="/equipe/configuracoes">"← Configurações"</a></p>
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                let query = query.read_untracked().clone();
                let notice = notice_of(&query, &[
                    ("salva", "Empresa salva."),
                    ("marca", "O portal dos compradores mostra agora a marca desta empresa."),
                    ("marca-padrao", "O portal voltou à marca da configuração."),
                    ("logo", "Logo salvo."),
                    ("logo-retirado", "Logo retirado."),
                ]);
                let failure = query.get("erro").as_deref().and_then(AppError::from_code).map(|error| error.to_string());
                match data.await {
                    Ok((detail, draft)) => view! { <Company detail draft notice failure /> }.into_any(),
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Company(
    detail: Option<CompanyDetail>,
    draft: Option<RecordDraft<CompanyForm>>,
    notice: Option<String>,
    failure: Option<String>,
) -> impl IntoView {
    let save = ServerAction::<SaveCompany>::new();
    let action = ServerAction::<CompanyAction>::new();
    let title = detail.as_ref().map_or_else(|| "Nova empresa".to_string(), |detail| detail.row.name.clone());
    let general = draft.as_ref().and_then(|draft| draft.error("geral"));
    let fields =
        draft.filter(|draft| draft.errors.keys().any(|key| key != "geral")).unwrap_or_else(|| RecordDraft {
            form: detail.as_ref().map(|detail| detail.form.clone()).unwrap_or_default(),
            errors: Default::default(),
        });
    let has_errors = !fields.errors.is_empty();
    let id_field = detail.as_ref().map(|detail| detail.row.id);
    view! {
        <Title text=format!("{title} · Equipe") />
        <h1>{title}</h1>
        {notice.map(|message| view! { <Alert tone="success" message /> })}
        {failure.or(general).map(|message| view! { <Alert tone="error" message /> })}
        {has_errors.then(|| view! { <Alert tone="error" message=AppError::InvalidForm.to_string() /> })}
        <ActionForm action=save attr:class="card form">
            {id_field.map(|id| view! { <input type="hidden" name="id" value=id /> })}
            <CompanyFields draft=fields />
            <button type="submit" class="button button--primary">"Salvar"</button>
        </ActionForm>
        {detail.map(|detail| {
            let id = detail.row.id;
            let button = move |value: &'static str, label: &'static str, class: &'static str| view! {
                <ActionForm action=action>
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="action" value=value />
                    <button type="submit" class=class>{label}</button>
                </ActionForm>
            };
            view! {
                <section class="card" aria-labelledby="titulo-logo">
                    <h2 id="titulo-logo">"Logo"</h2>
                    {detail.row.has_logo.then(|| view! {
                        <p class="muted">"Esta empresa tem logo. Envie outro para trocar."</p>
                        {button("retirar-logo", "Retirar o logo", "button button--secondary")}
                    })}
                    <form class="form" method="post" action=format!("/equipe/configuracoes/empresas/{id}/logo") enctype="multipart/form-data">
                        <div class="field">
                            <label for="empresa-logo">"Logo (PNG, JPG ou WEBP, até 256 KB; aparece com 32 px de altura)"</label>
                            <input id="empresa-logo" name="logo" type="file" accept="image/png,image/jpeg,image/webp" required />
                        </div>
                        <button type="submit" class="button button--secondary">"Enviar logo"</button>
                    </form>
                </section>
                <section class="card" aria-labelledby="titulo-marca">
                    <h2 id="titulo-marca">"Marca do portal"</h2>
                    {if detail.row.is_brand {
                        view! {
                            <p>"O portal dos compradores mostra o nome, o logo, a cor e os contatos desta empresa."</p>
                            {button("marca-padrao", "Voltar à marca da configuração", "button button--secondary")}
                        }.into_any()
                    } else {
                        view! {
                            <p class="muted">"Use esta empresa no cabeçalho e no rodapé do portal dos compradores."</p>
                            {button("marca", "Usar a marca desta empresa", "button button--primary")}
                        }.into_any()
                    }}
                </section>
            }
        })}
    }
}
