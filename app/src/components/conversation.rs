//! One message of a conversation, for the buyer's Mensagens and the back office's alike.

use leptos::prelude::*;
use portal::documents::format_size;
use portal::messages::MessageView;

/// A message, its text always shown as text (never as HTML), and its files linked under
/// `files_at` (`/mensagens/anexos`). `staff_side` marks the team's messages as the reader's own.
#[component]
pub fn MessageItem(message: MessageView, files_at: &'static str, staff_side: bool) -> impl IntoView {
    let mine = message.from_staff == staff_side;
    let class = if mine { "message message--mine" } else { "message message--staff" };
    view! {
        <li class=class>
            <p class="message__meta"><strong>{message.author}</strong>" · "{message.sent_at}</p>
            <p class="message__body">{message.body}</p>
            {(!message.attachments.is_empty()).then(|| view! {
                <ul class="attachments" role="list" aria-label="Anexos">
                    {message.attachments.into_iter().map(|attachment| {
                        let href = format!("{files_at}/{}", attachment.id);
                        view! {
                            <li>
                                <a href=href download>{attachment.file_name}</a>
                                <span class="muted">{format!(" ({})", format_size(attachment.size_bytes))}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
        </li>
    }
}
