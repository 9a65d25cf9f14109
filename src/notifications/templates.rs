//! pt-BR message templates, plain text and HTML.

use super::model::Channel;
use super::OutgoingMessage;

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The one-time sign-in code.
pub fn login_code(
    channel: Channel,
    destination: &str,
    name: &str,
    code: &str,
    minutes: i64,
) -> OutgoingMessage {
    let first_name = name.split_whitespace().next().unwrap_or(name);
    match channel {
        Channel::Sms => OutgoingMessage {
            channel,
            destination: destination.to_string(),
            subject: "Código de acesso".to_string(),
            text: format!(
                "Portal do Cliente: seu código de acesso é {code}. Vale por {minutes} minutos. Não o compartilhe."
            ),
            html: None,
        },
        Channel::Email => OutgoingMessage {
            channel,
            destination: destination.to_string(),
            subject: format!("Seu código de acesso: {code}"),
            text: format!(
                "Olá, {first_name}!\n\nSeu código de acesso ao Portal do Cliente é {code}.\n\
                 Ele vale por {minutes} minutos e só pode ser usado uma vez.\n\n\
                 Se você não pediu este código, ignore este e-mail: sua conta continua protegida."
            ),
            html: Some(format!(
                "<p>Olá, {}!</p><p>Seu código de acesso ao Portal do Cliente é:</p>\
                 <p style=\"font-size:28px;font-weight:bold;letter-spacing:4px\">{code}</p>\
                 <p>Ele vale por {minutes} minutos e só pode ser usado uma vez.</p>\
                 <p>Se você não pediu este código, ignore este e-mail: sua conta continua protegida.</p>",
                escape_html(first_name)
            )),
        },
    }
}

/// The code to create a new password (forgotten password or first access).
pub fn password_code(
    channel: Channel,
    destination: &str,
    name: &str,
    code: &str,
    minutes: i64,
) -> OutgoingMessage {
    let first_name = name.split_whitespace().next().unwrap_or(name);
    match channel {
        Channel::Sms => OutgoingMessage {
            channel,
            destination: destination.to_string(),
            subject: "Código para criar senha".to_string(),
            text: format!(
                "Portal do Cliente: o código para criar sua senha é {code}. Vale por {minutes} minutos."
            ),
            html: None,
        },
        Channel::Email => OutgoingMessage {
            channel,
            destination: destination.to_string(),
            subject: format!("Código para criar sua senha: {code}"),
            text: format!(
                "Olá, {first_name}!\n\nUse o código {code} para criar sua senha do Portal do Cliente.\n\
                 Ele vale por {minutes} minutos e só pode ser usado uma vez.\n\n\
                 Se você não pediu, ignore este e-mail: sua senha atual continua valendo."
            ),
            html: Some(format!(
                "<p>Olá, {}!</p><p>Use o código abaixo para criar sua senha do Portal do Cliente:</p>\
                 <p style=\"font-size:28px;font-weight:bold;letter-spacing:4px\">{code}</p>\
                 <p>Ele vale por {minutes} minutos e só pode ser usado uma vez.</p>\
                 <p>Se você não pediu, ignore este e-mail: sua senha atual continua valendo.</p>",
                escape_html(first_name)
            )),
        },
    }
}

/// Tells the person their password changed, with when.
pub fn password_changed(email: &str, name: &str, at: i64) -> OutgoingMessage {
    let first_name = name.split_whitespace().next().unwrap_or(name);
    let when = crate::time_br::format_timestamp(at);
    OutgoingMessage {
        channel: Channel::Email,
        destination: email.to_string(),
        subject: "Sua senha do Portal do Cliente foi alterada".to_string(),
        text: format!(
            "Olá, {first_name}!\n\nA senha da sua conta no Portal do Cliente foi alterada em {when}.\n\
             Se foi você, nada mais a fazer. Se não foi, entre com um código por e-mail, troque a senha \
             e encerre as outras sessões em Segurança, ou fale com a construtora."
        ),
        html: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_template_escapes_the_name_and_carries_the_code() {
        let message = login_code(Channel::Email, "a@b.c", "<script>Ana Souza", "012345", 10);
        assert!(message.subject.contains("012345"));
        let html = message.html.unwrap();
        assert!(html.contains("&lt;script&gt;Ana") && !html.contains("<script>"));
        let sms = login_code(Channel::Sms, "41999999999", "Ana", "012345", 10);
        assert!(sms.text.contains("012345") && sms.text.len() < 160);
    }
}
