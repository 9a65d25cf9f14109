use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use portal::finance::{
    InstallmentGroup, InstallmentLine, InstallmentOverview, InstallmentSections, InstallmentStatus,
};

use super::LoadFailed;
use crate::api::finance::load_installments;
use crate::components::status::Badge;

/// `/financeiro`: the buyer's installments across contracts, filterable by situation, contract
/// and year (a plain GET form, so it works without JavaScript), with totals and the next one
/// to pay highlighted.
#[component]
pub fn FinancePage() -> impl IntoView {
    let query = use_query_map();
    let overview = Resource::new(
        move || {
            let query = query.read();
            (query.get("situacao"), query.get("contrato"), query.get("ano"))
        },
        |(status, contract, year)| load_installments(status, contract, year),
    );
    view! {
        <Title text="Financeiro" />
        <h1>"Financeiro"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Carregando parcelas…"</p> }>
            {move || Suspend::new(async move {
                let chosen = query.read_untracked().clone();
                match overview.await {
                    Ok(overview) => view! {
                        <Overview
                            overview
                            status=chosen.get("situacao").unwrap_or_default()
                            contract=chosen.get("contrato").unwrap_or_default()
                            year=chosen.get("ano").unwrap_or_default()
                        />
                    }
                    .into_any(),
                    Err(error) => view! { <LoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Overview(overview: InstallmentOverview, status: String, contract: String, year: String) -> impl IntoView {
    let totals = overview.totals.clone();
    let filtered = !(status.is_empty() && contract.is_empty() && year.is_empty());
    let count = overview.installments.len();
    view! {
        <p class="link-row">
            <a href="/financeiro/extrato">"Extrato de pagamentos e informe para o Imposto de Renda"</a>
            <a href="/financeiro/antecipar">"Antecipar parcelas com desconto"</a>
        </p>
        // What is owed now comes before what comes next.
        {(totals.overdue_count > 0).then(|| view! {
            <section class="card overdue-due" aria-labelledby="titulo-vencidas">
                <h2 id="titulo-vencidas">"Parcelas vencidas"</h2>
                <p class="next-due__amount amount">{totals.overdue.to_string()}</p>
                <p>{format!("{} sem pagamento até hoje", plural(totals.overdue_count))}</p>
                <a class="button button--primary" href="/financeiro?situacao=vencidas">"Ver parcelas vencidas"</a>
            </section>
        })}
        {overview.next.clone().map(|next| view! {
            <section class="card next-due" aria-labelledby="titulo-proximo">
                <h2 id="titulo-proximo">"Próximo vencimento"</h2>
                <p class="next-due__amount">{next.amount.to_string()}</p>
                <p>
                    {format!("{} · vence em {} · ", next.title(), next.due_on)}
                    <span class="nowrap">{format!("contrato {}", next.contract_number)}</span>
                </p>
                <a class="button button--primary" href=format!("/financeiro/boletos/{}", next.id)>"Ver boleto e PIX"</a>
            </section>
        })}
        <form class="card filters" method="get" action="/financeiro" aria-label="Filtrar parcelas">
            <div class="filters__fields">
                <div class="field">
                    <label for="situacao">"Situação"</label>
                    <select id="situacao" name="situacao">
                        <option value="" selected=status.is_empty()>"Todas"</option>
                        {[InstallmentStatus::Open, InstallmentStatus::Overdue, InstallmentStatus::Paid]
                            .into_iter()
                            .map(|option| {
                                let label = match option {
                                    InstallmentStatus::Open => "Em aberto",
                                    InstallmentStatus::Overdue => "Vencidas",
                                    InstallmentStatus::Paid => "Pagas",
                                };
                                view! { <option value=option.code() selected=status == option.code()>{label}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="contrato">"Contrato"</label>
                    <select id="contrato" name="contrato">
                        <option value="" selected=contract.is_empty()>"Todos"</option>
                        {overview.contracts.iter().map(|choice| {
                            let value = choice.id.to_string();
                            let selected = contract == value;
                            view! { <option value=value selected=selected>{choice.number.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="ano">"Ano do vencimento"</label>
                    <select id="ano" name="ano">
                        <option value="" selected=year.is_empty()>"Todos"</option>
                        {overview.years.iter().map(|option| {
                            let value = option.to_string();
                            let selected = year == value;
                            let label = value.clone();
                            view! { <option value=value selected=selected>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <div class="filters__actions">
                <button type="submit" class="button button--primary">"Filtrar"</button>
                {filtered.then(|| view! { <a class="button button--ghost" href="/financeiro">"Limpar filtros"</a> })}
            </div>
        </form>
        <section class="totals" aria-label="Totais de todas as suas parcelas">
            <div class="total total--open">
                <span class="total__label">"Em aberto"</span>
                <strong class="nowrap">{totals.open.to_string()}</strong>
                <span class="muted">{plural(totals.open_count)}</span>
            </div>
            <div class="total total--overdue">
                <span class="total__label">"Vencidas"</span>
                <strong class="nowrap">{totals.overdue.to_string()}</strong>
                <span class="muted">{plural(totals.overdue_count)}</span>
            </div>
            <div class="total total--paid">
                <span class="total__label">"Pagas"</span>
                <strong class="nowrap">{totals.paid.to_string()}</strong>
                <span class="muted">{plural(totals.paid_count)}</span>
            </div>
        </section>
        <p class="muted">{format!("{} listada{}", plural(count as i64), if count == 1 { "" } else { "s" })}</p>
        {if overview.installments.is_empty() {
            view! {
                <section class="empty-state">
                    <p>"Nenhuma parcela com esses filtros."</p>
                    <a href="/financeiro">"Ver todas as parcelas"</a>
                </section>
            }
            .into_any()
        } else {
            let several_contracts = overview.contracts.len() > 1;
            let sections = InstallmentSections::of(&overview.installments);
            let paid_open = status == InstallmentStatus::Paid.code();
            view! { <InstallmentList sections several_contracts paid_open /> }.into_any()
        }}
    }
}

/// What is still to pay by contract and year, then each contract's paid installments in a
/// `<details>` (collapsed, unless the buyer asked for the paid ones): no JavaScript needed.
#[component]
fn InstallmentList(sections: InstallmentSections, several_contracts: bool, paid_open: bool) -> impl IntoView {
    let heading = move |group: &InstallmentGroup| {
        if several_contracts {
            format!("Contrato {} · {}", group.contract_number, group.year)
        } else {
            group.year.clone()
        }
    };
    let list = move |group: InstallmentGroup| {
        view! {
            <ul class="installments" role="list">
                {group.lines.into_iter().map(|line| view! { <InstallmentItem line /> }).collect_view()}
            </ul>
        }
    };
    view! {
        {(!sections.to_pay.is_empty()).then(|| view! { <h2 class="installment-groups__title">"A pagar"</h2> })}
        {sections.to_pay.into_iter().map(|group| {
            let title = heading(&group);
            // Later years wait in a <details> each, so a phone page is not 9,000 px long.
            if group.current {
                view! {
                    <section class="installment-group">
                        <h3>{title}</h3>
                        {list(group)}
                    </section>
                }
                .into_any()
            } else {
                let total = group.total;
                let summary = format!("{title} · {} · ", plural(group.lines.len() as i64));
                view! {
                    <details class="card installment-year">
                        <summary>{summary}<span class="nowrap">{total.to_string()}</span></summary>
                        {list(group)}
                    </details>
                }
                .into_any()
            }
        }).collect_view()}
        {sections.paid.into_iter().map(|history| {
            let summary = format!(
                "Parcelas pagas{} · {} · ",
                if several_contracts { format!(" · contrato {}", history.contract_number) } else { String::new() },
                plural(history.count as i64),
            );
            let total = history.total.to_string();
            view! {
                <details class="card paid-history" open=paid_open>
                    <summary>{summary}<span class="nowrap">{total}</span></summary>
                    {history.groups.into_iter().map(|group| view! {
                        <h3>{group.year.clone()}</h3>
                        {list(group)}
                    }).collect_view()}
                </details>
            }
        }).collect_view()}
    }
    .into_any()
}

/// `1 parcela`, `3 parcelas`.
fn plural(count: i64) -> String {
    if count == 1 {
        "1 parcela".to_string()
    } else {
        format!("{count} parcelas")
    }
}

#[component]
fn InstallmentItem(line: InstallmentLine) -> impl IntoView {
    let class = format!(
        "installment installment--{}{}",
        line.status.code(),
        if line.is_next { " installment--next" } else { "" }
    );
    let href = format!("/financeiro/boletos/{}", line.id);
    let action = if line.status == InstallmentStatus::Paid { "Ver detalhes" } else { "Ver boleto" };
    view! {
        <li class=class>
            <div class="installment__main">
                <span class="installment__title">{line.title()}</span>
                <span class="muted">{format!("Contrato {}", line.contract_number)}</span>
            </div>
            <div class="installment__due">
                <span>{format!("Vencimento {}", line.due_on)}</span>
                <strong>{line.amount.to_string()}</strong>
                {(line.correction.0 != 0).then(|| view! {
                    <span class="muted installment__correction">{format!("{} + correção {}", line.original, line.correction)}</span>
                })}
            </div>
            <div class="installment__status">
                <Badge tone=line.status.tone()>{line.status.label()}</Badge>
                {line.is_next.then(|| view! { <Badge tone="warning">"Próxima"</Badge> })}
                {line.paid_on.clone().map(|paid| view! { <span class="muted">{format!("Paga em {paid}")}</span> })}
            </div>
            <a class="installment__link" href=href aria-label=format!("{action}: {}, contrato {}", line.title(), line.contract_number)>{action}</a>
        </li>
    }
}
