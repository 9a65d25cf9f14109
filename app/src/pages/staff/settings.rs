use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use portal::staff::PortalSettingsView;

use super::StaffLoadFailed;
use crate::api::staff::settings::{load_settings, ChangeSetting};
use crate::components::status::{Alert, Badge};
use crate::error::AppError;

/// `/equipe/configuracoes`: open registration, and the e-mails and SMS that did not go.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let query = use_query_map();
    let settings = Resource::new(|| (), |_| load_settings());
    view! {
        <Title text="Configurações · Equipe" />
        <h1>"Configurações"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                let query = query.read_untracked().clone();
                let notice = [
                    ("cadastro-aberto", "Cadastro pelo site aberto."),
                    ("cadastro-fechado", "Cadastro pelo site fechado: a página explica o primeiro acesso."),
                    ("reenviada", "Mensagem de volta à fila de envio."),
                ]
                .into_iter()
                .find(|(key, _)| query.get(key).is_some())
                .map(|(_, text)| ("success", text.to_string()))
                .or_else(|| query.get("erro").as_deref().and_then(AppError::from_code).map(|error| ("error", error.to_string())));
                match settings.await {
                    Ok(settings) => view! { <Settings settings notice /> }.into_any(),
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Settings(settings: PortalSettingsView, notice: Option<(&'static str, String)>) -> impl IntoView {
    let change = ServerAction::<ChangeSetting>::new();
    let open = settings.registration_open;
    view! {
        {notice.map(|(tone, message)| view! { <Alert tone message /> })}
        <super::companies::CompaniesSection />
        <section class="card" aria-labelledby="titulo-parceiros">
            <h2 id="titulo-parceiros">"Parceiros"</h2>
            <div class="staff-steps">
                <p>"Sites, chatbots e sistemas que abrem o portal pelos compradores: chaves de API, permissões e quem cada um pode abrir."</p>
                <a class="button button--secondary" href="/equipe/parceiros">"Gerenciar parceiros"</a>
            </div>
        </section>
        <section class="card" aria-labelledby="titulo-anuncios">
            <h2 id="titulo-anuncios">"Anúncios"</h2>
            <div class="staff-steps">
                <p>"Portais imobiliários (ZAP Imóveis e VivaReal, Chaves na Mão) que publicam as unidades disponíveis de cada empresa: credenciais, feed e integradores."</p>
                <a class="button button--secondary" href="/equipe/anuncios">"Gerenciar anúncios"</a>
            </div>
        </section>
        <section class="card" aria-labelledby="titulo-cadastro">
            <h2 id="titulo-cadastro">"Cadastro pelo site"</h2>
            <div class="staff-steps">
                <p>
                    {if open {
                        "Aberto: qualquer pessoa pode se cadastrar em /cadastro (e a equipe confirma antes de vincular um contrato)."
                    } else {
                        "Fechado: só entra quem a construtora cadastrou, pelo primeiro acesso."
                    }}
                </p>
                <ActionForm action=change>
                    <input type="hidden" name="action" value=if open { "fechar-cadastro" } else { "abrir-cadastro" } />
                    <button type="submit" class=if open { "button button--secondary" } else { "button button--primary" }>
                        {if open { "Fechar o cadastro" } else { "Abrir o cadastro" }}
                    </button>
                </ActionForm>
            </div>
        </section>
        <section class="card" aria-labelledby="titulo-saida">
            <h2 id="titulo-saida">"E-mails e SMS não enviados"</h2>
            <p class="muted">"Falhou: o servidor de e-mail ou SMS recusou (tentado até 8 vezes). Retida: não há transporte configurado para o canal. Códigos de acesso ficam ocultos."</p>
            {if settings.stuck.is_empty() {
                view! { <p>"Nenhuma mensagem parada."</p> }.into_any()
            } else {
                view! {
                    <table class="staff-table">
                        <thead><tr><th scope="col">"Para"</th><th scope="col">"Assunto"</th><th scope="col">"Situação"</th><th scope="col">"Criada em"</th><th scope="col">"Ação"</th></tr></thead>
                        <tbody>
                            {settings.stuck.into_iter().map(|message| {
                                let failed = message.status == "falhou";
                                view! {
                                    <tr>
                                        <td data-rotulo="Para">{format!("{} · {}", message.channel, message.destination)}</td>
                                        <td data-rotulo="Assunto">{message.subject}</td>
                                        <td data-rotulo="Situação">
                                            <Badge tone=if failed { "danger" } else { "muted" }>{if failed { "Falhou" } else { "Retida" }}</Badge>
                                            {message.last_error.map(|error| view! { <br /><span class="muted">{error}</span> })}
                                        </td>
                                        <td data-rotulo="Criada em" class="nowrap">{message.created_at}</td>
                                        <td data-rotulo="Ação">
                                            {if failed {
                                                view! {
                                                    <ActionForm action=change>
                                                        <input type="hidden" name="action" value="reenviar" />
                                                        <input type="hidden" name="id" value=message.id />
                                                        <button type="submit" class="button button--secondary">"Tentar de novo"</button>
                                                    </ActionForm>
                                                }
                                                .into_any()
                                            } else {
                                                view! { <span class="muted">"Configure o transporte do canal"</span> }.into_any()
                                            }}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
            }}
        </section>
    }
}
