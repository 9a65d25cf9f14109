//! E-mail and SMS. Every message is written to the outbox first (a fast insert: the request
//! that asked for it never waits on a mail server); a worker sends it through the configured
//! transport and retries failures. Without transports (development) messages are `held` and
//! listed at `/dev/caixa-de-saida`.

pub mod model;
#[cfg(feature = "server")]
pub mod staff_templates;
#[cfg(feature = "server")]
mod store;
#[cfg(feature = "server")]
pub mod templates;
#[cfg(feature = "server")]
pub mod transport;

pub use model::*;

#[cfg(feature = "server")]
mod service {
    use super::model::Channel;
    use crate::store::StoreError;
    use crate::Portal;

    /// A message ready to go: pt-BR text, and HTML for e-mail.
    #[derive(Debug, Clone)]
    pub struct OutgoingMessage {
        pub channel: Channel,
        pub destination: String,
        pub subject: String,
        pub text: String,
        pub html: Option<String>,
    }

    impl Portal {
        /// Queues a message; it is sent by the worker, or held when no transport is set.
        pub async fn notify(&self, message: &OutgoingMessage) -> Result<(), StoreError> {
            let status = if self.transports.handles(message.channel) { "pending" } else { "held" };
            self.store.insert_outbox(message, status, self.now()).await
        }
    }
}

#[cfg(feature = "server")]
pub use service::OutgoingMessage;
