//! Staff sign-in and sessions: their own kind of session row (`kind = 'staff'`), their own
//! cookie, a 12-hour idle limit, and the same rate limits and enumeration rules as buyers.

use super::model::{CurrentStaff, StaffRole, StaffScope};
use super::StaffError;
use crate::audit::Actor;
use crate::auth::vocabulary::{new_token, token_hash, LAST_SEEN_GRANULARITY};
use crate::auth::RequestOrigin;
use crate::ratelimit::{RateLimit, LOGIN_FAILURES_PER_ACCOUNT, LOGIN_PER_IP};
use crate::Portal;

/// A staff session ends after this long without a request (it slides with every use).
pub const STAFF_IDLE_LIMIT: i64 = 12 * 60 * 60;

/// A staff session just opened: the raw cookie value (only its hash is stored) and who it is.
#[derive(Debug)]
pub struct NewStaffSession {
    pub token: String,
    pub staff: CurrentStaff,
}

impl Portal {
    /// Signs a staff user in with e-mail and password. Unknown e-mails, deactivated or expired
    /// users and wrong passwords all cost one argon2 verification and give the same error; the
    /// browser's previous staff session is revoked (rotation).
    #[tracing::instrument(skip_all, fields(ip = origin.ip.as_deref()))]
    pub async fn staff_login(
        &self,
        email: &str,
        password: &str,
        previous_token: Option<&str>,
        origin: &RequestOrigin,
    ) -> Result<NewStaffSession, StaffError> {
        let now = self.now();
        let ip = origin.ip.as_deref();
        let email = email.trim().to_lowercase();
        self.staff_limit(&LOGIN_PER_IP, ip.unwrap_or("sem-ip"), now).await?;
        let candidate = self.store.staff_login_candidate(&email, &self.today_iso()).await?;
        let account_key = match &candidate {
            Some(found) => format!("staff:{}", found.id),
            None => format!("staff-email:{email}"),
        };
        // Counted before the password is checked, once a hashing slot is free (see the buyer's
        // login): a burst of guesses verifies at most the limit.
        let reserve = self.staff_limit(&LOGIN_FAILURES_PER_ACCOUNT, &account_key, now);
        let stored =
            candidate.as_ref().filter(|found| found.usable != 0).map(|found| found.password_hash.clone());
        let right = self.passwords.verify_after(stored, password, reserve).await?;
        let Some(found) = candidate.filter(|_| right) else {
            self.store
                .record_audit(now, Actor::Anonymous, "staff_login_failed", ip, &email_domain(&email))
                .await?;
            return Err(StaffError::InvalidCredentials);
        };
        self.store.return_rate_limit_hit(&LOGIN_FAILURES_PER_ACCOUNT, &account_key).await?;
        self.open_staff_session(found.id, previous_token, origin).await
    }

    /// Opens a staff session for a user who just proved who they are, revoking the browser's
    /// previous one (rotation), and audits it.
    pub(super) async fn open_staff_session(
        &self,
        staff_id: i64,
        previous_token: Option<&str>,
        origin: &RequestOrigin,
    ) -> Result<NewStaffSession, StaffError> {
        let now = self.now();
        if let Some(previous) = previous_token {
            self.store.delete_staff_session(&token_hash(previous)).await?;
        }
        let token = new_token();
        self.store
            .insert_staff_session(&token_hash(&token), staff_id, now, now + STAFF_IDLE_LIMIT, origin)
            .await?;
        let subject = format!("staff:{staff_id}");
        self.store
            .record_audit_about(
                now,
                Actor::Staff(staff_id),
                "staff_login_succeeded",
                origin.ip.as_deref(),
                &subject,
                "",
            )
            .await?;
        let (name, role) =
            self.store.staff_name_and_role(staff_id).await?.ok_or(StaffError::Unauthenticated)?;
        let staff = self.current_staff_of(staff_id, name, &role, origin).await?;
        Ok(NewStaffSession { token, staff })
    }

    /// The staff user `id` as a sign-in would make them (the demo data, tests, the CLI).
    pub async fn staff_member(&self, id: i64) -> Result<CurrentStaff, StaffError> {
        let (name, role) = self.store.staff_name_and_role(id).await?.ok_or(StaffError::NotFound)?;
        self.current_staff_of(id, name, &role, &RequestOrigin::default()).await
    }

    async fn staff_limit(&self, rule: &RateLimit, key: &str, now: i64) -> Result<(), StaffError> {
        self.store.hit_rate_limit(rule, key, now).await?.map_err(StaffError::RateLimited)
    }

    async fn current_staff_of(
        &self,
        id: i64,
        name: String,
        role: &str,
        origin: &RequestOrigin,
    ) -> Result<CurrentStaff, StaffError> {
        let role = StaffRole::parse(role).ok_or(StaffError::Unauthenticated)?;
        let developments = self.store.staff_scope(id).await?;
        let scope = if developments.is_empty() {
            StaffScope::Everything
        } else {
            StaffScope::Developments(developments)
        };
        Ok(CurrentStaff { id, name, role, scope, ip: origin.ip.clone() })
    }

    /// The staff user behind a staff session token: alive, not idle for 12 h, the user active
    /// and not past their last day. Each use slides the idle limit.
    pub async fn authenticate_staff(
        &self,
        token: &str,
        origin: &RequestOrigin,
    ) -> Result<CurrentStaff, StaffError> {
        let now = self.now();
        let session = self
            .store
            .live_staff_session(&token_hash(token), now, &self.today_iso())
            .await?
            .ok_or(StaffError::Unauthenticated)?;
        if now - session.last_seen_at >= LAST_SEEN_GRANULARITY {
            self.store.touch_staff_session(session.session_id, now, now + STAFF_IDLE_LIMIT).await?;
        }
        self.current_staff_of(session.staff_id, session.name, &session.role, origin).await
    }

    /// Ends the staff session server-side; an unknown or ended token is not an error.
    pub async fn staff_logout(&self, token: &str, origin: &RequestOrigin) -> Result<(), StaffError> {
        if let Some(staff_id) = self.store.delete_staff_session(&token_hash(token)).await? {
            self.store
                .record_audit_about(
                    self.now(),
                    Actor::Staff(staff_id),
                    "staff_logout",
                    origin.ip.as_deref(),
                    &format!("staff:{staff_id}"),
                    "",
                )
                .await?;
        }
        Ok(())
    }
}

/// What a failed staff login leaves in the audit trail: the domain only, so a password typed
/// into the e-mail field never lands there whole.
fn email_domain(email: &str) -> String {
    email.rsplit_once('@').map(|(_, domain)| format!("@{domain}")).unwrap_or_default()
}
