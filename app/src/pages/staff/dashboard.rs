use leptos::prelude::*;
use leptos_meta::Title;
use portal::br::Centavos;
use portal::staff::dashboard::DashboardFigures;

use super::StaffLoadFailed;
use crate::api::staff::dashboard::load_dashboard;

/// `/equipe`: what waits for the team today, each figure a way into the list behind it.
#[component]
pub fn StaffDashboardPage() -> impl IntoView {
    let figures = Resource::new(|| (), |_| load_dashboard());
    let query = leptos_router::hooks::use_query_map();
    let notice = move || {
        let query = query.read();
        if query.get("bem-vindo").is_some() {
            Some("Senha criada. Bem-vindo à área da equipe!")
        } else if query.get("senha-alterada").is_some() {
            Some("Senha alterada. As outras sessões foram encerradas.")
        } else {
            None
        }
    };
    view! {
        <Title text="Painel · Equipe" />
        <h1>"Painel da equipe"</h1>
        {move || notice().map(|text| view! { <crate::components::status::Alert tone="success" message=text /> })}
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                match figures.await {
                    Ok(figures) => view! { <Figures figures /> }.into_any(),
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Figures(figures: DashboardFigures) -> impl IntoView {
    let waiting = match (figures.messages_waiting, figures.oldest_waiting_for.clone()) {
        (0, _) => "Nenhuma conversa aguarda resposta.".to_string(),
        (count, Some(waited)) => format!(
            "{} · a mais antiga {waited}",
            plural(count, "conversa aguardando", "conversas aguardando"),
        ),
        (count, None) => plural(count, "conversa aguardando", "conversas aguardando"),
    };
    view! {
        <div class="dashboard">
            <section class="card dashboard__card" aria-labelledby="painel-mensagens">
                <h2 id="painel-mensagens">"Mensagens"</h2>
                <p class=figure_class(figures.messages_waiting)>
                    {figures.messages_waiting}
                </p>
                <p>{waiting}</p>
                {figures.can_view_messages.then(|| if figures.messages_waiting > 0 {
                    view! { <a class="button button--primary" href="/equipe/mensagens?situacao=aguardando">"Responder"</a> }.into_any()
                } else {
                    view! { <a class="button button--secondary" href="/equipe/mensagens">"Ver conversas"</a> }.into_any()
                })}
            </section>
            <section class="card dashboard__card" aria-labelledby="painel-vencidas">
                <h2 id="painel-vencidas">"Parcelas vencidas"</h2>
                <p class=figure_class(figures.overdue_count)>
                    {figures.overdue_count}
                </p>
                <p>{format!("{} em aberto após o vencimento", Centavos(figures.overdue_cents))}</p>
            </section>
            <section class="card dashboard__card" aria-labelledby="painel-semana">
                <h2 id="painel-semana">"Vencem em 7 dias"</h2>
                <p class="dashboard__figure">{figures.due_soon_count}</p>
                <p>{format!("{} a receber de hoje a 7 dias", Centavos(figures.due_soon_cents))}</p>
            </section>
            <section class="card dashboard__card" aria-labelledby="painel-acesso">
                <h2 id="painel-acesso">"Sem primeiro acesso"</h2>
                <p class="dashboard__figure">{figures.buyers_without_access}</p>
                <p>"Compradores com contrato que ainda não criaram senha."</p>
                <a class="button button--secondary" href="/equipe/pessoas?situacao=sem-acesso">"Ver e convidar"</a>
            </section>
            <section class="card dashboard__card" aria-labelledby="painel-cadastros">
                <h2 id="painel-cadastros">"Cadastros a confirmar"</h2>
                <p class="dashboard__figure">{figures.awaiting_confirmation}</p>
                <p>"Pessoas que se cadastraram pelo site e aguardam a confirmação da equipe antes de receber um contrato."</p>
                <a class="button button--secondary" href="/equipe/pessoas?situacao=confirmar">"Ver cadastros"</a>
            </section>
        </div>
    }
}

/// A figure that needs the team (above zero) stands out.
fn figure_class(count: i64) -> &'static str {
    if count > 0 {
        "dashboard__figure dashboard__figure--alert"
    } else {
        "dashboard__figure"
    }
}

fn plural(count: i64, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}
