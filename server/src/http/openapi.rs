//! The OpenAPI 3.1 document of `/api/v1` and of the partner routes (seeds 002, 003 and 004),
//! built from the routers themselves (utoipa-axum), served at `/api/v1/openapi.json` and read
//! by people at `/api/v1/referencia`.

use std::sync::Arc;

use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::OpenApi as Document;
use utoipa::{Modify, OpenApi};

use super::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Portal do Cliente: API de parceiros",
        version = "1",
        description = "A API JSON do portal para parceiros (chatbots, outros portais, ERPs e \
            integradores de anúncios). As rotas sob `/api/v1` agem em nome de um comprador, com o \
            token que `/api/v1/autenticacao` (ou outra forma de entrada) devolve; as rotas dos \
            parceiros usam a chave de API que a construtora criou em Configurações → Parceiros. \
            Todo valor em dinheiro vem em centavos (inteiro); datas em `aaaa-mm-dd`. Todo erro de \
            `/api/v1` tem a forma `{\"erro\": {\"codigo\", \"mensagem\"}}`; acima do limite de \
            requisições a resposta é 429 com `Retry-After`.",
        license(name = "Uso pelos parceiros da construtora"),
    ),
    tags(
        (name = "Autenticação", description = "Entrar, códigos de uso único, senha e sair."),
        (name = "Cadastro e conta", description = "Cadastro aberto e as rotas de conta da seed 001."),
        (name = "Meu Imóvel", description = "Contratos, empreendimentos, unidades e fotos da obra."),
        (name = "Financeiro", description = "Boletos, PIX e 2ª via."),
        (name = "Documentos"),
        (name = "Mensagens", description = "Conversas do comprador com a construtora."),
        (name = "Meus dados"),
        (name = "Parceiros: login externo", description = "Entrada com uma asserção assinada pela origem."),
        (name = "Parceiros: token de acesso", description = "Chave de API por token de 15 minutos."),
        (name = "Parceiros: login remoto (seed 003)"),
        (name = "Parceiros: chave de passe (seed 002)"),
        (name = "Parceiros: anúncios (seed 004)"),
        (name = "Parceiros: webhooks", description = "Endpoints do parceiro para os eventos do portal. Cada \
            entrega é um POST JSON `{\"id\", \"tipo\", \"criado_em\", \"dados\"}` que leva só ids, assinado \
            como o padrão Standard Webhooks: cabeçalhos `webhook-id` (o mesmo em cada tentativa), \
            `webhook-timestamp` e `webhook-signature` = `v1,` + base64(HMAC-SHA256(segredo, \
            `id.timestamp.corpo`)). Recuse assinaturas inválidas e timestamps com mais de 5 minutos. \
            Responda 2xx em até 10 segundos; senão a entrega é tentada de novo (30 s, 1, 2, 4… até 1 h \
            entre tentativas, 12 tentativas)."),
    ),
    modifiers(&SecuritySchemes),
)]
struct PartnerApi;

struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, document: &mut Document) {
        let components = document.components.get_or_insert_with(Default::default);
        let bearer = |format: &str, description: &str| {
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format(format)
                    .description(Some(description))
                    .build(),
            )
        };
        components.add_security_scheme(
            "comprador",
            bearer("JWT", "O token do comprador, de /api/v1/autenticacao ou das outras entradas."),
        );
        components.add_security_scheme(
            "parceiro",
            bearer(
                "chave de API ou token de acesso",
                "A chave de API do parceiro (pk_…) ou, nas rotas de anúncios, o token de \
                 POST /api/v1/parceiro/token.",
            ),
        );
        components.add_security_scheme(
            "chave_de_api",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "Authorization",
                "A chave de API do parceiro, só ela (como a seed 002) ou depois de `Bearer `.",
            ))),
        );
        components.add_security_scheme(
            "sessao_equipe",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                "portal_equipe",
                "A sessão de um administrador no back office (`__Host-portal_equipe` em HTTPS).",
            ))),
        );
    }
}

/// The whole document: `/api/v1`'s paths under their prefix, and the partner routes at theirs.
pub fn document(api_v1: Document, partner_routes: Document) -> Document {
    let mut document = PartnerApi::openapi().nest("/api/v1", api_v1);
    document.merge(partner_routes);
    document
}

/// `/openapi.json` and `/referencia`, to nest under `/api/v1`.
pub fn routes(document: &Document, stylesheet_href: &str) -> Router<AppState> {
    let json: Arc<str> = document.to_pretty_json().unwrap_or_default().into();
    let page: Arc<str> = super::api_reference::page(document, stylesheet_href).into();
    Router::new()
        .route(
            "/openapi.json",
            get(move || {
                let json = json.clone();
                async move {
                    ([(CONTENT_TYPE, "application/json"), (CACHE_CONTROL, "no-cache")], json.to_string())
                        .into_response()
                }
            }),
        )
        .route(
            "/referencia",
            get(move || {
                let page = page.clone();
                async move {
                    (
                        [(CONTENT_TYPE, "text/html; charset=utf-8"), (CACHE_CONTROL, "no-cache")],
                        page.to_string(),
                    )
                        .into_response()
                }
            }),
        )
}
