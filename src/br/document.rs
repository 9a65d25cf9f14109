use std::fmt;

use serde::{Deserialize, Serialize};

use super::{alphanumeric_upper, BrError, Cnpj, Cpf};

/// The tax document that identifies a person: CPF for individuals (PF), CNPJ for companies (PJ).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TaxId {
    Cpf(Cpf),
    Cnpj(Cnpj),
}

impl TaxId {
    /// Decides by length: 11 characters is a CPF, 14 a CNPJ.
    pub fn parse(input: &str) -> Result<Self, BrError> {
        match alphanumeric_upper(input).len() {
            11 => Cpf::parse(input).map(Self::Cpf),
            14 => Cnpj::parse(input).map(Self::Cnpj),
            _ if input.chars().any(|c| c.is_ascii_alphabetic()) => Err(BrError::CnpjLength),
            _ => Err(BrError::CpfLength),
        }
    }

    /// The canonical stored form (digits, or upper-case alphanumerics for a CNPJ).
    pub fn canonical(&self) -> &str {
        match self {
            Self::Cpf(cpf) => cpf.digits(),
            Self::Cnpj(cnpj) => cnpj.as_str(),
        }
    }

    /// Rebuilds from the stored canonical form.
    pub fn from_canonical(stored: &str) -> Result<Self, BrError> {
        Self::parse(stored)
    }
}

impl fmt::Display for TaxId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Cpf(cpf) => cpf.fmt(f),
            Self::Cnpj(cnpj) => cnpj.fmt(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_cpf_or_cnpj_by_length() {
        assert!(matches!(TaxId::parse("111.444.777-35"), Ok(TaxId::Cpf(_))));
        assert!(matches!(TaxId::parse("12.ABC.345/01DE-35"), Ok(TaxId::Cnpj(_))));
        assert_eq!(TaxId::parse("123"), Err(BrError::CpfLength));
        assert_eq!(TaxId::parse("12ABC"), Err(BrError::CnpjLength));
    }
}
