use leptos::prelude::*;
use portal::staff::dashboard::DashboardFigures;

use crate::error::AppError;

/// `/equipe`: what waits for the team, within the staff user's empreendimentos.
#[server(endpoint = "equipe/painel")]
pub async fn load_dashboard() -> Result<DashboardFigures, AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    context.portal.staff_dashboard(&staff).await.map_err(crate::api::session::reject)
}
