//! The demo's listing portals: the available units get prices and rooms, ZAP Imóveis e
//! VivaReal is connected and publishing, Chaves na Mão is released but not yet connected.

use super::DemoError;
use crate::listings::PortalCredentialsForm;
use crate::staff::CurrentStaff;
use crate::Portal;

const ZAP_VIVAREAL: &str = "6";
const CHAVES_NA_MAO: &str = "1";

impl Portal {
    /// `for_sale`: (unit, price in centavos, bedrooms, bathrooms).
    pub(super) async fn demo_listings(
        &self,
        admin: &CurrentStaff,
        company: i64,
        for_sale: &[(i64, i64, i64, i64)],
    ) -> Result<(), DemoError> {
        for (unit, price, bedrooms, bathrooms) in for_sale {
            let mut form = self.staff_unit(admin, *unit).await?.form;
            form.price = crate::records::rules::money_text(*price);
            form.bedrooms = bedrooms.to_string();
            form.bathrooms = bathrooms.to_string();
            self.update_unit(admin, *unit, &form).await?;
        }
        let company = company.to_string();
        self.staff_release_listing_portal(admin, &company, ZAP_VIVAREAL).await?;
        self.staff_release_listing_portal(admin, &company, CHAVES_NA_MAO).await?;
        let credentials = PortalCredentialsForm {
            company,
            portal: ZAP_VIVAREAL.into(),
            active: "1".into(),
            user: "anuncios@horizonte.exemplo.com.br".into(),
            site_id: "CP-204817".into(),
            password: "canal-pro-demo-2026".into(),
            ..Default::default()
        };
        self.staff_save_listing_credentials(admin, &credentials).await?;
        Ok(())
    }
}
