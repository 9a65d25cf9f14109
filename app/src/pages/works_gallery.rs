use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::my_property::PhotoGrid;
use super::LoadFailed;
use crate::api::property::load_works_gallery;
use crate::error::AppError;

/// `/meu-imovel/empreendimentos/:id/fotos`: every dated photo of the works, newest first. An
/// empreendimento the buyer does not buy in is a 404.
#[component]
pub fn WorksGalleryPage() -> impl IntoView {
    let params = use_params_map();
    let gallery = Resource::new(
        move || params.read().get("id").and_then(|id| id.parse::<i64>().ok()),
        |id| async move {
            match id {
                Some(id) => load_works_gallery(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Carregando fotos…"</p> }>
            {move || Suspend::new(async move {
                match gallery.await {
                    Ok(gallery) => {
                        let title = format!("Fotos da obra · {}", gallery.development_name);
                        let count = match gallery.photos.len() {
                            0 => "A construtora ainda não publicou fotos desta obra.".to_string(),
                            1 => "1 foto, da mais recente para a mais antiga.".to_string(),
                            count => format!("{count} fotos, da mais recente para a mais antiga."),
                        };
                        view! {
                            <Title text=title.clone() />
                            <p class="breadcrumb"><a href="/meu-imovel">"← Meu Imóvel"</a></p>
                            <h1>{title}</h1>
                            <p class="muted">{count}</p>
                            <PhotoGrid photos=gallery.photos />
                        }
                        .into_any()
                    }
                    Err(error) => view! { <LoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
