//! Staff keep the origens of a partner's external login on its page: the `{origem}` name,
//! issuer, audience, pinned algorithm and the public key or JWKS that checks its assertions.

use jsonwebtoken::jwk::JwkSet;
use sqlx::FromRow;

use super::admin::subject_of;
use super::external::{algorithm_of, decoding_key, key_fits};
use super::model::{ExternalOriginForm, ExternalOriginRow};
use crate::records::rules::{refuse, FieldErrors};
use crate::staff::{CurrentStaff, Permission, StaffError};
use crate::store::{is_unique_violation, Store, StoreError};
use crate::Portal;

#[derive(Debug, FromRow)]
struct OriginRow {
    id: i64,
    slug: String,
    issuer: String,
    audience: String,
    algorithm: String,
    key_text: String,
}

/// What the key is, in words; an error when it cannot check assertions of `algorithm`.
fn key_kind(key_text: &str, algorithm: jsonwebtoken::Algorithm) -> Result<String, &'static str> {
    let text = key_text.trim();
    if !text.starts_with('{') {
        decoding_key(text, algorithm, None)?;
        return Ok("Chave PEM".into());
    }
    let set: JwkSet =
        serde_json::from_str(text).map_err(|_| "JWKS inválido: cole o documento JSON {\"keys\": [...]}.")?;
    let usable = set
        .keys
        .iter()
        .filter(|jwk| key_fits(&jwk.algorithm, algorithm))
        .filter(|jwk| jsonwebtoken::DecodingKey::from_jwk(jwk).is_ok())
        .count();
    match usable {
        0 => Err("O JWKS não tem chave válida para o algoritmo escolhido."),
        1 => Ok("JWKS (1 chave)".into()),
        n => Ok(format!("JWKS ({n} chaves; a asserção escolhe pelo kid)")),
    }
}

fn row_of(record: OriginRow) -> ExternalOriginRow {
    let kind = algorithm_of(&record.algorithm)
        .and_then(|algorithm| key_kind(&record.key_text, algorithm).ok())
        .unwrap_or_else(|| "Chave inválida".into());
    ExternalOriginRow {
        id: record.id,
        slug: record.slug,
        issuer: record.issuer,
        audience: record.audience,
        algorithm: record.algorithm,
        key_kind: kind,
    }
}

impl Portal {
    pub(crate) async fn external_origins_of(
        &self,
        partner_id: i64,
    ) -> Result<Vec<ExternalOriginRow>, StoreError> {
        let rows: Vec<OriginRow> = sqlx::query_as(
            "SELECT id, slug, issuer, audience, algorithm, key_text FROM external_origin \
             WHERE partner_id = $1 AND removed_at IS NULL ORDER BY slug",
        )
        .bind(partner_id)
        .fetch_all(&self.store.pool)
        .await?;
        Ok(rows.into_iter().map(row_of).collect())
    }

    /// Adds an origem to a partner (admin only); each broken rule under its field.
    pub async fn add_external_origin(
        &self,
        staff: &CurrentStaff,
        partner_id: i64,
        form: &ExternalOriginForm,
    ) -> Result<(), StaffError> {
        staff.require(Permission::ManageSettings)?;
        self.store.partner_record(partner_id).await?.ok_or(StaffError::NotFound)?;
        let mut errors = FieldErrors::new();
        let slug = form.slug.trim().to_lowercase();
        let slug_ok = (2..=40).contains(&slug.len())
            && slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !slug.starts_with('-');
        if !slug_ok {
            refuse(
                &mut errors,
                "slug",
                "De 2 a 40 letras minúsculas, números ou hífens, como site-construtora.",
            );
        }
        for (field, value, what) in
            [("issuer", &form.issuer, "o emissor (iss)"), ("audience", &form.audience, "a audiência (aud)")]
        {
            if value.trim().is_empty() || value.trim().chars().count() > 200 {
                refuse(&mut errors, field, &format!("Informe {what}, até 200 caracteres."));
            }
        }
        match algorithm_of(&form.algorithm) {
            None => refuse(&mut errors, "algorithm", "Escolha EdDSA ou RS256."),
            Some(algorithm) => {
                if let Err(message) = key_kind(&form.key_text, algorithm) {
                    refuse(&mut errors, "key_text", message);
                }
            }
        }
        if form.key_text.len() > 20_000 {
            refuse(&mut errors, "key_text", "Chave ou JWKS grande demais.");
        }
        if !errors.is_empty() {
            return Err(StaffError::Fields(errors));
        }
        let inserted = self
            .store
            .insert_external_origin(
                partner_id,
                &slug,
                form.issuer.trim(),
                form.audience.trim(),
                &form.algorithm,
                form.key_text.trim(),
                self.now(),
            )
            .await;
        match inserted {
            Ok(()) => {}
            Err(error) if is_unique_violation(&error) => {
                refuse(&mut errors, "slug", "Já existe uma origem com este nome.");
                return Err(StaffError::Fields(errors));
            }
            Err(error) => return Err(error.into()),
        }
        let detail = format!(
            "{slug} · iss {} · aud {} · {}",
            form.issuer.trim(),
            form.audience.trim(),
            form.algorithm
        );
        self.store
            .record_audit_about(
                self.now(),
                staff.actor(),
                "external_origin_added",
                staff.ip.as_deref(),
                &subject_of(partner_id),
                &detail,
            )
            .await?;
        Ok(())
    }

    /// Removes an origem: its assertions stop working at once.
    pub async fn remove_external_origin(
        &self,
        staff: &CurrentStaff,
        partner_id: i64,
        id: i64,
    ) -> Result<(), StaffError> {
        staff.require(Permission::ManageSettings)?;
        let removed: Option<(String,)> = sqlx::query_as(
            "UPDATE external_origin SET removed_at = $3 WHERE id = $1 AND partner_id = $2 AND removed_at IS NULL RETURNING slug",
        )
        .bind(id)
        .bind(partner_id)
        .bind(self.now())
        .fetch_optional(&self.store.pool)
        .await
        .map_err(StoreError::from)?;
        let (slug,) = removed.ok_or(StaffError::NotFound)?;
        self.store
            .record_audit_about(
                self.now(),
                staff.actor(),
                "external_origin_removed",
                staff.ip.as_deref(),
                &subject_of(partner_id),
                &slug,
            )
            .await?;
        Ok(())
    }
}

impl Store {
    #[allow(clippy::too_many_arguments)]
    async fn insert_external_origin(
        &self,
        partner_id: i64,
        slug: &str,
        issuer: &str,
        audience: &str,
        algorithm: &str,
        key_text: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO external_origin (partner_id, slug, issuer, audience, algorithm, key_text, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(partner_id)
        .bind(slug)
        .bind(issuer)
        .bind(audience)
        .bind(algorithm)
        .bind(key_text)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
