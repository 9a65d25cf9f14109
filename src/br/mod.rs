//! Brazilian value types shared by the server and the browser.

pub mod boleto;
pub mod cnab240;
mod cnpj;
mod cpf;
mod document;
mod money;
mod phone;
pub mod pix;
mod states;

pub use cnpj::Cnpj;
pub use cpf::Cpf;
pub use document::TaxId;
pub use money::{group_thousands, Centavos};
pub use phone::{is_valid_ddd, Phone, VALID_DDDS};
pub use states::{state_name, UFS};

/// Why a CPF, CNPJ or phone number was refused; each variant is a sentence a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BrError {
    #[error("O CPF deve ter 11 dígitos.")]
    CpfLength,
    #[error("CPF inválido: confira os dígitos.")]
    CpfInvalid,
    #[error("O CNPJ deve ter 14 caracteres.")]
    CnpjLength,
    #[error("CNPJ inválido: confira os caracteres.")]
    CnpjInvalid,
    #[error("Informe o telefone com DDD.")]
    PhoneLength,
    #[error("DDD inexistente.")]
    PhoneDdd,
    #[error("Número de telefone inválido para o DDD informado.")]
    PhoneNumber,
}

/// Keeps only ASCII letters and digits, upper-cased: the canonical form of typed documents.
fn alphanumeric_upper(input: &str) -> String {
    input.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect()
}
