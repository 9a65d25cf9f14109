use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use portal::records::{
    BlockRow, DevelopmentDetail, RecordDraft, UnitBatchForm, UnitForm, NUMBERINGS, UNIT_STATUSES,
};

use super::{notice_of, RecordField, StaffLoadFailed};
use crate::api::staff::records::{load_unit, load_unit_batch_form, CreateUnits, SetUnitStatus, UpdateUnit};
use crate::components::status::{Alert, Badge};
use crate::error::AppError;

fn status_tone(status: &str) -> &'static str {
    match status {
        "vendida" => "success",
        "reservada" => "warning",
        _ => "info",
    }
}

/// The units of an empreendimento, on its page.
#[component]
pub fn UnitsTable(id: i64, detail: DevelopmentDetail) -> impl IntoView {
    view! {
        <section class="card" id="unidades" aria-labelledby="titulo-unidades">
            <div class="page-heading">
                <h2 id="titulo-unidades">{format!("Unidades ({})", detail.units.len())}</h2>
                {detail.can_edit.then(|| view! {
                    <a class="button button--primary" href=format!("/equipe/empreendimentos/{id}/unidades/novas")>"Criar unidades"</a>
                })}
            </div>
            {if detail.units.is_empty() {
                view! { <p class="muted">"Nenhuma unidade ainda."</p> }.into_any()
            } else {
                view! {
                    <table class="staff-table">
                        <thead><tr>
                            <th scope="col">"Unidade"</th><th scope="col">"Andar"</th><th scope="col">"Área"</th>
                            <th scope="col">"Vagas"</th><th scope="col">"Situação"</th>
                        </tr></thead>
                        <tbody>
                            {detail.units.into_iter().map(|unit| view! {
                                <tr>
                                    <td data-rotulo="Unidade"><a href=format!("/equipe/unidades/{}", unit.id)>{unit.label.clone()}</a></td>
                                    <td data-rotulo="Andar">{if unit.floor == 0 { "Térreo".to_string() } else { unit.floor.to_string() }}</td>
                                    <td data-rotulo="Área">{unit.area.clone()}</td>
                                    <td data-rotulo="Vagas">{unit.parking}</td>
                                    <td data-rotulo="Situação">
                                        <Badge tone=status_tone(&unit.status)>{unit.status_label.clone()}</Badge>
                                        {unit.contract.clone().map(|(id, number)| view! { <br /><a href=format!("/equipe/contratos/{id}")>{format!("Contrato {number}")}</a> })}
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

/// The block of a unit form (`name`), or nothing to choose when the empreendimento has none.
#[component]
fn BlockChoice(
    name: &'static str,
    blocks: Vec<BlockRow>,
    selected: String,
    error: Option<String>,
) -> impl IntoView {
    if blocks.is_empty() {
        return view! { <input type="hidden" name=name value="" /> }.into_any();
    }
    view! {
        <div class="field">
            <label for="unit-block">"Bloco"</label>
            <select id="unit-block" name=name>
                <option value="">"Sem bloco"</option>
                {blocks.into_iter().map(|block| {
                    let value = block.id.to_string();
                    view! { <option selected=value == selected value=value>{block.name}</option> }
                }).collect_view()}
            </select>
            {error.map(|text| view! { <p class="field__error">{text}</p> })}
        </div>
    }
    .into_any()
}

/// `/equipe/empreendimentos/:id/unidades/novas`: one or many units at once.
#[component]
pub fn NewUnitsPage() -> impl IntoView {
    let data = super::record_resource(load_unit_batch_form);
    let create = ServerAction::<CreateUnits>::new();
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((detail, draft)) => {
                        let draft = draft.unwrap_or_else(|| RecordDraft {
                            form: UnitBatchForm {
                                floor_from: "1".into(), floor_to: "1".into(), per_floor: "4".into(),
                                numbering: "andar".into(), kind: "Apartamento".into(), parking: "1".into(),
                                ..Default::default()
                            },
                            errors: Default::default(),
                        });
                        let form = draft.form.clone();
                        let has_errors = !draft.errors.is_empty();
                        let error = move |field: &str| draft.error(field);
                        let name = |field: &str| format!("units[{field}]");
                        let back = format!("/equipe/empreendimentos/{}", detail.id);
                        view! {
                            <Title text=format!("Criar unidades · {} · Equipe", detail.name) />
                            <p class="breadcrumb"><a href=back.clone()>{format!("← {}", detail.name)}</a></p>
                            <h1>"Criar unidades"</h1>
                            <p class="lead">"Uma ou muitas de uma vez: informe os andares e quantas unidades há em cada um. Para uma só, use o mesmo andar e 1 por andar."</p>
                            {has_errors.then(|| view! { <Alert tone="error" message=AppError::InvalidForm.to_string() /> })}
                            <ActionForm action=create attr:class="card form">
                                <input type="hidden" name="id" value=detail.id />
                                <BlockChoice name="units[block]" blocks=detail.blocks.clone() selected=form.block.clone() error=error("block") />
                                <div class="field-pair">
                                    <RecordField label="Do andar" name=name("floor_from") value=form.floor_from.clone() error=error("floor_from") kind="number" required=true inputmode="numeric" hint="0 é o térreo." />
                                    <RecordField label="Até o andar" name=name("floor_to") value=form.floor_to.clone() error=error("floor_to") kind="number" required=true inputmode="numeric" />
                                </div>
                                <RecordField label="Unidades por andar" name=name("per_floor") value=form.per_floor.clone() error=error("per_floor") kind="number" required=true inputmode="numeric" />
                                <fieldset class="field choices">
                                    <legend>"Numeração"</legend>
                                    {NUMBERINGS.into_iter().map(|(code, label)| view! {
                                        <label class="choice"><input type="radio" name="units[numbering]" value=code checked=form.numbering == code required />{label}</label>
                                    }).collect_view()}
                                    {error("numbering").map(|text| view! { <p class="field__error">{text}</p> })}
                                </fieldset>
                                <RecordField label="Primeiro número (só na numeração sequencial)" name=name("first_number") value=form.first_number.clone() error=error("first_number") kind="number" inputmode="numeric" />
                                <RecordField label="Tipo" name=name("kind") value=form.kind.clone() error=error("kind") required=true hint="Apartamento, casa, sala, loja…" />
                                <div class="field-pair">
                                    <RecordField label="Área privativa (m²)" name=name("area") value=form.area.clone() error=error("area") required=true inputmode="decimal" hint="Por exemplo 65,40." />
                                    <RecordField label="Vagas de garagem" name=name("parking") value=form.parking.clone() error=error("parking") kind="number" inputmode="numeric" />
                                </div>
                                <div class="actions">
                                    <button type="submit" class="button button--primary">"Criar unidades"</button>
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

/// `/equipe/unidades/:id`: a unit, its status and its data.
#[component]
pub fn UnitPage() -> impl IntoView {
    let query = use_query_map();
    let data = super::record_resource(load_unit);
    let update = ServerAction::<UpdateUnit>::new();
    let set_status = ServerAction::<SetUnitStatus>::new();
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                let query = query.read_untracked().clone();
                let notice = notice_of(&query, &[("salva", "Dados da unidade salvos."), ("situacao", "Situação alterada.")]);
                let failure = query.get("erro").as_deref().and_then(AppError::from_code).map(|error| error.to_string());
                match data.await {
                    Ok((detail, draft)) => {
                        let general = draft.as_ref().and_then(|draft| draft.error("geral"));
                        // A refused status change keeps no form: the unit's own data shows.
                        let draft = draft
                            .filter(|draft| draft.errors.keys().any(|key| key != "geral"))
                            .unwrap_or_else(|| RecordDraft { form: detail.form.clone(), errors: Default::default() });
                        let row = detail.row.clone();
                        let form: UnitForm = draft.form.clone();
                        let has_errors = !draft.errors.is_empty();
                        let error = move |field: &str| draft.error(field);
                        let name = |field: &str| format!("unit[{field}]");
                        let back = format!("/equipe/empreendimentos/{}", row.development_id);
                        view! {
                            <Title text=format!("{} · {} · Equipe", row.label, detail.development) />
                            <p class="breadcrumb"><a href=back.clone()>{format!("← {}", detail.development)}</a></p>
                            <h1>{row.label.clone()}</h1>
                            <p class="thread__facts"><Badge tone=status_tone(&row.status)>{row.status_label.clone()}</Badge></p>
                            {notice.map(|message| view! { <Alert tone="success" message /> })}
                            {failure.or(general).map(|message| view! { <Alert tone="error" message /> })}
                            <section class="card" aria-labelledby="titulo-situacao">
                                <h2 id="titulo-situacao">"Situação"</h2>
                                {match row.contract.clone() {
                                    Some((id, number)) => view! {
                                        <p>"Vendida pelo contrato " <a href=format!("/equipe/contratos/{id}")>{number}</a> "."</p>
                                    }.into_any(),
                                    None => view! {
                                        <p class="muted">"Sem contrato. Os portais de anúncios leem esta situação."</p>
                                        {detail.can_edit.then(|| view! {
                                            <p><a class="button button--primary" href=format!("/equipe/contratos/novo?unidade={}", row.id)>"Criar contrato"</a></p>
                                        })}
                                    }.into_any(),
                                }}
                                {(detail.can_edit && row.contract.is_none()).then(|| view! {
                                    <ActionForm action=set_status attr:class="inline-form">
                                        <input type="hidden" name="id" value=row.id />
                                        <label for="unit-status">"Situação"</label>
                                        <select id="unit-status" name="status">
                                            {UNIT_STATUSES.into_iter().map(|(code, label)| view! { <option selected=code == row.status value=code>{label}</option> }).collect_view()}
                                        </select>
                                        <button type="submit" class="button button--secondary">"Alterar"</button>
                                    </ActionForm>
                                })}
                            </section>
                            <section class="card" aria-labelledby="titulo-unidade">
                                <h2 id="titulo-unidade">"Dados"</h2>
                                {(detail.can_edit && row.contract.is_some()).then(|| view! {
                                    <p><super::PublishDocumentLink scope="unidade" id=row.id label="Publicar documento para os compradores da unidade" /></p>
                                })}
                                {if detail.can_edit {
                                    view! {
                                        {has_errors.then(|| view! { <Alert tone="error" message=AppError::InvalidForm.to_string() /> })}
                                        <ActionForm action=update attr:class="form">
                                            <input type="hidden" name="id" value=row.id />
                                            <BlockChoice name="unit[block]" blocks=detail.blocks.clone() selected=form.block.clone() error=error("block") />
                                            <div class="field-pair">
                                                <RecordField label="Número" name=name("number") value=form.number.clone() error=error("number") required=true />
                                                <RecordField label="Andar" name=name("floor") value=form.floor.clone() error=error("floor") kind="number" required=true inputmode="numeric" />
                                            </div>
                                            <RecordField label="Tipo" name=name("kind") value=form.kind.clone() error=error("kind") required=true />
                                            <div class="field-pair">
                                                <RecordField label="Área privativa (m²)" name=name("area") value=form.area.clone() error=error("area") required=true inputmode="decimal" />
                                                <RecordField label="Vagas de garagem" name=name("parking") value=form.parking.clone() error=error("parking") kind="number" inputmode="numeric" />
                                            </div>
                                            <h3>"Para os portais de anúncios"</h3>
                                                <RecordField label="Preço de venda (R$)" name=name("price") value=form.price.clone() error=error("price") inputmode="decimal" hint="Sem preço, a unidade não entra nos anúncios." />
                                                <div class="field-pair">
                                                    <RecordField label="Quartos" name=name("bedrooms") value=form.bedrooms.clone() error=error("bedrooms") kind="number" inputmode="numeric" />
                                                    <RecordField label="Banheiros" name=name("bathrooms") value=form.bathrooms.clone() error=error("bathrooms") kind="number" inputmode="numeric" />
                                                </div>
                                            <button type="submit" class="button button--primary">"Salvar"</button>
                                        </ActionForm>
                                    }.into_any()
                                } else {
                                    view! {
                                        <dl class="details">
                                            <div><dt>"Andar"</dt><dd>{row.floor}</dd></div>
                                            <div><dt>"Tipo"</dt><dd>{row.kind.clone()}</dd></div>
                                            <div><dt>"Área privativa"</dt><dd>{row.area.clone()}</dd></div>
                                            <div><dt>"Vagas"</dt><dd>{row.parking}</dd></div>
                                            <div><dt>"Preço de venda"</dt><dd>{row.price.clone().unwrap_or_else(|| "—".into())}</dd></div>
                                        </dl>
                                    }.into_any()
                                }}
                            </section>
                        }.into_any()
                    }
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
