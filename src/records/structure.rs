//! An empreendimento's construction stages, blocks and photos of the works, from its page.

use super::developments::subject_of;
use super::model::StageLine;
use super::rules::{changes, refuse, tidy, whole_number, FieldErrors};
use crate::property::photos::{NewWorksPhoto, PhotoError};
use crate::staff::{CurrentStaff, Permission, StaffError};
use crate::store::is_unique_violation;
use crate::Portal;

impl Portal {
    /// Replaces the construction stages (name and %, in order); empty lines are dropped.
    pub async fn set_development_stages(
        &self,
        staff: &CurrentStaff,
        development_id: i64,
        lines: &[StageLine],
    ) -> Result<(), StaffError> {
        staff.require(Permission::EditRecords)?;
        self.development_in_scope(staff, development_id).await?;
        let mut errors = FieldErrors::new();
        let mut stages = Vec::new();
        for (index, line) in lines.iter().enumerate() {
            let name = tidy(&line.name);
            if name.is_empty() && line.percent.trim().is_empty() {
                continue;
            }
            if !(2..=60).contains(&name.chars().count()) {
                refuse(&mut errors, &format!("stage{index}"), "Dê um nome de 2 a 60 caracteres à etapa.");
            }
            let percent = whole_number(
                &mut errors,
                &format!("stage{index}"),
                &line.percent,
                0..=100,
                "Informe o % concluído da etapa, de 0 a 100.",
            );
            stages.push((name, percent));
        }
        if stages.len() > 30 {
            refuse(&mut errors, "stages", "São no máximo 30 etapas.");
        }
        if !errors.is_empty() {
            return Err(StaffError::Fields(errors));
        }
        let before: Vec<String> = self
            .store
            .stages_of(development_id)
            .await?
            .iter()
            .map(|(name, percent)| format!("{name} {percent}%"))
            .collect();
        let after: Vec<String> = stages.iter().map(|(name, percent)| format!("{name} {percent}%")).collect();
        if before == after {
            return Ok(());
        }
        self.store.replace_stages(development_id, &stages).await?;
        let detail = changes(&[("etapas", before.join(", "), after.join(", "))]);
        self.store
            .record_audit_about(
                self.now(),
                staff.actor(),
                "development_stages_set",
                staff.ip.as_deref(),
                &subject_of(development_id),
                &detail,
            )
            .await?;
        Ok(())
    }

    /// Adds a block (`block_id` None) or renames one of the empreendimento's blocks.
    pub async fn save_block(
        &self,
        staff: &CurrentStaff,
        development_id: i64,
        block_id: Option<i64>,
        name: &str,
    ) -> Result<(), StaffError> {
        staff.require(Permission::EditRecords)?;
        self.development_in_scope(staff, development_id).await?;
        let name = tidy(name);
        if !(1..=40).contains(&name.chars().count()) {
            return Err(StaffError::Invalid(
                "Dê ao bloco um nome de até 40 caracteres (Torre A, Quadra 3…).".into(),
            ));
        }
        let blocks = self.store.blocks_of(development_id).await?;
        let taken = StaffError::Invalid(format!("Já existe um bloco “{name}” neste empreendimento."));
        if blocks.iter().any(|(id, other, _)| *other == name && Some(*id) != block_id) {
            return Err(taken);
        }
        let (result, detail) = match block_id {
            None => {
                (self.store.insert_block(development_id, &name).await.map(|_| ()), format!("bloco {name}"))
            }
            Some(id) => {
                let Some((_, old, _)) = blocks.iter().find(|(block, _, _)| *block == id) else {
                    return Err(StaffError::NotFound);
                };
                (self.store.rename_block(id, &name).await, format!("bloco: {old} → {name}"))
            }
        };
        match result {
            Err(error) if is_unique_violation(&error) => return Err(taken),
            other => other?,
        }
        self.store
            .record_audit_about(
                self.now(),
                staff.actor(),
                "development_block_saved",
                staff.ip.as_deref(),
                &subject_of(development_id),
                &detail,
            )
            .await?;
        Ok(())
    }

    /// Adds a photo of the works of an empreendimento in scope.
    pub async fn staff_add_works_photo(
        &self,
        staff: &CurrentStaff,
        photo: NewWorksPhoto<'_>,
    ) -> Result<i64, StaffError> {
        staff.require(Permission::EditRecords)?;
        self.development_in_scope(staff, photo.development_id).await?;
        self.publish_works_photo(photo, staff.actor(), staff.ip.as_deref()).await.map_err(photo_refusal)
    }

    /// Takes a photo down, if its empreendimento is in scope.
    pub async fn staff_remove_works_photo(
        &self,
        staff: &CurrentStaff,
        photo_id: i64,
    ) -> Result<i64, StaffError> {
        staff.require(Permission::EditRecords)?;
        let photo = self.store.photo(photo_id).await?.ok_or(StaffError::NotFound)?;
        self.development_in_scope(staff, photo.development_id).await?;
        self.take_down_works_photo(photo_id, staff.actor(), staff.ip.as_deref())
            .await
            .map_err(photo_refusal)?;
        Ok(photo.development_id)
    }

    /// A photo's thumbnail (or full photo), for staff whose scope has its empreendimento.
    pub async fn staff_works_photo_file(
        &self,
        staff: &CurrentStaff,
        photo_id: i64,
        full: bool,
    ) -> Result<crate::documents::DocumentFile, StaffError> {
        staff.require(Permission::ViewRecords)?;
        let photo = self.store.photo(photo_id).await?.ok_or(StaffError::NotFound)?;
        self.development_in_scope(staff, photo.development_id).await?;
        let key = if full { &photo.storage_key } else { &photo.thumbnail_key };
        Ok(crate::documents::DocumentFile {
            file_name: format!("obra-{}-{photo_id}.jpg", photo.taken_on),
            content_type: "image/jpeg".to_string(),
            bytes: self.storage.get(key).await.map_err(StaffError::Storage)?,
        })
    }
}

fn photo_refusal(error: PhotoError) -> StaffError {
    match error {
        PhotoError::Invalid(sentence) => StaffError::Invalid(sentence),
        PhotoError::DevelopmentNotFound | PhotoError::PhotoNotFound => StaffError::NotFound,
        PhotoError::Store(error) => StaffError::Store(error),
        PhotoError::Storage(error) => StaffError::Storage(error),
    }
}
