//! Seed 000 `GET/POST /mensagem`: the caller's conversations with the company. A message is
//! JSON (text only) or `multipart/form-data` with files under `anexos`, checked by the same
//! allow-list and limits as the portal's own form.

use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use portal::messages::{Attachment, MessageError, MessageView};
use serde::{Deserialize, Serialize};

use super::error::{body, ApiError, BuyerRefusals, ErrorBody, Refusals};
use super::extract::{record_id, ApiQuery, Caller, Listed, PageQuery, Paged};
use crate::http::messages::{read_form, MessageFields};
use crate::http::AppState;
use utoipa::ToSchema;

/// The names of a multipart message's parts, in the seed's Portuguese like the JSON fields.
const API_FIELDS: MessageFields =
    MessageFields { subject: "assunto", body: "mensagem", contract: "contrato_id", files: "anexos" };

impl From<MessageError> for ApiError {
    fn from(error: MessageError) -> Self {
        match error {
            MessageError::NotFound => Self::not_found(),
            MessageError::Invalid(reason) => invalid_message(reason),
            MessageError::Store(store) => portal::auth::AuthError::Store(store).into(),
            MessageError::Storage(error) => {
                tracing::error!(%error, "file storage failure in the partner API");
                Self::unavailable()
            }
        }
    }
}

fn invalid_message(reason: String) -> ApiError {
    ApiError { message: reason, ..ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "mensagem_invalida", "") }
}

impl Listed for ThreadSummaryAnswer {
    const LIST: &'static str = "mensagens";
}

#[derive(Serialize, ToSchema)]
pub(super) struct ThreadSummaryAnswer {
    id: i64,
    assunto: String,
    situacao: &'static str,
    nao_lidas: i64,
    contrato: Option<String>,
    atualizada_em: String,
}

#[utoipa::path(get, path = "/mensagem", summary = "As conversas da pessoa com a construtora, das mais recentes.", tag = "Mensagens", security(("comprador" = [])), params(PageQuery),
    responses((status = 200, description = "Uma página das conversas, das mais recentes", body = Paged<ThreadSummaryAnswer>),
        BuyerRefusals, Refusals))]
/// The caller's conversations with the company, newest first.
pub(super) async fn threads(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> Result<Json<Paged<ThreadSummaryAnswer>>, ApiError> {
    let page = query.page();
    let threads = state.portal.my_thread_page(user.person_id, page).await?;
    let answers = threads.map(|thread| ThreadSummaryAnswer {
        id: thread.id,
        assunto: thread.subject,
        situacao: thread.status.label(),
        nao_lidas: thread.unread,
        contrato: thread.contract_number,
        atualizada_em: thread.updated_at,
    });
    Ok(Json(Paged::new(page, answers)))
}

#[derive(Serialize, ToSchema)]
pub(super) struct ThreadAnswer {
    id: i64,
    assunto: String,
    situacao: &'static str,
    contrato: Option<String>,
    mensagens: Vec<MessageAnswer>,
}

#[derive(Serialize, ToSchema)]
struct MessageAnswer {
    autor: String,
    da_construtora: bool,
    texto: String,
    enviada_em: String,
    anexos: Vec<AttachmentAnswer>,
}

#[derive(Serialize, ToSchema)]
struct AttachmentAnswer {
    id: i64,
    nome: String,
    tamanho_bytes: i64,
    download: String,
}

impl MessageAnswer {
    fn of(message: MessageView) -> Self {
        let anexos = message
            .attachments
            .into_iter()
            .map(|file| AttachmentAnswer {
                download: format!("/api/v1/mensagem/anexo/{}", file.id),
                id: file.id,
                nome: file.file_name,
                tamanho_bytes: file.size_bytes,
            })
            .collect();
        Self {
            autor: message.author,
            da_construtora: message.from_staff,
            texto: message.body,
            enviada_em: message.sent_at,
            anexos,
        }
    }
}

#[utoipa::path(get, path = "/mensagem/{id}", summary = "Uma conversa com as mensagens (as respostas da equipe ficam lidas).", tag = "Mensagens", security(("comprador" = [])),
    params(("id" = i64, Path, description = "O id da conversa")),
    responses((status = 200, description = "A conversa", body = ThreadAnswer),
        BuyerRefusals, Refusals))]
/// One conversation with its messages (staff answers become read).
pub(super) async fn thread(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
) -> Result<Json<ThreadAnswer>, ApiError> {
    let detail = state.portal.my_thread(user.person_id, record_id(&id)?).await?;
    Ok(Json(ThreadAnswer {
        id: detail.id,
        assunto: detail.subject,
        situacao: detail.status.label(),
        contrato: detail.contract_number,
        mensagens: detail.messages.into_iter().map(MessageAnswer::of).collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
struct JsonMessage {
    /// Required to start a conversation; ignored in a reply.
    #[serde(default)]
    #[schema(max_length = 120)]
    assunto: String,
    #[schema(min_length = 1, max_length = 5000)]
    mensagem: String,
    /// The id of one of the caller's contracts the conversation is about.
    #[serde(default)]
    contrato_id: Option<i64>,
}

/// A reply: only `mensagem` is read.
#[derive(ToSchema)]
#[allow(dead_code)] // Only its shape is read, by the OpenAPI document.
struct JsonReply {
    #[schema(min_length = 1, max_length = 5000)]
    mensagem: String,
}

/// A message with files, as `multipart/form-data`.
#[derive(ToSchema)]
#[allow(dead_code)] // Only its shape is read, by the OpenAPI document.
struct MultipartMessage {
    #[schema(max_length = 120)]
    assunto: Option<String>,
    #[schema(min_length = 1, max_length = 5000)]
    mensagem: String,
    contrato_id: Option<String>,
    /// Up to 3 files (PDF, JPEG, PNG or WebP), 10 MB each.
    #[schema(value_type = Vec<String>, format = Binary)]
    anexos: Vec<Vec<u8>>,
}

/// A message as the partner sent it, JSON or multipart.
pub(super) struct MessageRequest {
    subject: String,
    body: String,
    contract_id: Option<i64>,
    files: Vec<Attachment>,
}

impl<S: Send + Sync> FromRequest<S> for MessageRequest {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let multipart = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.starts_with("multipart/form-data"));
        if !multipart {
            let message: JsonMessage = body(Json::from_request(request, state).await)?;
            return Ok(Self {
                subject: message.assunto,
                body: message.mensagem,
                contract_id: message.contrato_id,
                files: Vec::new(),
            });
        }
        let parts = Multipart::from_request(request, state).await.map_err(|rejection| {
            ApiError::bad_request(format!("Corpo multipart inválido: {}", rejection.body_text()))
        })?;
        let form = read_form(parts, &API_FIELDS).await.map_err(invalid_message)?;
        let contract_id = match form.contract.trim() {
            "" => None,
            number => Some(number.parse().map_err(|_| {
                invalid_message("contrato_id deve ser o número (id) de um dos seus contratos.".into())
            })?),
        };
        Ok(Self { subject: form.subject, body: form.body, contract_id, files: form.files })
    }
}

#[derive(Serialize, ToSchema)]
pub(super) struct Created {
    id: i64,
    link: String,
}

#[utoipa::path(post, path = "/mensagem", summary = "Começa uma conversa, com arquivos se enviada como multipart.", tag = "Mensagens", security(("comprador" = [])),
    request_body(content((JsonMessage = "application/json"), (MultipartMessage = "multipart/form-data"))),
    responses((status = 201, description = "Conversa criada", body = Created),
        (status = 413, description = "Corpo acima do limite (`corpo_grande_demais`)", body = ErrorBody),
        (status = 422, description = "Mensagem ou anexo recusado (`mensagem_invalida`)", body = ErrorBody),
        BuyerRefusals, Refusals))]
/// Starts a conversation, with files if sent as multipart (201 with its id).
pub(super) async fn new_message(
    State(state): State<AppState>,
    Caller(user): Caller,
    request: MessageRequest,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let id = state
        .portal
        .start_thread(user.person_id, request.contract_id, &request.subject, &request.body, &request.files)
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id, link: format!("/api/v1/mensagem/{id}") })))
}

#[utoipa::path(post, path = "/mensagem/{id}", summary = "Responde numa conversa da pessoa, com arquivos se enviada como multipart.", tag = "Mensagens", security(("comprador" = [])),
    params(("id" = i64, Path, description = "O id da conversa")),
    request_body(content((JsonReply = "application/json"), (MultipartMessage = "multipart/form-data"))),
    responses((status = 201, description = "Resposta enviada"),
        (status = 413, description = "Corpo acima do limite (`corpo_grande_demais`)", body = ErrorBody),
        (status = 422, description = "Mensagem ou anexo recusado (`mensagem_invalida`)", body = ErrorBody),
        BuyerRefusals, Refusals))]
/// Answers in one of the caller's conversations, with files if sent as multipart.
pub(super) async fn reply_message(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
    request: MessageRequest,
) -> Result<StatusCode, ApiError> {
    state.portal.reply_to_thread(user.person_id, record_id(&id)?, &request.body, &request.files).await?;
    Ok(StatusCode::CREATED)
}

#[utoipa::path(get, path = "/mensagem/anexo/{id}", summary = "Baixa um arquivo de uma conversa da pessoa; o de outra pessoa é 404.", tag = "Mensagens", security(("comprador" = [])),
    params(("id" = i64, Path, description = "O id do anexo")),
    responses((status = 200, description = "O arquivo: PDF, JPEG, PNG ou WebP",
            content((Vec<u8> = "application/pdf"), (Vec<u8> = "image/jpeg"), (Vec<u8> = "image/png"), (Vec<u8> = "image/webp")),
            headers(("Content-Disposition" = String, description = "attachment; filename=…"))),
        BuyerRefusals, Refusals))]
/// Downloads a file of one of the caller's conversations; anyone else's is 404.
pub(super) async fn attachment(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let file = state.portal.my_attachment(user.person_id, record_id(&id)?).await?;
    Ok(crate::http::files::attachment_of(&file))
}
