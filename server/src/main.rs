use std::io::{BufRead, IsTerminal};

/// mimalloc gives freed memory back to the system; see server/Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};
use portal::staff::StaffRole;
use portal_server::config::{Config, Environment};
use portal_server::startup::{open_portal, shutdown_signal, Application};
use portal_server::telemetry::{self, LogTarget};

/// Portal do Cliente: the customer portal of a construction company.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serves the portal (the default). In development, an empty database gets demo data.
    Serve,
    /// Creates or updates the database schema and exits.
    Migrate,
    /// Loads demo data into an empty database (refuses one that has data).
    Demo,
    /// Creates a staff user; the password is read from PORTAL_STAFF_PASSWORD or standard input.
    CreateStaff {
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: String,
        /// admin, atendimento or financeiro
        #[arg(long, default_value = "admin")]
        role: String,
    },
    /// Turns open registration (/cadastro and POST /api/v1/identification) on or off, or shows
    /// whether it is on. Buyers provisioned by staff always have the first access.
    Registration {
        #[arg(value_enum)]
        action: Option<RegistrationAction>,
    },
    /// Publishes a photo of the works to the buyers of an empreendimento (JPG, PNG or WEBP;
    /// stored re-encoded, without the camera's metadata, with a thumbnail).
    AddPhoto {
        /// The empreendimento's id.
        #[arg(long)]
        development: i64,
        /// The day the photo was taken, aaaa-mm-dd.
        #[arg(long)]
        date: String,
        /// What the photo shows, in one sentence: buyers read it and screen readers say it.
        #[arg(long)]
        caption: String,
        file: std::path::PathBuf,
    },
    /// Takes down a photo of the works (buyers stop seeing it; its files are deleted).
    RemovePhoto {
        /// The photo's id, as add-photo printed it.
        id: i64,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum RegistrationAction {
    Open,
    Close,
}

/// Sends queued e-mail and SMS every few seconds, for as long as the process runs.
async fn deliver_notifications(portal: portal::Portal) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(5));
    loop {
        tick.tick().await;
        if let Err(error) = portal.deliver_due_messages(50).await {
            tracing::error!(%error, "notification worker failed; retrying");
        }
    }
}

/// Sends due partner webhooks every few seconds, apart from e-mail so a slow partner endpoint
/// never holds a sign-in code back.
async fn deliver_webhooks(portal: portal::Portal) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(5));
    loop {
        tick.tick().await;
        if let Err(error) = portal.deliver_due_webhooks(50).await {
            tracing::error!(%error, "webhook worker failed; retrying");
        }
    }
}

fn print_demo_logins(logins: &[portal::demo::DemoLogin]) {
    println!("Dados de demonstração carregados. Acessos:");
    for login in logins {
        println!("  {:<36} login: {:<48} senha: {}", login.who, login.login, login.password);
    }
}

/// The demo data and the demo partner; the sign-ins to print.
async fn load_demo(portal: &portal::Portal) -> Result<Vec<portal::demo::DemoLogin>, portal::demo::DemoError> {
    let mut logins = portal.load_demo().await?;
    logins.push(portal.load_demo_partner().await?);
    Ok(logins)
}

fn main() -> anyhow::Result<()> {
    // Idle blocking threads (argon2, photos, files) end after 2 s instead of tokio's 10, so the
    // memory their work touched goes back soon after a burst.
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_keep_alive(std::time::Duration::from_secs(2))
        .build()?
        .block_on(run())
}

async fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("Erro de configuração: {error}");
            std::process::exit(2);
        }
    };
    let command = cli.command.unwrap_or(Command::Serve);
    // A one-shot command's stdout is its answer; its logs go to stderr.
    let log_to = if matches!(command, Command::Serve) { LogTarget::Stdout } else { LogTarget::Stderr };
    telemetry::init(config.environment, log_to);
    let portal = open_portal(&config).await?;

    match command {
        Command::Serve => {
            if config.environment == Environment::Development && portal.store.is_empty().await? {
                print_demo_logins(&load_demo(&portal).await?);
            }
            tokio::spawn(deliver_notifications(portal.clone()));
            tokio::spawn(deliver_webhooks(portal.clone()));
            let app = Application::bind(&config, portal.clone()).await?;
            tracing::info!(address = %app.local_addr(), "Portal do Cliente no ar: http://{}", app.local_addr());
            app.serve(shutdown_signal()).await?;
            portal.store.close().await;
        }
        Command::Migrate => println!("Banco de dados atualizado."),
        Command::Demo => match load_demo(&portal).await {
            Ok(logins) => print_demo_logins(&logins),
            Err(error) => {
                eprintln!("{error}");
                std::process::exit(1);
            }
        },
        Command::CreateStaff { name, email, role } => {
            let Some(role) = StaffRole::parse(&role) else {
                eprintln!("Papel inválido: use admin, atendimento ou financeiro.");
                std::process::exit(2);
            };
            let password = match std::env::var("PORTAL_STAFF_PASSWORD") {
                Ok(password) => password,
                Err(_) => {
                    if std::io::stdin().is_terminal() {
                        eprintln!("Digite a senha do novo usuário e tecle Enter:");
                    }
                    let mut line = String::new();
                    std::io::stdin().lock().read_line(&mut line)?;
                    line.trim_end_matches(['\r', '\n']).to_string()
                }
            };
            match portal.create_staff(&name, &email, role, &password).await {
                Ok(id) => println!("Usuário da equipe criado (id {id})."),
                Err(error) => {
                    eprintln!("Não foi possível criar o usuário: {error}");
                    std::process::exit(1);
                }
            }
        }
        Command::AddPhoto { development, date, caption, file } => {
            let bytes = match std::fs::read(&file) {
                Ok(bytes) => bytes,
                Err(error) => {
                    eprintln!("Não foi possível ler {}: {error}", file.display());
                    std::process::exit(2);
                }
            };
            let photo = portal::property::photos::NewWorksPhoto {
                development_id: development,
                taken_on: &date,
                caption: &caption,
                bytes: &bytes,
            };
            match portal.add_works_photo(photo, portal::audit::Actor::System).await {
                Ok(id) => println!("Foto publicada (id {id})."),
                Err(portal::property::photos::PhotoError::DevelopmentNotFound) => {
                    eprintln!("Empreendimento {development} não encontrado.");
                    std::process::exit(1);
                }
                Err(error) => {
                    eprintln!("Foto recusada: {error}");
                    std::process::exit(1);
                }
            }
        }
        Command::RemovePhoto { id } => {
            match portal.remove_works_photo(id, portal::audit::Actor::System).await {
                Ok(caption) => println!("Foto {id} removida ({caption})."),
                Err(portal::property::photos::PhotoError::PhotoNotFound) => {
                    eprintln!("Foto {id} não encontrada.");
                    std::process::exit(1);
                }
                Err(error) => return Err(error.into()),
            }
        }
        Command::Registration { action } => {
            if let Some(action) = action {
                let open = matches!(action, RegistrationAction::Open);
                portal.set_registration_open(open, portal::audit::Actor::System).await?;
            }
            if portal.registration_open().await? {
                println!("Cadastro aberto: qualquer pessoa pode se cadastrar em /cadastro.");
            } else {
                println!(
                    "Cadastro fechado: só compradores cadastrados pela construtora entram (primeiro acesso)."
                );
            }
        }
    }
    Ok(())
}
