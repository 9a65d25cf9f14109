//! What staff do with a partner's webhooks on its page: switch an endpoint off (it then
//! receives nothing, its queue waits) or on again, and send a failed delivery once more.

use crate::staff::{CurrentStaff, Permission, StaffError};
use crate::Portal;

impl Portal {
    pub async fn staff_set_webhook_active(
        &self,
        staff: &CurrentStaff,
        partner: i64,
        endpoint: i64,
        active: bool,
    ) -> Result<(), StaffError> {
        staff.require(Permission::ManageSettings)?;
        if !self.store.set_webhook_active(partner, endpoint, active, self.now()).await? {
            return Err(StaffError::NotFound);
        }
        let action = if active { "webhook_enabled" } else { "webhook_disabled" };
        let detail = format!("endpoint {endpoint}");
        self.audit_webhook(staff.actor(), partner, action, staff.ip.as_deref(), &detail).await?;
        Ok(())
    }

    /// A delivery that was given up goes back in the queue with its tries reset.
    pub async fn staff_resend_webhook(
        &self,
        staff: &CurrentStaff,
        partner: i64,
        delivery: i64,
    ) -> Result<(), StaffError> {
        staff.require(Permission::ManageSettings)?;
        if !self.store.requeue_webhook_delivery(partner, delivery, self.now()).await? {
            return Err(StaffError::Invalid("Só uma entrega que falhou pode ser reenviada.".into()));
        }
        let detail = format!("entrega {delivery}");
        self.audit_webhook(staff.actor(), partner, "webhook_resent", staff.ip.as_deref(), &detail).await?;
        Ok(())
    }
}
