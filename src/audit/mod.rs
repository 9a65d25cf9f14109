//! The append-only audit trail: who did what, when, from where. Never a secret.

use crate::store::{Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Person(i64),
    Staff(i64),
    /// A partner app, by its key.
    Partner(i64),
    Anonymous,
    System,
}

impl Actor {
    fn kind_and_id(self) -> (&'static str, Option<i64>) {
        match self {
            Self::Person(id) => ("person", Some(id)),
            Self::Staff(id) => ("staff", Some(id)),
            Self::Partner(id) => ("partner", Some(id)),
            Self::Anonymous => ("anonymous", None),
            Self::System => ("system", None),
        }
    }
}

/// One audited action, as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditEvent {
    pub occurred_at: i64,
    pub actor_kind: String,
    pub actor_id: Option<i64>,
    pub action: String,
    pub ip: Option<String>,
    pub detail: String,
}

impl Store {
    pub async fn record_audit(
        &self,
        occurred_at: i64,
        actor: Actor,
        action: &str,
        ip: Option<&str>,
        detail: &str,
    ) -> Result<(), StoreError> {
        self.insert_audit(occurred_at, actor, action, ip, None, detail).await
    }

    /// An event about one record (`subject`: `thread:12`, `person:3`), so the record's own trail
    /// can be listed; `detail` is the before/after summary of what changed, never a secret.
    pub async fn record_audit_about(
        &self,
        occurred_at: i64,
        actor: Actor,
        action: &str,
        ip: Option<&str>,
        subject: &str,
        detail: &str,
    ) -> Result<(), StoreError> {
        self.insert_audit(occurred_at, actor, action, ip, Some(subject), detail).await
    }

    async fn insert_audit(
        &self,
        occurred_at: i64,
        actor: Actor,
        action: &str,
        ip: Option<&str>,
        subject: Option<&str>,
        detail: &str,
    ) -> Result<(), StoreError> {
        let (kind, id) = actor.kind_and_id();
        sqlx::query(
            "INSERT INTO audit_event (occurred_at, actor_kind, actor_id, action, ip, detail, subject) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(occurred_at)
        .bind(kind)
        .bind(id)
        .bind(action)
        .bind(ip)
        .bind(detail)
        .bind(subject)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The events about one record, newest first.
    pub async fn audit_events_about(&self, subject: &str, limit: i64) -> Result<Vec<AuditEvent>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT occurred_at, actor_kind, actor_id, action, ip, detail FROM audit_event \
             WHERE subject = $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(subject)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The newest events first (for the admin area and for tests).
    pub async fn recent_audit_events(&self, limit: i64) -> Result<Vec<AuditEvent>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT occurred_at, actor_kind, actor_id, action, ip, detail FROM audit_event \
             ORDER BY id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }
}

/// An action of the trail in words, for the back office's pages (unknown codes as they are).
pub fn action_label(action: &str) -> &str {
    match action {
        "address_added" => "Endereço incluído",
        "address_changed" => "Endereço alterado",
        "address_removed" => "Endereço removido",
        "api_token_issued" => "Acesso por parceiro (API)",
        "brand_company_set" => "Marca do portal alterada",
        "code_failed" => "Código errado",
        "company_created" => "Empresa cadastrada",
        "company_logo_set" => "Logo da empresa alterado",
        "company_updated" => "Empresa alterada",
        "code_not_sent" => "Código não enviado",
        "code_sent" => "Código enviado",
        "contact_change_requested" => "Troca de contato pedida",
        "contract_correction_set" => "Correção do contrato alterada",
        "contract_created" => "Contrato criado",
        "contract_shares_set" => "Partes do contrato definidas",
        "contract_status_set" => "Situação do contrato alterada",
        "email_change_refused" => "Troca de e-mail recusada",
        "development_block_saved" => "Bloco incluído ou renomeado",
        "development_created" => "Empreendimento criado",
        "development_stages_set" => "Etapas da obra alteradas",
        "development_updated" => "Empreendimento alterado",
        "document_published" => "Documento publicado",
        "document_replaced" => "Arquivo do documento substituído",
        "document_republished" => "Documento publicado de novo",
        "document_unpublished" => "Documento retirado",
        "email_changed" => "E-mail alterado",
        "email_confirmed" => "E-mail confirmado",
        "first_access_invited" => "Convite de primeiro acesso enviado",
        "early_payment_created" => "Antecipação gerada",
        "index_value_saved" => "Índice de correção salvo",
        "installment_updated" => "Parcela alterada",
        "installments_planned" => "Parcelas incluídas",
        "login_failed" => "Entrada recusada",
        "listing_credentials_changed" => "Credenciais de portal de anúncios alteradas",
        "listing_oauth_disconnected" => "Portal de anúncios desconectado (OAuth)",
        "listing_partner_allowed" => "Integrador liberado para os anúncios da empresa",
        "listing_partner_removed" => "Integrador retirado dos anúncios da empresa",
        "listing_portal_released" => "Portal de anúncios liberado para a empresa",
        "login_succeeded" => "Entrou no portal",
        "logout" => "Saiu do portal",
        "message_replied" => "Mensagem respondida",
        "message_thread_closed" => "Conversa encerrada",
        "message_thread_reopened" => "Conversa reaberta",
        "message_thread_started" => "Conversa iniciada",
        "external_origin_added" => "Origem de login externo adicionada",
        "external_origin_removed" => "Origem de login externo removida",
        "partner_consent_given" => "Parceiro autorizado pela pessoa",
        "partner_consent_requested" => "Parceiro pediu autorização",
        "partner_consent_withdrawn" => "Autorização do parceiro retirada pela pessoa",
        "partner_created" => "Parceiro cadastrado",
        "webhook_registered" => "Webhook cadastrado pelo parceiro",
        "webhook_deleted" => "Webhook removido pelo parceiro",
        "webhook_enabled" => "Webhook reativado pela equipe",
        "webhook_disabled" => "Webhook desativado pela equipe",
        "webhook_resent" => "Entrega de webhook reenviada pela equipe",
        "partner_external_login" => "Login externo",
        "partner_feature_added" => "Funcionalidade customizada adicionada",
        "partner_feature_removed" => "Funcionalidade customizada removida",
        "partner_key_rotated" => "Nova chave do parceiro",
        "partner_login_token_issued" => "Token de login emitido",
        "partner_login_used" => "Login via parceiro",
        "partner_pass_key_used" => "chavePasse trocada pelo parceiro",
        "partner_person_linked" => "Pessoa vinculada pela equipe",
        "partner_person_unlinked" => "Pessoa desvinculada pela equipe",
        "partner_revoked" => "Parceiro revogado",
        "partner_token_issued" => "Token de acesso do parceiro emitido",
        "partner_service_opened" => "Funcionalidade do parceiro aberta",
        "partner_updated" => "Parceiro alterado",
        "partner_user_created" => "Pessoa criada pelo parceiro",
        "partner_user_deleted" => "Perfil removido pelo parceiro",
        "password_change_failed" => "Troca de senha recusada",
        "password_changed" => "Senha alterada",
        "person_blocked" => "Acesso bloqueado",
        "person_confirmed" => "Cadastro confirmado",
        "person_created" => "Cadastro criado pela equipe",
        "person_unblocked" => "Acesso desbloqueado",
        "person_updated" => "Dados alterados pela equipe",
        "personal_data_changed" => "Dados alterados",
        "phone_changed" => "Celular alterado",
        "registered" => "Cadastro pelo site",
        "registration_closed" => "Cadastro pelo site fechado",
        "registration_opened" => "Cadastro pelo site aberto",
        "session_ended" => "Sessão encerrada",
        "sessions_ended" => "Sessões encerradas",
        "syndic_login_refused" => "Entrada de síndico recusada",
        "unit_status_set" => "Situação da unidade alterada",
        "unit_updated" => "Unidade alterada",
        "units_created" => "Unidades criadas",
        "works_photo_added" => "Foto da obra publicada",
        "works_photo_removed" => "Foto da obra retirada",
        other => other,
    }
}
