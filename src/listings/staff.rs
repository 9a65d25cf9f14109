//! `/equipe/anuncios` (admins): release portals for a company, keep their credentials (secrets
//! write-only), switch them on and off, and choose the partners that manage a company through
//! seed 004.

use serde_json::{json, Map, Value};

use super::api::{read_change, ListingError};
use super::feeds::{listed_unit, new_feed_key};
use super::model::{
    CompanyListings, CompanyPortal, CredentialField, FeedFormat, ListingPartner, ListingPortalInfo,
    ListingsPage, PortalCredentialsForm,
};
use super::store::PortalRecord;
use crate::audit::action_label;
use crate::staff::{CurrentStaff, Permission, StaffError};
use crate::time_br::format_timestamp;
use crate::Portal;

fn portal_info(record: &PortalRecord, online: bool) -> ListingPortalInfo {
    ListingPortalInfo {
        id: record.id,
        slug: record.slug.clone(),
        name: record.name.clone(),
        fields: CredentialField::ALL.into_iter().filter(|field| super::api::needs(record, *field)).collect(),
        oauth: record.oauth == 1,
        feed_format: record.feed_format.as_deref().and_then(FeedFormat::parse),
        is_online: online,
    }
}

fn staff_error(error: ListingError) -> StaffError {
    match error {
        ListingError::Invalid(fields) => StaffError::Fields(
            fields.into_iter().map(|(field, messages)| (field, messages.join(" "))).collect(),
        ),
        ListingError::Store(error) => StaffError::Store(error),
        ListingError::Forbidden => StaffError::Forbidden,
        ListingError::OAuthOnly(name) => StaffError::Invalid(format!(
            "{name} se conecta pelo OAuth do próprio portal, não por credenciais."
        )),
        ListingError::MissingDealer | ListingError::PortalNotFound | ListingError::PortalNotReleased => {
            StaffError::NotFound
        }
    }
}

fn company_id(text: &str) -> Result<i64, StaffError> {
    text.trim().parse().map_err(|_| StaffError::NotFound)
}

impl Portal {
    pub async fn staff_listings(
        &self,
        staff: &CurrentStaff,
        company: Option<i64>,
    ) -> Result<ListingsPage, StaffError> {
        staff.require(Permission::ManageSettings)?;
        let companies: Vec<(i64, String)> = self
            .store
            .company_records()
            .await?
            .into_iter()
            .map(|company| (company.id, company.name))
            .collect();
        let Some(company_id) = company.or_else(|| companies.first().map(|(id, _)| *id)) else {
            return Ok(ListingsPage { companies, current: None });
        };
        let Some(company_name) =
            companies.iter().find(|(id, _)| *id == company_id).map(|(_, name)| name.clone())
        else {
            return Err(StaffError::NotFound);
        };
        let mut portals = Vec::new();
        for record in self.store.company_portals(company_id).await? {
            // The back office shows what the portal would read now.
            let feed = if record.company_id.is_some() && record.is_online == 1 {
                self.refresh_feed(&record).await?
            } else {
                None
            };
            let refreshed = match feed {
                Some(_) => self.store.company_portal(company_id, record.id).await?.unwrap_or(record),
                None => record,
            };
            portals.push(self.company_portal_view(&refreshed));
        }
        let partners = self
            .store
            .listing_partners(company_id)
            .await?
            .into_iter()
            .map(|(id, name, allowed)| ListingPartner { id, name, allowed: allowed == 1 })
            .collect();
        let units = self.store.company_units(company_id).await?.iter().map(listed_unit).collect();
        let events = self
            .store
            .audit_events_about(&format!("company:{company_id}"), 200)
            .await?
            .into_iter()
            .filter(|event| event.action.starts_with("listing_"))
            .take(30)
            .map(|event| {
                (format_timestamp(event.occurred_at), action_label(&event.action).to_string(), event.detail)
            })
            .collect();
        Ok(ListingsPage {
            companies,
            current: Some(CompanyListings { company_id, company_name, portals, partners, units, events }),
        })
    }

    fn company_portal_view(&self, record: &PortalRecord) -> CompanyPortal {
        let released = record.company_id.is_some();
        CompanyPortal {
            portal: portal_info(record, self.portal_online(record)),
            released,
            active: record.active == Some(1),
            withdrawn: record.active != Some(1) && record.remove_all == Some(1),
            user: record.user_name.clone().unwrap_or_default(),
            site_id: record.site_id.clone().unwrap_or_default(),
            password_set: record.password_sealed.is_some(),
            token_set: record.token_sealed.is_some(),
            feed_url: record
                .feed_key
                .as_deref()
                .filter(|_| record.feed_format.is_some())
                .map(|key| self.feed_url(key)),
            feed_generated_at: record.feed_generated_at.map(format_timestamp),
            feed_units: record.feed_units.unwrap_or_default(),
        }
    }

    /// Releases a portal for a company (seed 004 lists only released portals).
    pub async fn staff_release_listing_portal(
        &self,
        staff: &CurrentStaff,
        company: &str,
        portal: &str,
    ) -> Result<(), StaffError> {
        staff.require(Permission::ManageSettings)?;
        let company_id = company_id(company)?;
        let portal_id: i64 = portal.trim().parse().map_err(|_| StaffError::NotFound)?;
        self.store.company_record(company_id).await?.ok_or(StaffError::NotFound)?;
        let record = self.store.company_portal(company_id, portal_id).await?.ok_or(StaffError::NotFound)?;
        if !self.portal_online(&record) {
            return Err(StaffError::NotFound);
        }
        let now = self.now();
        if self.store.release_listing_portal(company_id, portal_id, &new_feed_key(), now).await? {
            self.store
                .record_audit_about(
                    now,
                    staff.actor(),
                    "listing_portal_released",
                    staff.ip.as_deref(),
                    &format!("company:{company_id}"),
                    &record.name,
                )
                .await?;
        }
        Ok(())
    }

    /// Saves a portal's credentials and state from the back office form.
    pub async fn staff_save_listing_credentials(
        &self,
        staff: &CurrentStaff,
        form: &PortalCredentialsForm,
    ) -> Result<(), StaffError> {
        staff.require(Permission::ManageSettings)?;
        let company_id = company_id(&form.company)?;
        let portal_id: i64 = form.portal.trim().parse().map_err(|_| StaffError::NotFound)?;
        let record = self.store.company_portal(company_id, portal_id).await?.ok_or(StaffError::NotFound)?;
        if record.oauth == 1 {
            return Err(staff_error(ListingError::OAuthOnly(record.name)));
        }
        if record.company_id.is_none() || record.is_online != 1 {
            return Err(StaffError::NotFound);
        }
        let mut body = Map::new();
        let active = form.active == "1";
        body.insert("active".into(), json!(active));
        body.insert("remove_all".into(), json!(form.remove_all == "1"));
        if active {
            for (field, value) in [
                (CredentialField::User, &form.user),
                (CredentialField::SiteId, &form.site_id),
                (CredentialField::Password, &form.password),
                (CredentialField::Token, &form.token),
            ] {
                body.insert(field.code().into(), json!(value));
            }
        }
        let change = read_change(&Value::Object(body), &record).map_err(staff_error)?;
        self.write_credentials(&staff.actor(), staff.ip.as_deref(), company_id, &record, &change)
            .await
            .map_err(staff_error)
    }

    /// Lets a partner with the listings scope manage a company through seed 004, or stops it.
    pub async fn staff_set_listing_partner(
        &self,
        staff: &CurrentStaff,
        company: &str,
        partner: &str,
        allowed: bool,
    ) -> Result<(), StaffError> {
        staff.require(Permission::ManageSettings)?;
        let company_id = company_id(company)?;
        let partner_id: i64 = partner.trim().parse().map_err(|_| StaffError::NotFound)?;
        let partners = self.store.listing_partners(company_id).await?;
        let (_, name, _) =
            partners.iter().find(|(id, _, _)| *id == partner_id).ok_or(StaffError::NotFound)?;
        if self.store.set_partner_listing_company(partner_id, company_id, allowed).await? {
            let action = if allowed { "listing_partner_allowed" } else { "listing_partner_removed" };
            self.store
                .record_audit_about(
                    self.now(),
                    staff.actor(),
                    action,
                    staff.ip.as_deref(),
                    &format!("company:{company_id}"),
                    name,
                )
                .await?;
        }
        Ok(())
    }
}
