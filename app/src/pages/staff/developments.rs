use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use portal::records::{
    CompanyChoice, DevelopmentDetail, DevelopmentForm, DevelopmentPageForm, RecordDraft, StageLine, STAGES,
    STATES,
};

use super::{notice_of, RecordField, StaffLoadFailed};
use crate::api::staff::records::{
    load_development, load_development_form, load_developments, CreateDevelopment, RemovePhoto, SaveBlock,
    SaveStages, UpdateDevelopment,
};
use crate::components::status::Alert;
use crate::error::AppError;

fn id_param() -> Memo<Option<i64>> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("id").and_then(|id| id.parse::<i64>().ok()))
}

/// `/equipe/empreendimentos`: every empreendimento in scope with its units by status.
#[component]
pub fn DevelopmentsPage() -> impl IntoView {
    let list = Resource::new(|| (), |_| load_developments());
    view! {
        <Title text="Empreendimentos · Equipe" />
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok((rows, may_create)) => view! {
                        <div class="page-heading">
                            <h1>"Empreendimentos"</h1>
                            {may_create.then(|| view! { <a class="button button--primary" href="/equipe/empreendimentos/novo">"Novo empreendimento"</a> })}
                        </div>
                        {if rows.is_empty() {
                            view! { <section class="empty-state"><h2>"Nenhum empreendimento"</h2><p>"Cadastre o primeiro para incluir unidades e contratos."</p></section> }.into_any()
                        } else {
                            view! {
                                <table class="staff-table">
                                    <thead><tr>
                                        <th scope="col">"Nome"</th><th scope="col">"Cidade"</th><th scope="col">"Fase"</th>
                                        <th scope="col">"Obra"</th><th scope="col">"Unidades"</th>
                                    </tr></thead>
                                    <tbody>
                                        {rows.into_iter().map(|row| view! {
                                            <tr>
                                                <td data-rotulo="Nome"><a href=format!("/equipe/empreendimentos/{}", row.id)>{row.name}</a></td>
                                                <td data-rotulo="Cidade">{row.place}</td>
                                                <td data-rotulo="Fase">{row.stage}</td>
                                                <td data-rotulo="Obra">{format!("{} %", row.progress)}</td>
                                                <td data-rotulo="Unidades">{format!("{} ({} disponíveis, {} vendidas)", row.units, row.available, row.sold)}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }.into_any()
                        }}
                    }.into_any(),
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The empreendimento form's fields, under `development[…]`, each with its refusal.
#[component]
fn DevelopmentFields(draft: RecordDraft<DevelopmentForm>, companies: Vec<CompanyChoice>) -> impl IntoView {
    let form = draft.form.clone();
    let error = move |field: &str| draft.error(field);
    let name = |field: &str| format!("development[{field}]");
    view! {
        <div class="field">
            <label for="development-company">"Empresa (SPE)"</label>
            <select id="development-company" name="development[company]" required>
                <option value="">"Escolha"</option>
                {companies.into_iter().map(|(id, company)| {
                    let value = id.to_string();
                    view! { <option selected=value == form.company value=value>{company}</option> }
                }).collect_view()}
            </select>
            {error("company").map(|text| view! { <p class="field__error">{text}</p> })}
        </div>
        <RecordField label="Nome" name=name("name") value=form.name.clone() error=error("name") required=true />
        <RecordField label="Endereço" name=name("address") value=form.address.clone() error=error("address") required=true hint="Rua, número e bairro." />
        <RecordField label="Bairro" name=name("neighborhood") value=form.neighborhood.clone() error=error("neighborhood") hint="Os portais de anúncios exigem o bairro." />
        <div class="field-pair">
            <RecordField label="Cidade" name=name("city") value=form.city.clone() error=error("city") required=true />
            <div class="field">
                <label for="development-state">"UF"</label>
                <select id="development-state" name="development[state]" required>
                    <option value="">"UF"</option>
                    {STATES.into_iter().map(|state| view! { <option selected=state == form.state value=state>{state}</option> }).collect_view()}
                </select>
                {error("state").map(|text| view! { <p class="field__error">{text}</p> })}
            </div>
        </div>
        <div class="field-pair">
            <div class="field">
                <label for="development-stage">"Fase"</label>
                <select id="development-stage" name="development[stage]" required>
                    {STAGES.into_iter().map(|(code, label)| view! { <option selected=code == form.stage value=code>{label}</option> }).collect_view()}
                </select>
                {error("stage").map(|text| view! { <p class="field__error">{text}</p> })}
            </div>
            <RecordField label="Andamento da obra (%)" name=name("progress") value=form.progress.clone() error=error("progress") kind="number" required=true inputmode="numeric" />
        </div>
        <div class="field-pair">
            <RecordField label="Previsão de entrega (opcional)" name=name("expected_delivery") value=form.expected_delivery.clone() error=error("expected_delivery") kind="date" />
            <RecordField label="Entregue em (só se entregue)" name=name("delivered_on") value=form.delivered_on.clone() error=error("delivered_on") kind="date" />
        </div>
        <RecordField label="CPF/CNPJ do síndico (opcional)" name=name("syndic") value=form.syndic.clone() error=error("syndic") hint="Uma pessoa já cadastrada em Pessoas. Deixe em branco se não houver." />
        <div class="field">
            <label for="development-listing-description">"Descrição para os anúncios (opcional)"</label>
            <p class="field__hint" id="development-listing-description-dica">"Aparece antes dos dados de cada unidade nos portais: lazer, localização, diferenciais. Até 2.000 caracteres."</p>
            <textarea id="development-listing-description" name="development[listing_description]" rows="4" maxlength="2000" aria-describedby="development-listing-description-dica" aria-invalid=error("listing_description").is_some().then_some("true")>{form.listing_description.clone()}</textarea>
            {error("listing_description").map(|text| view! { <p class="field__error">{text}</p> })}
        </div>
    }
}

/// `/equipe/empreendimentos/novo`.
#[component]
pub fn NewDevelopmentPage() -> impl IntoView {
    let query = use_query_map();
    let data =
        Resource::new(move || query.read().get("rascunho"), |draft| load_development_form(draft, true));
    let create = ServerAction::<CreateDevelopment>::new();
    view! {
        <Title text="Novo empreendimento · Equipe" />
        <p class="breadcrumb"><a href="/equipe/empreendimentos">"← Empreendimentos"</a></p>
        <h1>"Novo empreendimento"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((companies, draft)) => {
                        let draft = draft.unwrap_or_else(|| RecordDraft {
                            form: DevelopmentForm { stage: "em_obras".into(), progress: "0".into(), ..Default::default() },
                            errors: Default::default(),
                        });
                        view! {
                            {(!draft.errors.is_empty()).then(|| view! { <Alert tone="error" message=AppError::InvalidForm.to_string() /> })}
                            <ActionForm action=create attr:class="card form">
                                <DevelopmentFields draft companies />
                                <button type="submit" class="button button--primary">"Criar empreendimento"</button>
                            </ActionForm>
                        }.into_any()
                    }
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/equipe/empreendimentos/:id/editar`.
#[component]
pub fn EditDevelopmentPage() -> impl IntoView {
    let id = id_param();
    let query = use_query_map();
    let data = Resource::new(
        move || (id.get(), query.read().get("rascunho")),
        |(id, draft)| async move {
            let id = id.ok_or(AppError::NotFound)?;
            // The permission to change records first: a role without it reads why.
            let (companies, draft) = load_development_form(draft, false).await?;
            let (detail, _) = load_development(id, None).await?;
            Ok::<_, AppError>((detail, companies, draft))
        },
    );
    let update = ServerAction::<UpdateDevelopment>::new();
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((detail, companies, draft)) => {
                        let draft = draft.unwrap_or_else(|| RecordDraft { form: detail.form.clone(), errors: Default::default() });
                        let back = format!("/equipe/empreendimentos/{}", detail.id);
                        view! {
                            <Title text=format!("Editar {} · Equipe", detail.name) />
                            <p class="breadcrumb"><a href=back.clone()>{format!("← {}", detail.name)}</a></p>
                            <h1>"Editar empreendimento"</h1>
                            {(!draft.errors.is_empty()).then(|| view! { <Alert tone="error" message=AppError::InvalidForm.to_string() /> })}
                            <ActionForm action=update attr:class="card form">
                                <input type="hidden" name="id" value=detail.id />
                                <DevelopmentFields draft companies />
                                <div class="actions">
                                    <button type="submit" class="button button--primary">"Salvar"</button>
                                    <a class="button button--secondary" href=back>"Cancelar"</a>
                                </div>
                            </ActionForm>
                        }.into_any()
                    }
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/equipe/empreendimentos/:id`: data, stages, blocks, units and photos.
#[component]
pub fn DevelopmentPage() -> impl IntoView {
    let query = use_query_map();
    let data = super::record_resource(load_development);
    view! {
        <p class="breadcrumb"><a href="/equipe/empreendimentos">"← Empreendimentos"</a></p>
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                let query = query.read_untracked().clone();
                let units_created = query.get("unidades").map(|count| format!("{count} unidades criadas."));
                let notice = notice_of(&query, &[
                    ("criado", "Empreendimento criado. Inclua blocos e unidades."),
                    ("salvo", "Dados salvos."),
                    ("etapas", "Etapas da obra salvas."),
                    ("bloco", "Bloco salvo."),
                    ("foto", "Foto publicada: os compradores já a veem."),
                    ("foto-retirada", "Foto retirada."),
                ]).or(units_created);
                let failure = query.get("erro").as_deref().and_then(AppError::from_code).map(|error| error.to_string());
                match data.await {
                    Ok((detail, draft)) => view! { <Development detail draft=draft.unwrap_or_default() notice failure /> }.into_any(),
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Development(
    detail: DevelopmentDetail,
    draft: RecordDraft<DevelopmentPageForm>,
    notice: Option<String>,
    failure: Option<String>,
) -> impl IntoView {
    let id = detail.id;
    let facts: Vec<(&str, String)> = [
        Some(("Empresa", detail.company.clone())),
        Some(("Endereço", detail.address.clone())),
        Some(("Fase", detail.stage.clone())),
        Some(("Obra", format!("{} %", detail.progress))),
        detail.expected_delivery.clone().map(|day| ("Previsão de entrega", day)),
        detail.delivered_on.clone().map(|day| ("Entregue em", day)),
        Some((
            "Síndico",
            if detail.syndics.is_empty() { "Não informado".to_string() } else { detail.syndics.join(", ") },
        )),
    ]
    .into_iter()
    .flatten()
    .collect();
    let general = draft.error("geral");
    view! {
        <Title text=format!("{} · Equipe", detail.name) />
        <h1>{detail.name.clone()}</h1>
        {notice.map(|message| view! { <Alert tone="success" message /> })}
        {failure.or(general).map(|message| view! { <Alert tone="error" message /> })}
        {(!draft.errors.is_empty()).then(|| view! { <Alert tone="error" message=AppError::InvalidForm.to_string() /> })}
        <section class="card" aria-labelledby="titulo-dados">
            <h2 id="titulo-dados">"Dados"</h2>
            <dl class="details">
                {facts.into_iter().map(|(term, value)| view! { <div><dt>{term}</dt><dd>{value}</dd></div> }).collect_view()}
            </dl>
            {detail.can_edit.then(|| view! {
                <div class="actions">
                    <a class="button button--secondary" href=format!("/equipe/empreendimentos/{id}/editar")>"Editar dados"</a>
                    <super::PublishDocumentLink scope="empreendimento" id label="Publicar documento para os compradores" />
                    <super::PublishDocumentLink scope="condominio" id label="Publicar documento do condomínio" />
                </div>
            })}
        </section>
        <Stages id detail=detail.clone() draft=draft.clone() />
        <Blocks id detail=detail.clone() draft=draft.clone() />
        <super::units::UnitsTable id detail=detail.clone() />
        <Photos id detail draft />
    }
}

#[component]
fn Stages(id: i64, detail: DevelopmentDetail, draft: RecordDraft<DevelopmentPageForm>) -> impl IntoView {
    let save = ServerAction::<SaveStages>::new();
    let mut lines = draft.form.stages.clone().unwrap_or_else(|| detail.stages.clone());
    // Room for new stages after the existing ones.
    lines.extend(std::iter::repeat_n(StageLine::default(), 3));
    view! {
        <section class="card" id="etapas" aria-labelledby="titulo-etapas">
            <h2 id="titulo-etapas">"Etapas da obra"</h2>
            {if !detail.can_edit {
                if detail.stages.is_empty() {
                    view! { <p class="muted">"Nenhuma etapa cadastrada."</p> }.into_any()
                } else {
                    view! {
                        <ul class="contact-list" role="list">
                            {detail.stages.into_iter().map(|stage| view! { <li>{format!("{}: {} %", stage.name, stage.percent)}</li> }).collect_view()}
                        </ul>
                    }.into_any()
                }
            } else {
                view! {
                    <p class="muted">"Os compradores veem estas etapas em Meu Imóvel. Deixe a linha em branco para retirar uma etapa."</p>
                    <ActionForm action=save attr:class="form">
                        <input type="hidden" name="id" value=id />
                        {lines.into_iter().enumerate().map(|(index, line)| {
                            let error = draft.error(&format!("stage{index}"));
                            view! {
                                <div class="field-pair">
                                    <div class="field">
                                        <label for=format!("etapa-{index}")>{format!("Etapa {}", index + 1)}</label>
                                        <input id=format!("etapa-{index}") name="stage_name[]" type="text" maxlength="60" value=line.name />
                                    </div>
                                    <div class="field">
                                        <label for=format!("etapa-{index}-pct")>"Concluído (%)"</label>
                                        <input id=format!("etapa-{index}-pct") name="stage_percent[]" type="number" min="0" max="100" inputmode="numeric" value=line.percent aria-invalid=error.is_some().then_some("true") />
                                    </div>
                                </div>
                                {error.map(|text| view! { <p class="field__error">{text}</p> })}
                            }
                        }).collect_view()}
                        {draft.error("stages").map(|text| view! { <p class="field__error">{text}</p> })}
                        <button type="submit" class="button button--primary">"Salvar etapas"</button>
                    </ActionForm>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Blocks(id: i64, detail: DevelopmentDetail, draft: RecordDraft<DevelopmentPageForm>) -> impl IntoView {
    let save = ServerAction::<SaveBlock>::new();
    let can_edit = detail.can_edit;
    view! {
        <section class="card" id="blocos" aria-labelledby="titulo-blocos">
            <h2 id="titulo-blocos">"Blocos"</h2>
            {if detail.blocks.is_empty() {
                view! { <p class="muted">"Sem blocos: as unidades ficam direto no empreendimento."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list" role="list">
                        {detail.blocks.into_iter().map(|block| view! {
                            <li>
                                {if can_edit {
                                    view! {
                                        <ActionForm action=save attr:class="inline-form">
                                            <input type="hidden" name="id" value=id />
                                            <input type="hidden" name="block" value=block.id />
                                            <label class="visually-hidden" for=format!("bloco-{}", block.id)>"Nome do bloco"</label>
                                            <input id=format!("bloco-{}", block.id) name="name" type="text" maxlength="40" required value=block.name.clone() />
                                            <span class="muted">{format!("{} unidades", block.units)}</span>
                                            <button type="submit" class="button button--secondary">"Renomear"</button>
                                        </ActionForm>
                                    }.into_any()
                                } else {
                                    view! { {format!("{} · {} unidades", block.name, block.units)} }.into_any()
                                }}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {can_edit.then(|| view! {
                <ActionForm action=save attr:class="form">
                    <input type="hidden" name="id" value=id />
                    <RecordField label="Novo bloco" name="name".to_string() value=draft.form.block_name.clone() error=draft.error("block") required=true hint="Torre A, Bloco 2, Quadra 3…" />
                    <button type="submit" class="button button--secondary">"Incluir bloco"</button>
                </ActionForm>
            })}
        </section>
    }
}

#[component]
fn Photos(id: i64, detail: DevelopmentDetail, draft: RecordDraft<DevelopmentPageForm>) -> impl IntoView {
    let remove = ServerAction::<RemovePhoto>::new();
    let can_edit = detail.can_edit;
    view! {
        <section class="card" id="fotos" aria-labelledby="titulo-fotos">
            <h2 id="titulo-fotos">"Fotos da obra"</h2>
            {can_edit.then(|| view! {
                <form class="form" method="post" action=format!("/equipe/empreendimentos/{id}/fotos") enctype="multipart/form-data">
                    <div class="field">
                        <label for="foto-arquivo">"Foto (JPG, PNG ou WEBP, até 20 MB)"</label>
                        <input id="foto-arquivo" name="photo" type="file" accept="image/jpeg,image/png,image/webp" required />
                        {draft.error("photo").map(|text| view! { <p class="field__error">{text}</p> })}
                    </div>
                    <div class="field-pair">
                        <RecordField label="Tirada em" name="taken_on".to_string() value=draft.form.photo_taken_on.clone() error=None kind="date" required=true />
                        <RecordField label="O que mostra" name="caption".to_string() value=draft.form.photo_caption.clone() error=None required=true hint="Uma frase: é o que os leitores de tela leem." />
                    </div>
                    <button type="submit" class="button button--primary">"Publicar foto"</button>
                </form>
            })}
            {if detail.photos.is_empty() {
                view! { <p class="muted">"Nenhuma foto publicada."</p> }.into_any()
            } else {
                view! {
                    <ul class="photo-grid" role="list">
                        {detail.photos.into_iter().map(|photo| view! {
                            <li class="photo-grid__item">
                                <a href=format!("/equipe/fotos/{}?inteira=1", photo.id)>
                                    <img src=format!("/equipe/fotos/{}", photo.id) alt=photo.caption.clone() width="240" />
                                </a>
                                <p>{photo.caption.clone()}<br /><span class="muted">{photo.taken_on.clone()}</span></p>
                                {can_edit.then(|| view! {
                                    <details class="confirm">
                                        <summary class="button button--danger">"Retirar"</summary>
                                        <div class="confirm__panel">
                                            <p>"Os compradores deixam de ver a foto na hora, e o arquivo é apagado. Confirmar?"</p>
                                            <ActionForm action=remove>
                                                <input type="hidden" name="id" value=photo.id />
                                                <button type="submit" class="button button--danger">"Sim, retirar"</button>
                                            </ActionForm>
                                        </div>
                                    </details>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
