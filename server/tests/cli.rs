//! The `portal` binary itself: sub-commands, configuration errors, graceful shutdown.

#[path = "common/database.rs"]
mod database;

use database::TestDatabase;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Data {
    database: TestDatabase,
    dir: tempfile::TempDir,
}

impl Data {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        Self { database: TestDatabase::create(dir.path()), dir }
    }

    fn portal(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_portal"));
        let root = self.dir.path().display();
        command
            .args(args)
            .env("PORTAL_DATABASE_URL", &self.database.url)
            .env("PORTAL_STORAGE_DIR", format!("{root}/files"))
            .env("PORTAL_SITE_ROOT", format!("{root}/site"))
            .env("PORTAL_ADDR", "127.0.0.1:0")
            .env_remove("PORTAL_ENV")
            .env_remove("PORTAL_PUBLIC_URL")
            .env("RUST_LOG", "info");
        command
    }
}

fn wait_with_deadline(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

#[test]
fn production_without_a_public_url_refuses_to_start_with_a_sentence() {
    let data = Data::new();
    let output = data
        .portal(&["serve"])
        .env("PORTAL_ENV", "production")
        .env_remove("PORTAL_SECRET_KEY")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("PORTAL_PUBLIC_URL é obrigatório em produção"), "{stderr}");
}

#[test]
fn development_mode_refuses_to_start_where_others_can_reach_it() {
    let data = Data::new();
    for (name, value) in [("PORTAL_ADDR", "0.0.0.0:0"), ("PORTAL_PUBLIC_URL", "https://portal.example")] {
        let output = data.portal(&["serve"]).env(name, value).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{name}={value}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("defina PORTAL_ENV=production"), "{stderr}");
    }
}

#[test]
fn demo_loads_once_and_refuses_a_database_with_data() {
    let data = Data::new();
    let first = data.portal(&["demo"]).output().unwrap();
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert!(String::from_utf8_lossy(&first.stdout).contains("ana.souza@exemplo.com.br"));
    let second = data.portal(&["demo"]).output().unwrap();
    assert_eq!(second.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&second.stderr).contains("só entram num banco vazio"));
}

#[test]
fn staff_turn_open_registration_off_and_on() {
    let data = Data::new();
    let run = |args: &[&str]| {
        let output = data.portal(args).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stdout).to_string()
    };
    assert!(run(&["registration"]).starts_with("Cadastro aberto"), "open by default");
    assert!(run(&["registration", "close"]).starts_with("Cadastro fechado"));
    assert!(run(&["registration"]).starts_with("Cadastro fechado"), "kept in the database");
    assert!(run(&["registration", "open"]).starts_with("Cadastro aberto"));
    let wrong = data.portal(&["registration", "talvez"]).output().unwrap();
    assert_eq!(wrong.status.code(), Some(2));
}

#[test]
fn migrate_and_create_staff() {
    let data = Data::new();
    assert!(data.portal(&["migrate"]).status().unwrap().success());
    let create = |email: &str, password: &str| {
        data.portal(&["create-staff", "--name", "Marina", "--email", email, "--role", "financeiro"])
            .env("PORTAL_STAFF_PASSWORD", password)
            .output()
            .unwrap()
    };
    assert!(create("marina@construtora.example", "uma senha longa").status.success());
    let duplicate = create("Marina@Construtora.example", "uma senha longa");
    assert_eq!(duplicate.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&duplicate.stderr)
        .contains("Já existe um usuário da equipe com este e-mail."));
    let weak = create("outra@construtora.example", "curta");
    assert!(String::from_utf8_lossy(&weak.stderr).contains("pelo menos 8 caracteres"));
    let bad_role = data
        .portal(&["create-staff", "--name", "X", "--email", "x@example.com", "--role", "dono"])
        .env("PORTAL_STAFF_PASSWORD", "uma senha longa")
        .output()
        .unwrap();
    assert_eq!(bad_role.status.code(), Some(2));
}

#[test]
fn serve_loads_demo_data_answers_health_and_stops_gracefully_on_sigterm() {
    let data = Data::new();
    let mut child = data.portal(&["serve"]).stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut printed = String::new();
    let address = loop {
        let line = lines.next().expect("server printed its address").unwrap();
        printed.push_str(&line);
        if let Some(rest) = line.split("no ar: http://").nth(1) {
            break rest.split_whitespace().next().unwrap().to_string();
        }
    };
    assert!(printed.contains("imovel-demo-2026"), "demo sign-ins printed on first start");
    let mut stream = std::net::TcpStream::connect(&address).unwrap();
    stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: portal\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200") && answer.contains("\"database\":\"ok\""), "{answer}");
    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let status = wait_with_deadline(&mut child, Duration::from_secs(10)).expect("stops within 10 s");
    assert!(status.success(), "graceful shutdown exits 0: {status:?}");
}

#[test]
fn staff_publish_a_works_photo_from_the_command_line() {
    let data = Data::new();
    assert!(data.portal(&["demo"]).output().unwrap().status.success());
    let photo = data.dir.path().join("obra.png");
    image::RgbImage::from_pixel(800, 600, image::Rgb([120, 120, 120])).save(&photo).unwrap();
    let text = data.dir.path().join("obra.txt");
    std::fs::write(&text, "não é foto").unwrap();
    let add = |development: &str, file: &std::path::Path| {
        let file = file.to_str().unwrap();
        let args = ["add-photo", "--development", development, "--date", "2026-01-05"];
        data.portal(&args).args(["--caption", "Vista da obra pela rua", file]).output().unwrap()
    };

    let published = add("1", &photo);
    assert!(published.status.success(), "{}", String::from_utf8_lossy(&published.stderr));
    assert!(String::from_utf8_lossy(&published.stdout).starts_with("Foto publicada (id "));

    let unknown = add("999", &photo);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("Empreendimento 999 não encontrado"));
    let not_a_photo = add("1", &text);
    assert_eq!(not_a_photo.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&not_a_photo.stderr).contains("JPG, PNG ou WEBP"));
    let missing = add("1", &data.dir.path().join("sumiu.jpg"));
    assert_eq!(missing.status.code(), Some(2));

    // Taken down: the files go too.
    let stdout = String::from_utf8_lossy(&published.stdout).to_string();
    let id = stdout.trim_start_matches("Foto publicada (id ").split(')').next().unwrap().to_string();
    let files = || std::fs::read_dir(data.dir.path().join("files")).unwrap().count();
    let before = files();
    let removed = data.portal(&["remove-photo", &id]).output().unwrap();
    assert!(removed.status.success(), "{}", String::from_utf8_lossy(&removed.stderr));
    assert!(String::from_utf8_lossy(&removed.stdout).contains("Vista da obra pela rua"));
    assert_eq!(files(), before - 2, "the photo and its thumbnail");
    let again = data.portal(&["remove-photo", &id]).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("não encontrada"));
}
