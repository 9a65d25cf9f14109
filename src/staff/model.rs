//! Staff roles, their permissions and scopes: the one table the services check (never only the
//! UI) and the role matrix tests are generated from.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StaffRole {
    Admin,
    Atendimento,
    Financeiro,
}

impl StaffRole {
    pub const ALL: [StaffRole; 3] = [Self::Admin, Self::Atendimento, Self::Financeiro];

    pub fn code(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Atendimento => "atendimento",
            Self::Financeiro => "financeiro",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Admin => "Administração",
            Self::Atendimento => "Atendimento",
            Self::Financeiro => "Financeiro",
        }
    }

    /// What the role may do. `admin` may do everything; `atendimento` keeps buyers, their
    /// records and conversations; `financeiro` reads buyers and records and keeps the money.
    pub fn may(self, permission: Permission) -> bool {
        use Permission::*;
        match self {
            Self::Admin => true,
            Self::Atendimento => matches!(
                permission,
                ViewDashboard
                    | ViewPeople
                    | EditPeople
                    | ViewRecords
                    | EditRecords
                    | ViewMessages
                    | AnswerMessages
                    | ViewFinance
            ),
            Self::Financeiro => {
                matches!(permission, ViewDashboard | ViewPeople | ViewRecords | ViewFinance | EditFinance)
            }
        }
    }
}

/// One thing a staff user may do; each staff use case asks for exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Permission {
    /// `/equipe`: the counts of what waits for the team.
    ViewDashboard,
    /// Pessoas: search and read buyers, their contracts, sessions and audit trail.
    ViewPeople,
    /// Pessoas: create, edit, confirm, invite, block and unblock.
    EditPeople,
    /// Empreendimentos, unidades, contratos and documentos: read.
    ViewRecords,
    /// Empreendimentos, unidades, contratos (parties, status, parts) and documentos: create and
    /// change.
    EditRecords,
    /// Mensagens: read every conversation in scope.
    ViewMessages,
    /// Mensagens: reply, close and reopen.
    AnswerMessages,
    /// Cobrança: read payments and reports.
    ViewFinance,
    /// Cobrança: change payments, boletos and bank files; a contract's payment plan and its
    /// unpaid installments (atendimento keeps the records, financeiro the amounts).
    EditFinance,
    /// Equipe: invite, change and deactivate staff users; see anyone's sessions.
    ManageStaff,
    /// Configurações: companies, branding, registration, outbox.
    ManageSettings,
}

impl Permission {
    pub const ALL: [Permission; 11] = [
        Self::ViewDashboard,
        Self::ViewPeople,
        Self::EditPeople,
        Self::ViewRecords,
        Self::EditRecords,
        Self::ViewMessages,
        Self::AnswerMessages,
        Self::ViewFinance,
        Self::EditFinance,
        Self::ManageStaff,
        Self::ManageSettings,
    ];
}

/// Which empreendimentos a staff user works on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum StaffScope {
    Everything,
    /// Only these empreendimentos (ids); records of any other are as if they did not exist.
    Developments(Vec<i64>),
}

impl StaffScope {
    pub fn covers(&self, development_id: i64) -> bool {
        match self {
            Self::Everything => true,
            Self::Developments(ids) => ids.contains(&development_id),
        }
    }
}

/// The signed-in staff user, as every staff use case receives it: never a bare id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentStaff {
    pub id: i64,
    pub name: String,
    pub role: StaffRole,
    pub scope: StaffScope,
    /// Where this request came from, for the audit trail of every action.
    #[serde(skip)]
    pub ip: Option<String>,
}

impl CurrentStaff {
    pub fn may(&self, permission: Permission) -> bool {
        self.role.may(permission)
    }

    /// Creating an empreendimento: the permission to change records, and every empreendimento
    /// in scope (a scoped user would not see what they create).
    pub fn may_create_developments(&self) -> bool {
        self.may_company_wide(Permission::EditRecords)
    }

    /// Company-wide work (Cobrança: a bank file spans every empreendimento of a company; the
    /// correction indices correct every contract): the permission, and no empreendimento scope.
    /// The one rule the use cases check and the navigation follows.
    pub fn may_company_wide(&self, permission: Permission) -> bool {
        self.may(permission) && matches!(self.scope, StaffScope::Everything)
    }

    /// First name, for the header.
    pub fn short_name(&self) -> &str {
        self.name.split_whitespace().next().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admin_may_everything_and_the_others_only_their_part() {
        for permission in Permission::ALL {
            assert!(StaffRole::Admin.may(permission), "{permission:?}");
        }
        assert!(StaffRole::Atendimento.may(Permission::AnswerMessages));
        assert!(!StaffRole::Atendimento.may(Permission::EditFinance));
        assert!(!StaffRole::Atendimento.may(Permission::ManageStaff));
        assert!(StaffRole::Financeiro.may(Permission::EditFinance));
        assert!(!StaffRole::Financeiro.may(Permission::ViewMessages));
        assert!(!StaffRole::Financeiro.may(Permission::EditPeople));
        assert!(!StaffRole::Financeiro.may(Permission::ManageSettings));
    }

    #[test]
    fn roles_round_trip_their_codes() {
        for role in StaffRole::ALL {
            assert_eq!(StaffRole::parse(role.code()), Some(role));
        }
        assert_eq!(StaffRole::parse("root"), None);
    }

    #[test]
    fn a_scope_covers_only_its_developments() {
        assert!(StaffScope::Everything.covers(7));
        let mirante = StaffScope::Developments(vec![1]);
        assert!(mirante.covers(1));
        assert!(!mirante.covers(2));
    }
}
