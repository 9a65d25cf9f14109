use leptos::prelude::*;
use leptos_meta::Title;
use portal::property::{
    ContractSummary, DevelopmentStage, DevelopmentSummary, MoneySummary, PaymentPosition, WorksPhoto,
};

use super::LoadFailed;
use crate::api::property::load_my_property;
use crate::components::status::{Alert, Badge};

#[component]
pub fn MyPropertyPage() -> impl IntoView {
    let property = Resource::new(|| (), |_| load_my_property());
    let query = leptos_router::hooks::use_query_map();
    let welcome = move || query.read().get("bem-vindo").is_some();
    let password = move || match query.read().get("senha").as_deref() {
        Some("criada") => Some("Senha criada. Bem-vindo ao Portal do Cliente! Use-a nas próximas entradas."),
        Some("alterada") => Some("Senha alterada. Ela já vale para as próximas entradas."),
        _ => None,
    };
    view! {
        <Title text="Meu Imóvel" />
        <h1>"Meu Imóvel"</h1>
        {move || welcome().then(|| view! {
            <Alert tone="success" message="Cadastro criado e e-mail confirmado. Bem-vindo ao Portal do Cliente!" />
        })}
        {move || password().map(|message| view! { <Alert tone="success" message=message /> })}
        <Suspense fallback=|| view! { <p class="loading">"Carregando seus imóveis…"</p> }>
            {move || Suspend::new(async move {
                match property.await {
                    Ok(property) if property.contracts.is_empty() => view! {
                        <section class="empty-state">
                            <h2>"Nenhum contrato encontrado"</h2>
                            <p>"Quando a construtora vincular um contrato ao seu cadastro, ele aparecerá aqui."</p>
                        </section>
                    }
                    .into_any(),
                    Ok(property) => view! {
                        <MoneyCard summary=property.money_summary() />
                        {property
                            .by_development()
                            .into_iter()
                            .map(|(development, contracts)| view! { <DevelopmentSection development contracts /> })
                            .collect_view()}
                    }
                    .into_any(),
                    Err(error) => view! { <LoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// First on the page (a phone shows it without scrolling): what is overdue, with one action to
/// pay it, and the next installment with its boleto.
#[component]
fn MoneyCard(summary: MoneySummary) -> impl IntoView {
    let overdue = (summary.overdue_count > 0).then(|| {
        let count = match summary.overdue_count {
            1 => "1 parcela vencida: ".to_string(),
            count => format!("{count} parcelas vencidas: "),
        };
        view! {
            <div class="money__overdue">
                <p class="alert alert--error" role="status">
                    {count} <strong class="amount">{summary.overdue_amount.to_string()}</strong>
                </p>
                <a class="button button--primary" href="/financeiro?situacao=vencidas">"Pagar parcelas vencidas"</a>
            </div>
        }
    });
    let next = match summary.next_due {
        Some(next) => view! {
            <div class="money__next">
                <p>
                    "Próxima parcela: " <strong>{next.amount.to_string()}</strong> {format!(" em {}", next.date)}
                    {next.contract_number.map(|number| view! { <span class="muted">{format!(" · contrato {number}")}</span> })}
                </p>
                <a class="button button--secondary" href=format!("/financeiro/boletos/{}", next.installment)>"Ver boleto"</a>
            </div>
        }
        .into_any(),
        None => view! { <p class="muted">"Nenhuma parcela a vencer."</p> }.into_any(),
    };
    view! {
        <section class="money card" aria-labelledby="pagamentos">
            <h2 id="pagamentos">"Pagamentos"</h2>
            {overdue}
            {next}
        </section>
    }
}

#[component]
pub fn DevelopmentHeader(
    development: DevelopmentSummary,
    /// Only a link to the works' photos (the contract page: Meu Imóvel already shows them).
    #[prop(optional)]
    photos_as_link: bool,
) -> impl IntoView {
    let stage_tone = match development.stage {
        DevelopmentStage::Delivered => "success",
        DevelopmentStage::UnderConstruction => "info",
        DevelopmentStage::Launch => "warning",
    };
    let delivery = match (&development.delivered_on, &development.expected_delivery) {
        (Some(delivered), _) => format!("Entregue em {delivered}"),
        (None, Some(expected)) => format!("Entrega prevista para {expected}"),
        (None, None) => "Data de entrega a definir".to_string(),
    };
    let progress_label = format!("Obra: {}% concluída", development.progress_percent);
    view! {
        <header class="development__header">
            <div>
                <h2>{development.name.clone()}</h2>
                <p class="muted">
                    {format!("{} · {}/{}", development.address, development.city, development.state)}
                </p>
            </div>
            <div class="development__tags">
                <Badge tone=stage_tone>{development.stage.label()}</Badge>
                {development.is_syndic.then(|| view! { <Badge tone="info">"Você é síndico"</Badge> })}
            </div>
        </header>
        <div class="progress">
            <label for=format!("obra-{}", development.id)>{progress_label}</label>
            <progress id=format!("obra-{}", development.id) max="100" value=development.progress_percent.to_string()>
                {format!("{}%", development.progress_percent)}
            </progress>
            <p class="muted">{delivery}</p>
        </div>
        {(!development.stages.is_empty()).then(|| view! {
            <ul class="stages" role="list" aria-label="Andamento por etapa">
                {development.stages.iter().map(|stage| {
                    let label = format!("{}: {}%", stage.name, stage.percent);
                    view! {
                        <li class="stage">
                            <span class="stage__name">{label.clone()}</span>
                            <progress max="100" value=stage.percent.to_string() aria-label=label>{format!("{}%", stage.percent)}</progress>
                        </li>
                    }
                }).collect_view()}
            </ul>
        })}
        {if photos_as_link {
            (development.photo_count > 0).then(|| view! {
                <p><a href=format!("/meu-imovel/empreendimentos/{}/fotos", development.id)>{photos_link_text(development.photo_count)}</a></p>
            }).into_any()
        } else {
            view! { <RecentPhotos development_id=development.id photos=development.recent_photos count=development.photo_count /> }.into_any()
        }}
    }
}

/// The newest photos of the works and a link to all of them.
fn photos_link_text(count: i64) -> String {
    match count {
        1 => "Ver a foto da obra".to_string(),
        count => format!("Ver todas as {count} fotos da obra"),
    }
}

#[component]
fn RecentPhotos(development_id: i64, photos: Vec<WorksPhoto>, count: i64) -> impl IntoView {
    if photos.is_empty() {
        return view! { <p class="muted">"A construtora ainda não publicou fotos desta obra."</p> }
            .into_any();
    }
    let heading_id = format!("fotos-{development_id}");
    let labelled_by = heading_id.clone();
    let all = photos_link_text(count);
    view! {
        <section class="works-photos" aria-labelledby=labelled_by>
            <h3 id=heading_id>"Fotos da obra"</h3>
            <PhotoGrid photos />
            <p><a href=format!("/meu-imovel/empreendimentos/{development_id}/fotos")>{all}</a></p>
        </section>
    }
    .into_any()
}

/// Thumbnails with their date and caption; each opens the full photo.
#[component]
pub fn PhotoGrid(photos: Vec<WorksPhoto>) -> impl IntoView {
    view! {
        <ul class="photo-grid" role="list">
            {photos
                .into_iter()
                .map(|photo| {
                    let open = format!("Abrir a foto de {} em tamanho grande", photo.taken_on);
                    view! {
                        <li>
                            <figure class="photo">
                                // rel=external: a file, not a route of the app's router.
                                <a href=photo.url() rel="external" aria-label=open>
                                    <img
                                        src=photo.thumbnail_url()
                                        alt=photo.caption.clone()
                                        width=photo.thumbnail_width.to_string()
                                        height=photo.thumbnail_height.to_string()
                                        loading="lazy"
                                        decoding="async"
                                    />
                                </a>
                                <figcaption>
                                    <time datetime=photo.taken_on_iso.clone()>{photo.taken_on.clone()}</time>
                                    {photo.caption.clone()}
                                </figcaption>
                            </figure>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
fn DevelopmentSection(development: DevelopmentSummary, contracts: Vec<ContractSummary>) -> impl IntoView {
    let name = development.name.clone();
    view! {
        <section class="development card" aria-label=name>
            <DevelopmentHeader development />
            <ul class="contract-list" role="list">
                {contracts.into_iter().map(|contract| view! { <li><ContractCard contract /></li> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn ContractCard(contract: ContractSummary) -> impl IntoView {
    let href = format!("/meu-imovel/contratos/{}", contract.id);
    view! {
        <article class="contract">
            <header class="contract__header">
                <h3>
                    <a href=href.clone()>{contract.unit.label()}</a>
                </h3>
                <Badge tone=contract.status.tone()>{contract.status.label()}</Badge>
            </header>
            <p class="muted">
                {format!("Contrato {} · {} · assinado em {}", contract.number, contract.role.label(), contract.signed_on)}
            </p>
            <PaymentFigures position=contract.position />
            <p><a class="button button--secondary" href=href>"Ver detalhes do contrato"</a></p>
        </article>
    }
}

#[component]
pub fn PaymentFigures(position: PaymentPosition) -> impl IntoView {
    view! {
        <dl class="figures">
            <div>
                <dt>"Valor do contrato"</dt>
                <dd>{position.total.to_string()}</dd>
            </div>
            <div>
                <dt>"Pago"</dt>
                <dd>{position.paid.to_string()}</dd>
            </div>
            <div>
                <dt>"Saldo"</dt>
                <dd>{position.balance.to_string()}</dd>
            </div>
            <div>
                <dt>"Próxima parcela"</dt>
                <dd>
                    {match position.next_due {
                        Some((date, amount)) => format!("{amount} em {date}"),
                        None => "Nenhuma a vencer".to_string(),
                    }}
                </dd>
            </div>
        </dl>
        {(position.installments_overdue > 0).then(|| {
            let text = if position.installments_overdue == 1 {
                format!("1 parcela vencida ({})", position.overdue_amount)
            } else {
                format!("{} parcelas vencidas ({})", position.installments_overdue, position.overdue_amount)
            };
            view! { <p class="alert alert--warning" role="status">{text}</p> }
        })}
    }
}
