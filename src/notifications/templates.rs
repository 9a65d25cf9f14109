//! pt-BR message templates, plain text and HTML.

use super::model::Channel;
use super::OutgoingMessage;

pub(crate) fn escape_html(text: &str) -> String {
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
        html: Some(format!(
            "<p>Olá, {}!</p><p>A senha da sua conta no Portal do Cliente foi alterada em \
             <strong>{when}</strong>.</p><p>Se foi você, nada mais a fazer.</p>\
             <p>Se não foi, entre com um código por e-mail, troque a senha e encerre as outras \
             sessões em <em>Segurança</em>, ou fale com a construtora.</p>",
            escape_html(first_name)
        )),
    }
}

/// The code that confirms a new e-mail or mobile, sent to that new destination.
pub fn contact_code(
    channel: Channel,
    destination: &str,
    name: &str,
    code: &str,
    minutes: i64,
) -> OutgoingMessage {
    let first_name = name.split_whitespace().next().unwrap_or(name);
    let what = if channel == Channel::Email { "este e-mail" } else { "este celular" };
    OutgoingMessage {
        channel,
        destination: destination.to_string(),
        subject: format!("Confirme {what}: {code}"),
        text: format!(
            "Portal do Cliente: para confirmar {what} no seu cadastro, use o código {code}. Vale por {minutes} minutos."
        ),
        html: (channel == Channel::Email).then(|| {
            format!(
                "<p>Olá, {}!</p><p>Para confirmar {what} no seu cadastro do Portal do Cliente, use o código:</p>\
                 <p style=\"font-size:28px;font-weight:bold;letter-spacing:4px\">{code}</p>\
                 <p>Ele vale por {minutes} minutos. Se você não pediu, ignore este e-mail.</p>",
                escape_html(first_name)
            )
        }),
    }
}

/// Tells the old address that the account's e-mail changed (in case it was not the person).
pub fn email_changed(old_email: &str, name: &str, new_email: &str) -> OutgoingMessage {
    let first_name = name.split_whitespace().next().unwrap_or(name);
    OutgoingMessage {
        channel: Channel::Email,
        destination: old_email.to_string(),
        subject: "O e-mail do seu cadastro foi alterado".to_string(),
        text: format!(
            "Olá, {first_name}!\n\nO e-mail do seu cadastro no Portal do Cliente foi alterado para {new_email}.\n\
             Se não foi você, fale com a construtora imediatamente."
        ),
        html: Some(format!(
            "<p>Olá, {}!</p><p>O e-mail do seu cadastro no Portal do Cliente foi alterado para <strong>{}</strong>.</p>\
             <p>Se não foi você, fale com a construtora imediatamente.</p>",
            escape_html(first_name),
            escape_html(new_email)
        )),
    }
}

/// Tells the owner of an address that another account tried to take it: the change was refused,
/// and the requester was told only that the address cannot be used.
pub fn email_claimed_by_another_account(email: &str) -> OutgoingMessage {
    OutgoingMessage {
        channel: Channel::Email,
        destination: email.to_string(),
        subject: "Tentaram usar o seu e-mail em outro cadastro".to_string(),
        text: "Olá!\n\nAlguém tentou colocar este e-mail em outro cadastro do Portal do Cliente. \
               A troca foi recusada: o e-mail continua no seu cadastro.\n\
               Se foi você, use outro endereço no outro cadastro. Se não foi, nada muda; \
               fale com a construtora se quiser saber mais."
            .to_string(),
        html: Some(
            "<p>Olá!</p><p>Alguém tentou colocar este e-mail em outro cadastro do Portal do Cliente. \
             A troca foi recusada: o e-mail continua no seu cadastro.</p>\
             <p>Se foi você, use outro endereço no outro cadastro. Se não foi, nada muda; \
             fale com a construtora se quiser saber mais.</p>"
                .to_string(),
        ),
    }
}

/// Tells the buyer the company answered one of their conversations (without the answer: the
/// portal is where it is read, behind the login).
pub fn staff_replied(email: &str, name: &str, subject: &str) -> OutgoingMessage {
    let first_name = name.split_whitespace().next().unwrap_or(name);
    OutgoingMessage {
        channel: Channel::Email,
        destination: email.to_string(),
        subject: format!("Resposta da construtora: {subject}"),
        text: format!(
            "Olá, {first_name}!\n\nA construtora respondeu à sua mensagem \"{subject}\".\n\
             Entre no Portal do Cliente e abra Mensagens para ler a resposta."
        ),
        html: Some(format!(
            "<p>Olá, {}!</p><p>A construtora respondeu à sua mensagem <strong>{}</strong>.</p>\
             <p>Entre no Portal do Cliente e abra <em>Mensagens</em> para ler a resposta.</p>",
            escape_html(first_name),
            escape_html(subject)
        )),
    }
}

/// The code that confirms a new registration's e-mail. Someone may have typed another person's
/// address, so the message says that ignoring it is enough.
pub fn email_confirmation_code(email: &str, name: &str, code: &str, minutes: i64) -> OutgoingMessage {
    let first_name = name.split_whitespace().next().unwrap_or(name);
    OutgoingMessage {
        channel: Channel::Email,
        destination: email.to_string(),
        subject: format!("Confirme seu e-mail: {code}"),
        text: format!(
            "Olá, {first_name}!\n\nPara terminar seu cadastro no Portal do Cliente, digite o código {code}.\n\
             Ele vale por {minutes} minutos e só pode ser usado uma vez.\n\n\
             Se você não se cadastrou, ignore este e-mail: sem o código, o cadastro não é ativado."
        ),
        html: Some(format!(
            "<p>Olá, {}!</p><p>Para terminar seu cadastro no Portal do Cliente, digite o código:</p>\
             <p style=\"font-size:28px;font-weight:bold;letter-spacing:4px\">{code}</p>\
             <p>Ele vale por {minutes} minutos e só pode ser usado uma vez.</p>\
             <p>Se você não se cadastrou, ignore este e-mail: sem o código, o cadastro não é ativado.</p>",
            escape_html(first_name)
        )),
    }
}

/// Welcomes a buyer who registered through the open form. Someone else may have typed this
/// address, so the message says what to do if it was not them.
pub fn welcome(email: &str, name: &str) -> OutgoingMessage {
    let first_name = name.split_whitespace().next().unwrap_or(name);
    OutgoingMessage {
        channel: Channel::Email,
        destination: email.to_string(),
        subject: "Bem-vindo ao Portal do Cliente".to_string(),
        text: format!(
            "Olá, {first_name}!\n\nSeu cadastro no Portal do Cliente foi confirmado com este e-mail.\n\
             Quando a construtora vincular seu contrato, você verá aqui seu imóvel, boletos e documentos.\n\n\
             Se não foi você quem se cadastrou, fale com a construtora: ninguém verá seus dados de imóvel \
             por este cadastro sem a confirmação dela."
        ),
        html: Some(format!(
            "<p>Olá, {}!</p><p>Seu cadastro no Portal do Cliente foi confirmado com este e-mail.</p>\
             <p>Quando a construtora vincular seu contrato, você verá aqui seu imóvel, boletos e documentos.</p>\
             <p>Se não foi você quem se cadastrou, fale com a construtora: ninguém verá seus dados de \
             imóvel por este cadastro sem a confirmação dela.</p>",
            escape_html(first_name)
        )),
    }
}

/// A partner asked to open the portal for a buyer who already had an account: nothing happens
/// until the buyer, signed in, accepts on the page the link leads to.
pub fn partner_consent_request(email: &str, name: &str, partner: &str, link: &str) -> OutgoingMessage {
    let first_name = name.split_whitespace().next().unwrap_or(name);
    OutgoingMessage {
        channel: Channel::Email,
        destination: email.to_string(),
        subject: format!("Autorizar o parceiro {partner} a abrir o portal por você?"),
        text: format!(
            "Olá, {first_name}!\n\n{partner} pediu para abrir o Portal do Cliente por você, sem pedir sua senha.\n\
             Se você usa o serviço dele e concorda, entre no portal e autorize em Segurança > Parceiros:\n\n{link}\n\n\
             Se não reconhece o pedido, não faça nada: sem a sua autorização o parceiro não entra na sua conta."
        ),
        html: Some(format!(
            "<p>Olá, {}!</p><p>{} pediu para abrir o Portal do Cliente por você, sem pedir sua senha.</p>\
             <p>Se você usa o serviço dele e concorda, entre no portal e autorize:</p>\
             <p><a href=\"{}\">Autorizar o parceiro {} a abrir o portal por você</a></p>\
             <p>Se não reconhece o pedido, não faça nada: sem a sua autorização o parceiro não entra na sua conta.</p>",
            escape_html(first_name),
            escape_html(partner),
            escape_html(link),
            escape_html(partner)
        )),
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

    #[test]
    fn account_emails_have_text_and_escaped_html() {
        for message in
            [password_changed("a@b.c", "<b>Ana</b> Souza", 0), welcome("a@b.c", "<b>Ana</b> Souza")]
        {
            let html = message.html.expect("an HTML part");
            assert!(html.contains("&lt;b&gt;Ana") && !html.contains("<b>Ana"));
            assert!(message.text.starts_with("Olá, <b>Ana</b>!"), "text is not HTML: no escaping");
        }
    }
}
