//! The demo's partner: every scope, allowed to manage the demo company's listing portals, so
//! the API can be tried (and CI's schemathesis run) with a real key. The key is made like any
//! other and printed once with the demo sign-ins. Loaded by the `portal` binary beside the demo,
//! not by [`Portal::load_demo`]: the tests' demo keeps partner ids for the partners they make.

use super::{DemoError, DemoLogin};
use crate::partners::{PartnerForm, PartnerScope};
use crate::staff::CurrentStaff;
use crate::Portal;

/// The back office keeps the new key for its owner (a browser session); the demo is its own.
const DEMO_OWNER: &str = "demo";

impl Portal {
    /// Creates the demo partner as the demo admin, after [`Portal::load_demo`]; its sign-in line.
    pub async fn load_demo_partner(&self) -> Result<DemoLogin, DemoError> {
        let admin = self.staff_member(1).await?;
        let company = 1;
        let key = self.demo_partner(&admin, company).await?;
        Ok(DemoLogin {
            who: "Parceiro (API, todas as permissões)".into(),
            login: "chave de API".into(),
            password: key,
        })
    }

    async fn demo_partner(&self, admin: &CurrentStaff, company: i64) -> Result<String, DemoError> {
        let form = PartnerForm {
            name: "Parceiro de demonstração".into(),
            contact_email: "integracao@parceiro.exemplo.com.br".into(),
            scopes: PartnerScope::ALL.iter().map(|scope| scope.code().to_string()).collect(),
            origins: String::new(),
            requests_per_minute: "600".into(),
        };
        let (partner, draft) = self.create_partner(admin, &form, DEMO_OWNER).await?;
        let key = self
            .take_new_partner_key(admin, partner, &draft, DEMO_OWNER)
            .await?
            .ok_or(DemoError::Admin(crate::staff::StaffError::NotFound))?;
        self.staff_set_listing_partner(admin, &company.to_string(), &partner.to_string(), true).await?;
        Ok(key)
    }
}
