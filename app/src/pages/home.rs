use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::CurrentUserResource;

/// `/` sends buyers to their property and everyone else to the login page.
#[component]
pub fn HomePage() -> impl IntoView {
    let user = expect_context::<CurrentUserResource>();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let target = match user.await {
                    Ok(Some(_)) => "/meu-imovel",
                    _ => "/entrar",
                };
                view! { <Redirect path=target /> }
            })}
        </Suspense>
    }
}
