//! pt-BR e-mails to the construction company's staff.

use super::model::Channel;
use super::templates::escape_html;
use super::OutgoingMessage;

fn email(destination: &str, subject: String, text: String, html: String) -> OutgoingMessage {
    OutgoingMessage {
        channel: Channel::Email,
        destination: destination.to_string(),
        subject,
        text,
        html: Some(html),
    }
}

/// The invitation to the back office: a single-use link to choose a password.
pub fn staff_invitation(
    destination: &str,
    name: &str,
    invited_by: &str,
    link: &str,
    hours: i64,
) -> OutgoingMessage {
    let first_name = name.split_whitespace().next().unwrap_or(name);
    email(
        destination,
        "Convite para a área da equipe do Portal do Cliente".to_string(),
        format!(
            "Olá, {first_name}!\n\n{invited_by} convidou você para a área da equipe do Portal do Cliente.\n\
             Crie sua senha por este link (vale por {hours} horas e uma só vez):\n\n{link}\n\n\
             Se você não esperava este convite, ignore este e-mail."
        ),
        format!(
            "<p>Olá, {}!</p><p>{} convidou você para a área da equipe do Portal do Cliente.</p>\
             <p><a href=\"{}\">Criar minha senha</a></p><p>O link vale por {hours} horas e uma só vez.</p>\
             <p>Se você não esperava este convite, ignore este e-mail.</p>",
            escape_html(first_name),
            escape_html(invited_by),
            escape_html(link)
        ),
    )
}

/// The code to choose a new staff password.
pub fn staff_password_code(destination: &str, name: &str, code: &str, minutes: i64) -> OutgoingMessage {
    let first_name = name.split_whitespace().next().unwrap_or(name);
    email(
        destination,
        format!("Código para criar uma nova senha da equipe: {code}"),
        format!(
            "Olá, {first_name}!\n\nSeu código para criar uma nova senha na área da equipe é {code}.\n\
             Ele vale por {minutes} minutos e só pode ser usado uma vez.\n\n\
             Se você não pediu, ignore este e-mail: sua senha continua a mesma."
        ),
        format!(
            "<p>Olá, {}!</p><p>Seu código para criar uma nova senha na área da equipe é:</p>\
             <p style=\"font-size:28px;font-weight:bold;letter-spacing:4px\">{code}</p>\
             <p>Ele vale por {minutes} minutos e só pode ser usado uma vez.</p>\
             <p>Se você não pediu, ignore este e-mail: sua senha continua a mesma.</p>",
            escape_html(first_name)
        ),
    )
}

/// Told after a staff password was created or changed.
pub fn staff_password_changed(destination: &str, name: &str, at: i64) -> OutgoingMessage {
    let first_name = name.split_whitespace().next().unwrap_or(name);
    let when = crate::time_br::format_timestamp(at);
    email(
        destination,
        "Sua senha da área da equipe foi definida".to_string(),
        format!(
            "Olá, {first_name}!\n\nA senha da sua conta na área da equipe foi definida em {when}, e as outras \
             sessões foram encerradas.\nSe não foi você, avise um administrador agora."
        ),
        format!(
            "<p>Olá, {}!</p><p>A senha da sua conta na área da equipe foi definida em <strong>{when}</strong>, \
             e as outras sessões foram encerradas.</p><p>Se não foi você, avise um administrador agora.</p>",
            escape_html(first_name)
        ),
    )
}

/// The company's invitation to a buyer to create a password (no password in it: the buyer asks
/// for a code at `/primeiro-acesso`).
pub fn first_access_invitation(
    channel: Channel,
    destination: &str,
    name: &str,
    link: &str,
) -> OutgoingMessage {
    let first_name = name.split_whitespace().next().unwrap_or(name);
    match channel {
        Channel::Sms => OutgoingMessage {
            channel,
            destination: destination.to_string(),
            subject: "Acesso ao Portal do Cliente".to_string(),
            text: format!(
                "Portal do Cliente: {first_name}, acompanhe seu imóvel, boletos e documentos. Crie sua senha em {link}"
            ),
            html: None,
        },
        Channel::Email => email(
            destination,
            "Seu acesso ao Portal do Cliente".to_string(),
            format!(
                "Olá, {first_name}!\n\nNo Portal do Cliente você acompanha seu imóvel, a obra, os boletos e os \
                 documentos do seu contrato.\nPara criar sua senha, abra {link} e informe seu CPF ou CNPJ: \
                 enviaremos um código de 6 dígitos.\n\nNinguém da construtora pedirá sua senha."
            ),
            format!(
                "<p>Olá, {}!</p><p>No Portal do Cliente você acompanha seu imóvel, a obra, os boletos e os \
                 documentos do seu contrato.</p><p><a href=\"{}\">Criar minha senha</a>: informe seu CPF ou CNPJ \
                 e enviaremos um código de 6 dígitos.</p><p>Ninguém da construtora pedirá sua senha.</p>",
                escape_html(first_name),
                escape_html(link)
            ),
        ),
    }
}

/// A buyer's notice of a document published for them (the link leads to Documentos, behind
/// the sign-in; the file itself is never attached).
pub fn document_published(destination: &str, name: &str, title: &str, link: &str) -> OutgoingMessage {
    let first_name = name.split_whitespace().next().unwrap_or(name);
    email(
        destination,
        format!("Novo documento no Portal do Cliente: {title}"),
        format!(
            "Olá, {first_name}!\n\nA construtora publicou o documento \"{title}\" para você.\nVeja em {link} \
             (entre com sua senha).\n\nNão responda este e-mail: para falar com a construtora, use Mensagens no portal."
        ),
        format!(
            "<p>Olá, {}!</p><p>A construtora publicou o documento <strong>{}</strong> para você.</p>\
             <p><a href=\"{}\">Ver em Documentos</a> (entre com sua senha).</p>\
             <p>Não responda este e-mail: para falar com a construtora, use Mensagens no portal.</p>",
            escape_html(first_name),
            escape_html(title),
            escape_html(link)
        ),
    )
}
