//! `/servicos/:id`: before the buyer goes to a partner's page, what it is and what it receives.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::LoadFailed;
use crate::api::services::{load_my_service, load_my_services, load_service_exit, OpenService};
use crate::error::AppError;

/// `/servicos`: every partner service the buyer can open (the menu names them one by one
/// while there is only one).
#[component]
pub fn ServicesPage() -> impl IntoView {
    let services = Resource::new(|| (), |_| load_my_services());
    let signed_in = expect_context::<crate::CurrentUserResource>();
    view! {
        <Title text="Serviços" />
        <h1>"Serviços"</h1>
        <p class="lead">"Serviços de parceiros da construtora que você abre a partir do portal."</p>
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                if !matches!(signed_in.await, Ok(Some(_))) {
                    return view! { <super::RedirectToLogin /> }.into_any();
                }
                match services.await {
                    Ok(list) if list.is_empty() => view! { <p>"Nenhum serviço de parceiro disponível no momento."</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="session-list" role="list">
                            {list.into_iter().map(|service| view! {
                                <li class="card session">
                                    <div>
                                        <h2 class="session__device">{service.name.clone()}</h2>
                                        <p class="muted">{format!("{} · {} · recebe: {}", service.partner, service.host, service.fields.join(", "))}</p>
                                    </div>
                                    <a class="button button--secondary" href=format!("/servicos/{}", service.id)>"Abrir"</a>
                                </li>
                            }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                    Err(error) => view! { <LoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn ServicePage() -> impl IntoView {
    let params = use_params_map();
    let service = Resource::new(
        move || params.read().get("id").and_then(|id| id.parse::<i64>().ok()),
        |id| async move {
            match id {
                Some(id) => load_my_service(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let open = ServerAction::<OpenService>::new();
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                match service.await {
                    Ok(service) => view! {
                        <Title text=service.name.clone() />
                        <section class="auth-card" aria-labelledby="titulo-servico">
                            <h1 id="titulo-servico">{service.name.clone()}</h1>
                            <p class="lead">{format!("Este serviço é oferecido por {}, em {}.", service.partner, service.host)}</p>
                            <p>"Ao continuar, você sai do portal e o parceiro recebe, uma única vez:"</p>
                            <ul class="plain-list">
                                {service.fields.iter().map(|field| view! { <li>{field.clone()}</li> }).collect_view()}
                            </ul>
                            <p class="muted">"Nada mais é compartilhado: nem sua senha, nem seus boletos ou documentos."</p>
                            <ActionForm action=open>
                                <input type="hidden" name="id" value=service.id />
                                <button type="submit" class="button button--primary">{format!("Continuar para {}", service.host)}</button>
                            </ActionForm>
                            <p class="auth-card__alt"><a href="/meu-imovel">"Voltar ao portal"</a></p>
                        </section>
                    }
                    .into_any(),
                    Err(error) => view! { <LoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/servicos/:id/ir?chave=`: sends the browser on to the partner with its pass key (a refresh
/// works without JavaScript), with a link in case it does not.
#[component]
pub fn ServiceExitPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let exit = Resource::new(
        move || (params.read().get("id").and_then(|id| id.parse::<i64>().ok()), query.read().get("chave")),
        |(id, draft)| async move {
            match (id, draft) {
                (Some(id), Some(draft)) => load_service_exit(id, draft).await,
                _ => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                match exit.await {
                    Ok((service, Some(url))) => view! {
                        <Title text=service.name.clone() />
                        <Meta http_equiv="refresh" content=format!("0; url={url}") />
                        <section class="auth-card" aria-labelledby="titulo-ida">
                            <h1 id="titulo-ida">{format!("Abrindo {}…", service.name)}</h1>
                            <p class="lead">{format!("Você está indo para {}.", service.host)}</p>
                            <p><a class="button button--primary" href=url>"Abrir agora"</a></p>
                        </section>
                    }
                    .into_any(),
                    Ok((service, None)) => view! {
                        <Title text=service.name.clone() />
                        <section class="auth-card" aria-labelledby="titulo-ida">
                            <h1 id="titulo-ida">{service.name.clone()}</h1>
                            <p class="lead">"Este acesso já foi usado ou expirou: cada um vale uma vez."</p>
                            <p><a class="button button--primary" href=format!("/servicos/{}", service.id)>"Abrir de novo"</a></p>
                        </section>
                    }
                    .into_any(),
                    Err(error) => view! { <LoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
