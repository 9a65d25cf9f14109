use leptos::prelude::*;
use portal::people::{PeopleList, PersonDetail, PersonFormDraft};

use crate::error::AppError;

/// The draft form name of a refused person form.
#[cfg(feature = "ssr")]
const PERSON_FORM_DRAFT: &str = "equipe-pessoa";

/// One page of people (`/equipe/pessoas?busca=&situacao=&pagina=`).
#[server(endpoint = "equipe/pessoas")]
pub async fn load_people(
    search: Option<String>,
    situation: Option<String>,
    order: Option<String>,
    page: Option<String>,
) -> Result<PeopleList, AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    let filter = portal::people::PeopleFilter {
        search: search.unwrap_or_default().chars().take(100).collect(),
        situation: situation.unwrap_or_default(),
        order: order.unwrap_or_default(),
        page: page.and_then(|page| page.parse().ok()).unwrap_or(1),
    };
    context.portal.staff_people(&staff, &filter).await.map_err(crate::api::session::reject)
}

/// A person's page.
#[server(endpoint = "equipe/pessoa")]
pub async fn load_person(id: i64) -> Result<PersonDetail, AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    context.portal.staff_person(&staff, id).await.map_err(crate::api::session::reject)
}

/// A refused person form, for the staff session that sent it (`None` without one); refused
/// for a role that may not change people, so the form pages say so.
#[server(endpoint = "equipe/pessoa-rascunho")]
pub async fn load_person_draft(id: Option<String>) -> Result<Option<PersonFormDraft>, AppError> {
    use crate::api::session::{reject, request_parts};
    let (staff, context) = super::session::staff_and_context().await?;
    if !staff.may(portal::staff::Permission::EditPeople) {
        return Err(reject(AppError::Forbidden));
    }
    let Some(id) = id else { return Ok(None) };
    let parts = request_parts()?;
    let owner = context.session_cookie.staff_draft_owner(&parts.headers);
    context.portal.draft(PERSON_FORM_DRAFT, &id, owner.as_deref()).await.map_err(reject)
}

/// The form's fields, with seed 001's names (the same as open registration's).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct PersonFields {
    #[serde(default)]
    pub legal_personality: String,
    pub name1: String,
    #[serde(default)]
    pub name2: String,
    #[serde(default)]
    pub document1: String,
    #[serde(default)]
    pub document2: String,
    #[serde(default)]
    pub date_of_birth: String,
    #[serde(default)]
    pub gender: String,
    pub email: String,
    #[serde(default)]
    pub telephone_ddd: String,
    #[serde(default)]
    pub telephone_number: String,
}

#[cfg(feature = "ssr")]
impl PersonFields {
    fn form(&self) -> portal::registration::RegistrationForm {
        portal::registration::RegistrationForm {
            legal_personality: self.legal_personality.clone(),
            name1: self.name1.clone(),
            name2: self.name2.clone(),
            document1: self.document1.clone(),
            document2: self.document2.clone(),
            date_of_birth: self.date_of_birth.clone(),
            gender: self.gender.clone(),
            email: self.email.clone(),
            telephone_ddd: self.telephone_ddd.clone(),
            telephone_number: self.telephone_number.clone(),
            ..Default::default()
        }
    }
}

/// After a refusal: keeps the form for this staff session and sends the browser back to it.
#[cfg(feature = "ssr")]
async fn refused(
    context: &crate::context::ServerContext,
    page: &str,
    form: portal::registration::RegistrationForm,
    error: portal::staff::StaffError,
) -> AppError {
    use crate::api::session::{fail_form, request_parts};
    let Ok(parts) = request_parts() else { return AppError::Unavailable };
    let portal::staff::StaffError::Fields(errors) = error else {
        return fail_form(error, &parts, |error| format!("{page}?erro={}", error.code()));
    };
    let Some(owner) = context.session_cookie.staff_draft_owner(&parts.headers) else {
        return AppError::Unauthenticated;
    };
    let draft = PersonFormDraft { form, errors: errors.into_iter().collect() };
    match context.portal.keep_draft(PERSON_FORM_DRAFT, &owner, &draft).await {
        Ok(id) => fail_form(AppError::InvalidForm, &parts, |_| format!("{page}?rascunho={id}")),
        Err(error) => crate::api::session::reject(error),
    }
}

/// Registers a person (PF or PJ) with the rules of open registration, without a password.
#[server(endpoint = "equipe/pessoa-nova")]
pub async fn create_person(person: PersonFields) -> Result<(), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    let form = person.form();
    match context.portal.create_person(&staff, &form).await {
        Ok(id) => {
            leptos_axum::redirect(&format!("/equipe/pessoas/{id}?criada=1"));
            Ok(())
        }
        Err(error) => Err(refused(&context, "/equipe/pessoas/nova", form, error).await),
    }
}

/// Changes a person's data (not the kind or the CPF/CNPJ).
#[server(endpoint = "equipe/pessoa-editar")]
pub async fn update_person(id: i64, person: PersonFields) -> Result<(), AppError> {
    let (staff, context) = super::session::staff_and_context().await?;
    let form = person.form();
    match context.portal.update_person(&staff, id, &form).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("/equipe/pessoas/{id}?salva=1"));
            Ok(())
        }
        Err(error) => Err(refused(&context, &format!("/equipe/pessoas/{id}/editar"), form, error).await),
    }
}

/// `confirmar`, `bloquear`, `desbloquear`, `convidar-email` or `convidar-sms`.
#[server(endpoint = "equipe/pessoa-acao")]
pub async fn person_action(id: i64, action: String) -> Result<(), AppError> {
    use crate::api::session::{fail_form, reject, request_parts};
    use portal::notifications::Channel;
    let (staff, context) = super::session::staff_and_context().await?;
    let parts = request_parts()?;
    let portal = &context.portal;
    let (result, done) = match action.as_str() {
        "confirmar" => (portal.confirm_person(&staff, id).await, "confirmada"),
        "bloquear" => (portal.set_person_blocked(&staff, id, true).await, "bloqueada"),
        "desbloquear" => (portal.set_person_blocked(&staff, id, false).await, "desbloqueada"),
        "convidar-email" => (portal.invite_to_first_access(&staff, id, Channel::Email).await, "convidada"),
        "convidar-sms" => (portal.invite_to_first_access(&staff, id, Channel::Sms).await, "convidada"),
        _ => return Err(reject(AppError::BadRequest)),
    };
    let page = format!("/equipe/pessoas/{id}");
    match result {
        Ok(()) => {
            leptos_axum::redirect(&format!("{page}?{done}=1"));
            Ok(())
        }
        Err(portal::staff::StaffError::Invalid(sentence)) => {
            let code = if sentence.contains("celular") { "sem-celular" } else { "bloqueada" };
            Err(fail_form(AppError::InvalidForm, &parts, |_| format!("{page}?aviso={code}")))
        }
        Err(error) => Err(fail_form(error, &parts, |error| format!("{page}?erro={}", error.code()))),
    }
}
