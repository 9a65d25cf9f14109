//! The role matrix: every back-office route (pages, server functions, the server's own routes)
//! × every role and scope, plus a buyer session and no session, from one table. The table must
//! name every staff route the application has, so a new one cannot be left out.

mod common;

use common::*;
use portal::staff::{Permission, StaffRole};
use reqwest::multipart::{Form, Part};
use reqwest::StatusCode;

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

/// Who may use a route.
#[derive(Clone, Copy, Debug)]
enum Access {
    /// The sign-in and sign-out themselves.
    Public,
    Needs(Permission),
    /// The permission, and every empreendimento in scope (creating an empreendimento).
    NeedsUnscoped(Permission),
}

/// Every staff route and what it needs. `{id}` is a conversation or, for files, an attachment.
const MATRIX: &[(&str, &str, Access)] = &[
    ("GET", "/equipe", Access::Needs(Permission::ViewDashboard)),
    ("GET", "/equipe/entrar", Access::Public),
    ("GET", "/equipe/mensagens", Access::Needs(Permission::ViewMessages)),
    ("GET", "/equipe/mensagens/{id}", Access::Needs(Permission::ViewMessages)),
    ("POST", "/api/equipe/entrar", Access::Public),
    ("POST", "/api/equipe/sair", Access::Public),
    ("POST", "/api/equipe/sessao", Access::Public),
    ("POST", "/api/equipe/painel", Access::Needs(Permission::ViewDashboard)),
    ("POST", "/api/equipe/mensagens", Access::Needs(Permission::ViewMessages)),
    ("POST", "/api/equipe/mensagem", Access::Needs(Permission::ViewMessages)),
    ("POST", "/api/equipe/mensagem-rascunho", Access::Needs(Permission::ViewMessages)),
    ("POST", "/api/equipe/mensagem-situacao", Access::Needs(Permission::AnswerMessages)),
    ("POST", "/equipe/mensagens/{id}/responder", Access::Needs(Permission::AnswerMessages)),
    ("GET", "/equipe/mensagens/anexos/{id}", Access::Needs(Permission::ViewMessages)),
    ("GET", "/equipe/convite", Access::Public),
    ("GET", "/equipe/esqueci-senha", Access::Public),
    ("GET", "/equipe/esqueci-senha/nova-senha", Access::Public),
    ("POST", "/api/equipe/convite", Access::Public),
    ("POST", "/api/equipe/convite-aceitar", Access::Public),
    ("POST", "/api/equipe/esqueci-senha", Access::Public),
    ("POST", "/api/equipe/nova-senha", Access::Public),
    ("GET", "/equipe/pessoas", Access::Needs(Permission::ViewPeople)),
    ("GET", "/equipe/pessoas/nova", Access::Needs(Permission::EditPeople)),
    ("GET", "/equipe/pessoas/{id}", Access::Needs(Permission::ViewPeople)),
    ("GET", "/equipe/pessoas/{id}/editar", Access::Needs(Permission::EditPeople)),
    ("POST", "/api/equipe/pessoas", Access::Needs(Permission::ViewPeople)),
    ("POST", "/api/equipe/pessoa", Access::Needs(Permission::ViewPeople)),
    ("POST", "/api/equipe/pessoa-rascunho", Access::Needs(Permission::EditPeople)),
    ("POST", "/api/equipe/pessoa-nova", Access::Needs(Permission::EditPeople)),
    ("POST", "/api/equipe/pessoa-editar", Access::Needs(Permission::EditPeople)),
    ("POST", "/api/equipe/pessoa-acao", Access::Needs(Permission::EditPeople)),
    ("GET", "/equipe/configuracoes", Access::Needs(Permission::ManageSettings)),
    ("POST", "/api/equipe/configuracoes", Access::Needs(Permission::ManageSettings)),
    ("POST", "/api/equipe/configuracao", Access::Needs(Permission::ManageSettings)),
    ("GET", "/equipe/parceiros", Access::Needs(Permission::ManageSettings)),
    ("GET", "/equipe/parceiros/novo", Access::Needs(Permission::ManageSettings)),
    ("GET", "/equipe/parceiros/{id}", Access::Needs(Permission::ManageSettings)),
    ("POST", "/api/equipe/parceiros", Access::Needs(Permission::ManageSettings)),
    ("POST", "/api/equipe/parceiro", Access::Needs(Permission::ManageSettings)),
    ("POST", "/api/equipe/parceiro-formulario", Access::Needs(Permission::ManageSettings)),
    ("POST", "/api/equipe/parceiro-criar", Access::Needs(Permission::ManageSettings)),
    ("POST", "/api/equipe/parceiro-salvar", Access::Needs(Permission::ManageSettings)),
    ("POST", "/api/equipe/parceiro-chave", Access::Needs(Permission::ManageSettings)),
    ("POST", "/api/equipe/parceiro-pessoa", Access::Needs(Permission::ManageSettings)),
    ("POST", "/api/equipe/parceiro-funcionalidade", Access::Needs(Permission::ManageSettings)),
    ("POST", "/api/equipe/parceiro-webhook", Access::Needs(Permission::ManageSettings)),
    ("POST", "/api/equipe/parceiro-origem", Access::Needs(Permission::ManageSettings)),
    ("GET", "/equipe/anuncios", Access::Needs(Permission::ManageSettings)),
    ("POST", "/api/equipe/anuncios", Access::Needs(Permission::ManageSettings)),
    ("POST", "/api/equipe/anuncios-liberar", Access::Needs(Permission::ManageSettings)),
    ("POST", "/api/equipe/anuncios-credenciais", Access::Needs(Permission::ManageSettings)),
    ("POST", "/api/equipe/anuncios-integrador", Access::Needs(Permission::ManageSettings)),
    ("POST", "/api/equipe/anuncios-desconectar", Access::Needs(Permission::ManageSettings)),
    ("GET", "/equipe/anuncios/oauth/conectar", Access::Needs(Permission::ManageSettings)),
    ("GET", "/equipe/anuncios/oauth/retorno", Access::Needs(Permission::ManageSettings)),
    ("GET", "/equipe/usuarios", Access::Needs(Permission::ManageStaff)),
    ("GET", "/equipe/usuarios/novo", Access::Needs(Permission::ManageStaff)),
    ("GET", "/equipe/usuarios/{id}", Access::Needs(Permission::ManageStaff)),
    ("POST", "/api/equipe/usuarios", Access::Needs(Permission::ManageStaff)),
    ("POST", "/api/equipe/usuario", Access::Needs(Permission::ManageStaff)),
    ("POST", "/api/equipe/usuario-formulario", Access::Needs(Permission::ManageStaff)),
    ("POST", "/api/equipe/convidar", Access::Needs(Permission::ManageStaff)),
    ("POST", "/api/equipe/usuario-acesso", Access::Needs(Permission::ManageStaff)),
    ("POST", "/api/equipe/usuario-situacao", Access::Needs(Permission::ManageStaff)),
    ("POST", "/api/equipe/usuario-encerrar-sessao", Access::Needs(Permission::ManageStaff)),
    ("GET", "/equipe/empreendimentos", Access::Needs(Permission::ViewRecords)),
    ("GET", "/equipe/empreendimentos/novo", Access::NeedsUnscoped(Permission::EditRecords)),
    ("GET", "/equipe/empreendimentos/{id}", Access::Needs(Permission::ViewRecords)),
    ("GET", "/equipe/empreendimentos/{id}/editar", Access::Needs(Permission::EditRecords)),
    ("GET", "/equipe/empreendimentos/{id}/unidades/novas", Access::Needs(Permission::EditRecords)),
    ("GET", "/equipe/unidades/{id}", Access::Needs(Permission::ViewRecords)),
    ("POST", "/equipe/empreendimentos/{id}/fotos", Access::Needs(Permission::EditRecords)),
    ("GET", "/equipe/fotos/{id}", Access::Needs(Permission::ViewRecords)),
    ("POST", "/api/equipe/empreendimentos", Access::Needs(Permission::ViewRecords)),
    ("POST", "/api/equipe/empreendimento", Access::Needs(Permission::ViewRecords)),
    ("POST", "/api/equipe/empreendimento-formulario", Access::Needs(Permission::EditRecords)),
    ("POST", "/api/equipe/empreendimento-novo", Access::NeedsUnscoped(Permission::EditRecords)),
    ("POST", "/api/equipe/empreendimento-editar", Access::Needs(Permission::EditRecords)),
    ("POST", "/api/equipe/empreendimento-etapas", Access::Needs(Permission::EditRecords)),
    ("POST", "/api/equipe/empreendimento-bloco", Access::Needs(Permission::EditRecords)),
    ("POST", "/api/equipe/foto-retirar", Access::Needs(Permission::EditRecords)),
    ("POST", "/api/equipe/unidades-formulario", Access::Needs(Permission::EditRecords)),
    ("POST", "/api/equipe/unidades-novas", Access::Needs(Permission::EditRecords)),
    ("POST", "/api/equipe/unidade", Access::Needs(Permission::ViewRecords)),
    ("POST", "/api/equipe/unidade-editar", Access::Needs(Permission::EditRecords)),
    ("POST", "/api/equipe/unidade-situacao", Access::Needs(Permission::EditRecords)),
    ("GET", "/equipe/contratos", Access::Needs(Permission::ViewRecords)),
    ("GET", "/equipe/contratos/novo", Access::Needs(Permission::EditRecords)),
    ("GET", "/equipe/contratos/{id}", Access::Needs(Permission::ViewRecords)),
    ("GET", "/equipe/parcelas/{id}", Access::Needs(Permission::ViewRecords)),
    ("POST", "/api/equipe/contratos", Access::Needs(Permission::ViewRecords)),
    ("POST", "/api/equipe/contrato", Access::Needs(Permission::ViewRecords)),
    ("POST", "/api/equipe/contrato-formulario", Access::Needs(Permission::EditRecords)),
    ("POST", "/api/equipe/contrato-novo", Access::Needs(Permission::EditRecords)),
    ("POST", "/api/equipe/contrato-situacao", Access::Needs(Permission::EditRecords)),
    ("POST", "/api/equipe/contrato-partes", Access::Needs(Permission::EditRecords)),
    ("POST", "/api/equipe/contrato-plano", Access::Needs(Permission::EditFinance)),
    ("POST", "/api/equipe/parcela", Access::Needs(Permission::ViewRecords)),
    ("POST", "/api/equipe/parcela-editar", Access::Needs(Permission::EditFinance)),
    ("GET", "/equipe/documentos", Access::Needs(Permission::ViewRecords)),
    ("GET", "/equipe/documentos/novo", Access::Needs(Permission::EditRecords)),
    ("GET", "/equipe/documentos/{id}", Access::Needs(Permission::ViewRecords)),
    ("POST", "/equipe/documentos/publicar", Access::Needs(Permission::EditRecords)),
    ("POST", "/equipe/documentos/{id}/substituir", Access::Needs(Permission::EditRecords)),
    ("GET", "/equipe/documentos/arquivos/{id}", Access::Needs(Permission::ViewRecords)),
    ("POST", "/api/equipe/documentos", Access::Needs(Permission::ViewRecords)),
    ("POST", "/api/equipe/documento", Access::Needs(Permission::ViewRecords)),
    ("POST", "/api/equipe/documento-formulario", Access::Needs(Permission::EditRecords)),
    ("POST", "/api/equipe/documento-situacao", Access::Needs(Permission::EditRecords)),
    ("GET", "/equipe/configuracoes/empresas/nova", Access::Needs(Permission::ManageSettings)),
    ("GET", "/equipe/configuracoes/empresas/{id}", Access::Needs(Permission::ManageSettings)),
    ("POST", "/equipe/configuracoes/empresas/{id}/logo", Access::Needs(Permission::ManageSettings)),
    ("POST", "/api/equipe/empresas", Access::Needs(Permission::ManageSettings)),
    ("POST", "/api/equipe/empresa", Access::Needs(Permission::ManageSettings)),
    ("POST", "/api/equipe/empresa-salvar", Access::Needs(Permission::ManageSettings)),
    ("POST", "/api/equipe/empresa-acao", Access::Needs(Permission::ManageSettings)),
    ("GET", "/equipe/financeiro", Access::NeedsUnscoped(Permission::ViewFinance)),
    ("GET", "/equipe/financeiro/empresas/{id}", Access::NeedsUnscoped(Permission::ViewFinance)),
    ("GET", "/equipe/financeiro/retornos/{id}", Access::NeedsUnscoped(Permission::ViewFinance)),
    ("GET", "/equipe/financeiro/arquivos/{id}", Access::NeedsUnscoped(Permission::ViewFinance)),
    ("POST", "/equipe/financeiro/retornos", Access::NeedsUnscoped(Permission::EditFinance)),
    ("POST", "/api/equipe/cobranca", Access::NeedsUnscoped(Permission::ViewFinance)),
    ("POST", "/api/equipe/cobranca-empresa", Access::NeedsUnscoped(Permission::ViewFinance)),
    ("POST", "/api/equipe/cobranca-empresa-salvar", Access::NeedsUnscoped(Permission::EditFinance)),
    ("POST", "/api/equipe/remessa-gerar", Access::NeedsUnscoped(Permission::EditFinance)),
    ("POST", "/api/equipe/retorno", Access::NeedsUnscoped(Permission::ViewFinance)),
    ("POST", "/api/equipe/retorno-aplicar", Access::NeedsUnscoped(Permission::EditFinance)),
    ("GET", "/equipe/financeiro/inadimplencia", Access::NeedsUnscoped(Permission::ViewFinance)),
    ("GET", "/equipe/financeiro/recebimentos", Access::NeedsUnscoped(Permission::ViewFinance)),
    ("GET", "/equipe/financeiro/inadimplencia.csv", Access::NeedsUnscoped(Permission::ViewFinance)),
    ("GET", "/equipe/financeiro/recebimentos.csv", Access::NeedsUnscoped(Permission::ViewFinance)),
    ("GET", "/equipe/financeiro/indices", Access::Needs(Permission::ViewFinance)),
    ("POST", "/equipe/financeiro/indices/importar", Access::NeedsUnscoped(Permission::EditFinance)),
    ("POST", "/api/equipe/indices", Access::Needs(Permission::ViewFinance)),
    ("POST", "/api/equipe/indice-salvar", Access::NeedsUnscoped(Permission::EditFinance)),
    ("POST", "/api/equipe/contrato-correcao", Access::Needs(Permission::EditFinance)),
    ("POST", "/api/equipe/inadimplencia", Access::NeedsUnscoped(Permission::ViewFinance)),
    ("POST", "/api/equipe/recebimentos", Access::NeedsUnscoped(Permission::ViewFinance)),
    ("POST", "/api/equipe/parcela-pagar", Access::Needs(Permission::EditFinance)),
    ("POST", "/api/equipe/parcela-segunda-via", Access::Needs(Permission::EditFinance)),
    ("POST", "/api/equipe/parcela-desfazer-pagamento", Access::Needs(Permission::EditFinance)),
];

#[tokio::test]
async fn the_table_names_every_staff_route() {
    let mut table: Vec<(String, String)> =
        MATRIX.iter().map(|(method, path, _)| (method.to_string(), path.to_string())).collect();
    table.sort();
    assert_eq!(portal_server::http::staff_endpoints(), table, "add the new staff route to MATRIX");
}

/// The records the requests are about: a conversation and its file (in the caller's scope or
/// not), and another staff user with an open session.
struct Records {
    thread: i64,
    attachment: i64,
    staff: i64,
    staff_session: i64,
    /// A buyer of the same empreendimento, and their edit form as it stands (saving it
    /// changes nothing).
    person: i64,
    person_form: Vec<(&'static str, String)>,
    /// An empreendimento, a unit of it without a contract, and their forms as they stand.
    development: i64,
    development_form: Vec<(String, String)>,
    unit: i64,
    unit_form: Vec<(String, String)>,
    photo: i64,
    /// A contract in force, and an unpaid installment of it with its form as it stands.
    contract: i64,
    installment: i64,
    installment_form: Vec<(String, String)>,
    /// A document published to that contract.
    document: i64,
    /// The demo company's CNPJ, as its form shows it.
    company_cnpj: String,
    /// A retorno of the demo company, imported and not applied.
    cnab_file: i64,
}

/// A valid CPF that no one has: 9 digits from `seed`, then its two check digits.
fn fresh_cpf(seed: u64) -> String {
    let base: Vec<u32> = format!("{:09}", 100_000_000 + seed * 7_919 % 800_000_000)
        .chars()
        .map(|c| c.to_digit(10).unwrap())
        .collect();
    let digit = |digits: &[u32]| {
        let weight = digits.len() as u32 + 1;
        let sum: u32 = digits.iter().enumerate().map(|(i, d)| d * (weight - i as u32)).sum();
        let rest = sum % 11;
        if rest < 2 {
            0
        } else {
            11 - rest
        }
    };
    let mut digits = base.clone();
    digits.push(digit(&digits));
    digits.push(digit(&digits));
    digits.iter().map(u32::to_string).collect()
}

/// The edit form of a person as it stands, as the page would send it.
fn person_form_of(form: &portal::registration::RegistrationForm) -> Vec<(&'static str, String)> {
    vec![
        ("person[legal_personality]", form.legal_personality.clone()),
        ("person[name1]", form.name1.clone()),
        ("person[name2]", form.name2.clone()),
        ("person[document2]", form.document2.clone()),
        ("person[date_of_birth]", form.date_of_birth.clone()),
        ("person[gender]", form.gender.clone()),
        ("person[email]", form.email.clone()),
        ("person[telephone_ddd]", form.telephone_ddd.clone()),
        ("person[telephone_number]", form.telephone_number.clone()),
    ]
}

/// The form a page would send to `path`, about `records`.
fn form_for(path: &str, records: &Records) -> Vec<(&'static str, String)> {
    let staff = records.staff.to_string();
    match path {
        "/api/equipe/mensagem-rascunho" => vec![("id", "0123456789abcdef0123456789abcdef".into())],
        "/api/equipe/usuario" => vec![("id", staff)],
        "/api/equipe/parceiro" => vec![("id", "1".into())],
        "/api/equipe/parceiro-criar" | "/api/equipe/parceiro-salvar" => vec![
            ("id", "1".into()),
            ("name", "Parceiro da matriz".into()),
            ("contact_email", "ti@parceiro.exemplo.com.br".into()),
            ("scopes[]", "remote_login".into()),
            ("scopes[]", "listings".into()),
            ("origins", String::new()),
            ("requests_per_minute", "100".into()),
        ],
        "/api/equipe/parceiro-chave" => {
            vec![("id", "1".into()), ("action", "gerar".into()), ("grace_days", "0".into())]
        }
        "/api/equipe/parceiro-funcionalidade" | "/api/equipe/parceiro-origem" => {
            vec![("id", "1".into()), ("action", "adicionar".into())]
        }
        "/api/equipe/parceiro-webhook" => {
            vec![("id", "1".into()), ("action", "ativar".into()), ("endpoint", "1".into())]
        }
        // OLX (OAuth, configured for this test): released before its connection is asked for.
        "/api/equipe/anuncios-liberar" | "/api/equipe/anuncios-desconectar" => {
            vec![("company", "1".into()), ("portal", "5".into())]
        }
        "/api/equipe/anuncios-credenciais" => vec![
            ("credentials[company]", "1".into()),
            ("credentials[portal]", "6".into()),
            ("credentials[active]", "0".into()),
            ("credentials[remove_all]", "0".into()),
        ],
        "/api/equipe/anuncios-integrador" => {
            vec![("company", "1".into()), ("partner", "1".into()), ("action", "retirar".into())]
        }
        "/api/equipe/parceiro-pessoa" => {
            vec![("id", "1".into()), ("action", "vincular".into()), ("document", "000.000.000-00".into())]
        }
        "/api/equipe/usuario-acesso" => {
            vec![("id", staff), ("role", "atendimento".into()), ("expires_on", String::new())]
        }
        "/api/equipe/usuario-situacao" => vec![("id", staff), ("action", "reativar".into())],
        "/api/equipe/usuario-encerrar-sessao" => {
            vec![("id", staff), ("session", records.staff_session.to_string())]
        }
        "/api/equipe/convidar" => vec![
            ("name", "Pessoa Convidada".into()),
            ("email", format!("convite-{}@horizonte.exemplo.com.br", rand_suffix())),
            ("role", "atendimento".into()),
            ("expires_on", String::new()),
        ],
        "/api/equipe/pessoa" => vec![("id", records.person.to_string())],
        "/api/equipe/empreendimento" | "/api/equipe/unidades-formulario" => {
            vec![("id", records.development.to_string())]
        }
        "/api/equipe/empreendimento-formulario" => vec![("creating", "false".into())],
        "/api/equipe/empreendimento-novo" => {
            let n = rand_suffix();
            let mut form = named(&records.development_form);
            form.retain(|(name, _)| *name != "development[name]");
            form.push(("development[name]", format!("Empreendimento da matriz {n}")));
            form
        }
        "/api/equipe/empreendimento-editar" => {
            let mut form = named(&records.development_form);
            form.push(("id", records.development.to_string()));
            form
        }
        "/api/equipe/empreendimento-etapas" => vec![("id", records.development.to_string())],
        "/api/equipe/empreendimento-bloco" => {
            vec![
                ("id", records.development.to_string()),
                ("name", format!("Bloco da matriz {}", rand_suffix())),
            ]
        }
        "/api/equipe/foto-retirar" => vec![("id", records.photo.to_string())],
        "/api/equipe/unidades-novas" => vec![
            ("id", records.development.to_string()),
            ("units[floor_from]", "0".into()),
            ("units[floor_to]", "0".into()),
            ("units[per_floor]", "1".into()),
            ("units[numbering]", "sequencial".into()),
            ("units[first_number]", (9000 + rand_suffix()).to_string()),
            ("units[kind]", "Loja".into()),
            ("units[area]", "30".into()),
        ],
        "/api/equipe/unidade" => vec![("id", records.unit.to_string())],
        "/api/equipe/unidade-editar" => {
            let mut form = named(&records.unit_form);
            form.push(("id", records.unit.to_string()));
            form
        }
        "/api/equipe/unidade-situacao" => {
            vec![("id", records.unit.to_string()), ("status", "reservada".into())]
        }
        "/api/equipe/contrato" | "/api/equipe/contrato-plano" => vec![
            ("id", records.contract.to_string()),
            ("plan[kind]", "mensal".into()),
            ("plan[first_due]", "2027-01-10".into()),
            ("plan[count]", "2".into()),
            ("plan[amount]", "100".into()),
        ],
        "/api/equipe/contrato-formulario" => vec![("unit", records.unit.to_string())],
        "/api/equipe/contrato-partes" => vec![("id", records.contract.to_string()), ("equal", "1".into())],
        "/api/equipe/parcela" => vec![("id", records.installment.to_string())],
        "/api/equipe/cobranca-empresa" => vec![("id", "1".into())],
        "/api/equipe/cobranca-empresa-salvar" => {
            let mut form: Vec<(&'static str, String)> = [
                "mode",
                "bank_code",
                "agency",
                "account",
                "agreement",
                "wallet",
                "wallet_variation",
                "beneficiary_name",
                "pix_key",
                "pix_city",
                "late_fine",
                "monthly_interest",
                "monthly_discount",
                "days_payable_after_due",
            ]
            .iter()
            .map(|field| (&*Box::leak(format!("billing[{field}]").into_boxed_str()), String::new()))
            .collect();
            form.push(("id", "1".into()));
            form
        }
        "/api/equipe/remessa-gerar" => vec![("company", "1".into()), ("due_until", String::new())],
        "/api/equipe/retorno" | "/api/equipe/retorno-aplicar" => vec![("id", records.cnab_file.to_string())],
        "/api/equipe/parcela-pagar" => vec![
            ("id", records.installment.to_string()),
            ("payment[paid_on]", String::new()),
            ("payment[amount]", String::new()),
            ("payment[reason]", String::new()),
        ],
        "/api/equipe/parcela-segunda-via" => {
            vec![("id", records.installment.to_string()), ("due", String::new())]
        }
        "/api/equipe/parcela-desfazer-pagamento" => {
            vec![("id", records.installment.to_string()), ("reason", String::new())]
        }
        "/api/equipe/cobranca"
        | "/api/equipe/inadimplencia"
        | "/api/equipe/recebimentos"
        | "/api/equipe/indices" => {
            vec![]
        }
        "/api/equipe/indice-salvar" => {
            vec![
                ("value[index]", String::new()),
                ("value[month]", String::new()),
                ("value[value]", String::new()),
            ]
        }
        "/api/equipe/contrato-correcao" => vec![
            ("id", records.contract.to_string()),
            ("correction[index]", String::new()),
            ("correction[base_month]", String::new()),
            ("correction[after_index]", String::new()),
            ("correction[switch_month]", String::new()),
        ],
        "/api/equipe/documento" => vec![("id", records.document.to_string())],
        "/api/equipe/empresa" => vec![("id", "1".into())],
        "/api/equipe/empresa-acao" => vec![("id", "1".into()), ("action", "marca-padrao".into())],
        "/api/equipe/empresa-salvar" => vec![
            ("id", "1".into()),
            ("company[name]", "Construtora Horizonte Ltda".into()),
            ("company[cnpj]", records.company_cnpj.clone()),
        ],
        "/api/equipe/documento-formulario" => {
            vec![("scope", "contrato".into()), ("id", records.contract.to_string())]
        }
        "/api/equipe/documento-situacao" => {
            vec![("id", records.document.to_string()), ("action", "publicar".into())]
        }
        "/api/equipe/parcela-editar" => {
            let mut form = named(&records.installment_form);
            form.push(("id", records.installment.to_string()));
            form
        }
        "/api/equipe/configuracao" => vec![("action", "abrir-cadastro".into())],
        "/api/equipe/pessoa-rascunho" => vec![],
        "/api/equipe/pessoa-acao" => vec![("id", records.person.to_string()), ("action", "confirmar".into())],
        "/api/equipe/pessoa-editar" => {
            let mut form = records.person_form.clone();
            form.push(("id", records.person.to_string()));
            form
        }
        "/api/equipe/pessoa-nova" => {
            let n = rand_suffix();
            vec![
                ("person[legal_personality]", "0".into()),
                ("person[name1]", "Pessoa".into()),
                ("person[name2]", format!("Nova Número {n}")),
                ("person[document1]", fresh_cpf(n)),
                ("person[email]", format!("pessoa-{n}@exemplo.com.br")),
            ]
        }
        _ => vec![("id", records.thread.to_string()), ("action", "reabrir".into())],
    }
}

/// Form fields with names that live as long as the test.
fn named(fields: &[(String, String)]) -> Vec<(&'static str, String)> {
    fields.iter().map(|(name, value)| (&*Box::leak(name.clone().into_boxed_str()), value.clone())).collect()
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// What a caller gets: allowed (2xx, or a redirect that is not the sign-in), 403, 404, or
/// sent to sign in (401 for server functions, a redirect to `/equipe/entrar` for the rest).
#[derive(Debug, PartialEq)]
enum Outcome {
    Allowed,
    Forbidden,
    NotFound,
    SignIn,
}

fn outcome_of(response: &reqwest::Response) -> Outcome {
    let status = response.status();
    match status {
        StatusCode::FORBIDDEN => Outcome::Forbidden,
        StatusCode::NOT_FOUND => Outcome::NotFound,
        StatusCode::UNAUTHORIZED => Outcome::SignIn,
        // Past the role and scope checks, refused for what the form says.
        StatusCode::UNPROCESSABLE_ENTITY => Outcome::Allowed,
        status if status.is_redirection() && location(response).starts_with("/equipe/entrar") => {
            Outcome::SignIn
        }
        status if status.is_success() || status.is_redirection() => Outcome::Allowed,
        status => panic!("unexpected {status}"),
    }
}

async fn call(
    portal: &TestPortal,
    method: &str,
    path: &str,
    records: &Records,
    cookie: Option<&str>,
) -> reqwest::Response {
    let id = if path.starts_with("/equipe/configuracoes/empresas/")
        || path.starts_with("/equipe/financeiro/empresas/")
    {
        1
    } else if path.starts_with("/equipe/financeiro/") {
        records.cnab_file
    } else if path.contains("/anexos/") {
        records.attachment
    } else if path.starts_with("/equipe/fotos/") {
        records.photo
    } else if path.starts_with("/equipe/empreendimentos/") {
        records.development
    } else if path.starts_with("/equipe/unidades/") || path == "/equipe/contratos/novo" {
        records.unit
    } else if path.starts_with("/equipe/contratos/") {
        records.contract
    } else if path.starts_with("/equipe/parcelas/") {
        records.installment
    } else if path.starts_with("/equipe/documentos/") {
        records.document
    } else if path.starts_with("/equipe/usuarios/") {
        records.staff
    } else if path.starts_with("/equipe/parceiros/") {
        1
    } else if path.starts_with("/equipe/pessoas/") {
        records.person
    } else {
        records.thread
    };
    let url = if path == "/equipe/contratos/novo" {
        portal.url(&format!("{path}?unidade={id}"))
    } else if path == "/equipe/documentos/novo" {
        portal.url(&format!("{path}?escopo=contrato&id={}", records.contract))
    } else if path == "/equipe/anuncios/oauth/conectar" {
        portal.url(&format!("{path}?empresa=1&portal=5"))
    } else {
        portal.url(&path.replace("{id}", &id.to_string()))
    };
    let mut request = if method == "GET" { portal.client.get(url) } else { portal.client.post(url) };
    request = request.header("origin", &portal.base).header("accept", "application/json");
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request = if path.ends_with("/responder") {
        request.multipart(Form::new().text("body", "Resposta da matriz de perfis."))
    } else if path == "/equipe/documentos/publicar" {
        request.header("accept", "text/html").multipart(document_upload(records.contract))
    } else if path.ends_with("/substituir") {
        // A version is replaced once: each call replaces a fresh document.
        let admin = portal.portal.staff_member(1).await.unwrap();
        let fresh = portal.portal.publish_document(&admin, document_of(records.contract)).await.unwrap();
        let url = portal.url(&format!("/equipe/documentos/{fresh}/substituir"));
        let request = if method == "GET" { portal.client.get(url) } else { portal.client.post(url) };
        let request = request.header("origin", &portal.base).header("accept", "text/html");
        let request = match cookie {
            Some(cookie) => request.header("cookie", cookie),
            None => request,
        };
        return request
            .multipart(Form::new().part("file", Part::bytes(PDF.to_vec()).file_name("nova.pdf")))
            .send()
            .await
            .unwrap();
    } else if path == "/equipe/financeiro/indices/importar" {
        request.header("accept", "text/html").multipart(
            Form::new()
                .text("index", "ipca")
                .part("csv", Part::bytes(b"lixo".to_vec()).file_name("ipca.csv")),
        )
    } else if path == "/equipe/financeiro/retornos" {
        request
            .header("accept", "text/html")
            .multipart(Form::new().part("retorno", Part::bytes(b"not a retorno".to_vec()).file_name("x.ret")))
    } else if path.ends_with("/logo") {
        request
            .header("accept", "text/html")
            .multipart(Form::new().part("logo", Part::bytes(png()).file_name("logo.png")))
    } else if path.ends_with("/fotos") {
        request.header("accept", "text/html").multipart(
            Form::new()
                .part("photo", Part::bytes(photo_bytes()).file_name("obra.jpg"))
                .text("taken_on", "2026-11-20")
                .text("caption", "Foto da matriz de perfis"),
        )
    } else if path == "/api/equipe/foto-retirar" {
        // Taking a photo down is once per photo: each call takes down a fresh one.
        let photo = portal::property::photos::NewWorksPhoto {
            development_id: records.development,
            taken_on: "2026-11-20",
            caption: "Foto a retirar",
            bytes: &photo_bytes(),
        };
        let fresh = portal.portal.add_works_photo(photo, portal::audit::Actor::System).await.unwrap();
        request.form(&[("id", fresh.to_string())])
    } else if path == "/api/equipe/contrato-novo" {
        // A contract needs a unit without one: each call sells a fresh unit.
        let admin = portal.portal.staff_member(1).await.unwrap();
        let batch = portal::records::UnitBatchForm {
            floor_from: "0".into(),
            floor_to: "0".into(),
            per_floor: "1".into(),
            numbering: "sequencial".into(),
            first_number: (7000 + rand_suffix()).to_string(),
            kind: "Loja".into(),
            area: "30".into(),
            ..Default::default()
        };
        portal.portal.create_units(&admin, records.development, &batch).await.unwrap();
        let units = portal.portal.staff_development(&admin, records.development).await.unwrap().units;
        let fresh = units.iter().filter(|unit| unit.contract.is_none()).map(|unit| unit.id).max().unwrap();
        request.form(&[
            ("contract[unit]", fresh.to_string()),
            ("contract[number]", format!("MATRIZ-{}", rand_suffix())),
            ("contract[signed_on]", "2026-11-10".into()),
            ("contract[total]", "1000".into()),
            ("contract[status]", "ativo".into()),
            ("contract[titular]", CARLOS_CPF.into()),
        ])
    } else if path == "/api/equipe/contrato-situacao" {
        // Back and forth between ativo and quitado, so every call has a move to make.
        let admin = portal.portal.staff_member(1).await.unwrap();
        let now = portal.portal.staff_contract(&admin, records.contract).await.unwrap().status;
        let next = if now == "quitado" { "ativo" } else { "quitado" };
        request.form(&[
            ("id", records.contract.to_string()),
            ("status", next.to_string()),
            ("reason", "Matriz de perfis".to_string()),
        ])
    } else if path.starts_with("/api/") {
        request.form(&form_for(path, records))
    } else {
        request
    };
    request.send().await.unwrap()
}

/// Routes about one record, which a scoped user reaches only in their empreendimentos.
fn about_a_record(path: &str) -> bool {
    path.contains("{id}")
        || [
            "/mensagem",
            "-situacao",
            "/pessoa",
            "-editar",
            "-acao",
            "/empreendimento",
            "-etapas",
            "-bloco",
            "-retirar",
            "unidades-formulario",
            "unidades-novas",
            "/unidade",
            "/contratos/novo",
            "/contrato",
            "contrato-formulario",
            "contrato-novo",
            "-partes",
            "-plano",
            "/parcela",
            "-pagar",
            "-desfazer-pagamento",
            "-segunda-via",
            "-correcao",
            "/documentos/novo",
            "/documentos/publicar",
            "/documento",
            "documento-formulario",
            "documento-situacao",
        ]
        .iter()
        .any(|end| path.ends_with(end))
}

/// A document for a contract, as the use case takes it.
fn document_of(contract: i64) -> portal::documents::NewDocumentUpload<'static> {
    portal::documents::NewDocumentUpload {
        scope: "contrato",
        id: contract,
        kind: "contrato",
        title: "Documento da matriz",
        file_name: "matriz.pdf",
        bytes: PDF,
        notify: false,
    }
}

/// The upload form of a document for a contract.
fn document_upload(contract: i64) -> Form {
    Form::new()
        .text("escopo", "contrato")
        .text("id", contract.to_string())
        .text("kind", "contrato")
        .text("title", "Documento da matriz")
        .part("file", Part::bytes(PDF.to_vec()).file_name("matriz.pdf"))
}

/// A photo big enough to publish.
fn photo_bytes() -> Vec<u8> {
    let mut bytes = Vec::new();
    image::RgbImage::from_pixel(200, 150, image::Rgb([120, 90, 60]))
        .write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Jpeg)
        .unwrap();
    bytes
}

#[tokio::test]
async fn every_route_by_every_role_and_scope() {
    // OLX's OAuth app is configured (never reached: connecting only redirects to it).
    let portal = TestPortal::start_with_settings(&[
        ("PORTAL_OAUTH_OLX_CLIENT_ID", "portal-do-cliente"),
        ("PORTAL_OAUTH_OLX_CLIENT_SECRET", "segredo-do-app"),
        ("PORTAL_OAUTH_OLX_AUTHORIZE_URL", "https://auth.olx.exemplo/oauth"),
        ("PORTAL_OAUTH_OLX_TOKEN_URL", "https://auth.olx.exemplo/oauth/token"),
    ])
    .await;
    let admin = portal.portal.staff_member(1).await.unwrap();
    let developments = portal.portal.staff_threads(&admin, &Default::default()).await.unwrap().developments;
    let mirante = developments.iter().find(|(_, name)| name.contains("Mirante")).unwrap().0;

    // A conversation about Palmeiras (Ana's contract) and a general one of a Mirante buyer.
    let file = || vec![portal::messages::Attachment { file_name: "a.pdf".into(), bytes: PDF.to_vec() }];
    let ana = portal
        .portal
        .authenticate(portal.login(ANA, PASSWORD).await.split_once('=').unwrap().1)
        .await
        .unwrap();
    let ana_cookie = portal.login(ANA, PASSWORD).await;
    let contract = portal.contract_ids(&ana_cookie).await[0];
    let palmeiras_thread = portal
        .portal
        .start_thread(ana.person_id, Some(contract), "Sobre o Palmeiras", "Texto", &file())
        .await
        .unwrap();
    let empresa = portal.login(COMPANY_CNPJ, PASSWORD).await;
    let empresa_id = portal.portal.authenticate(empresa.split_once('=').unwrap().1).await.unwrap().person_id;
    let mirante_thread =
        portal.portal.start_thread(empresa_id, None, "Sobre o Mirante", "Texto", &file()).await.unwrap();
    let attachment_of = |thread: i64| {
        let portal = &portal;
        let admin = admin.clone();
        async move { portal.portal.staff_thread(&admin, thread).await.unwrap().messages[0].attachments[0].id }
    };
    // Another staff user, signed in, for the Equipe routes (only the admin's call ends it).
    let target = portal.new_staff("alvo@horizonte.exemplo.com.br", StaffRole::Atendimento, &[]).await;
    portal.staff_login("alvo@horizonte.exemplo.com.br", STAFF_PASSWORD).await;
    let staff_session = portal.portal.staff_user_detail(&admin, target).await.unwrap().sessions[0].id;
    let form_of = |person: i64| {
        let portal = &portal;
        let admin = admin.clone();
        async move { person_form_of(&portal.portal.staff_person(&admin, person).await.unwrap().form) }
    };
    let record_of = |development: i64| {
        let portal = &portal;
        let admin = admin.clone();
        async move {
            let detail = portal.portal.staff_development(&admin, development).await.unwrap();
            let unit = detail.units.iter().find(|unit| unit.contract.is_none()).expect("an unsold unit").id;
            let unit_form = portal.portal.staff_unit(&admin, unit).await.unwrap().form;
            let development_form = serde_json::to_value(&detail.form).unwrap();
            let development_form = development_form
                .as_object()
                .unwrap()
                .iter()
                .map(|(name, value)| (format!("development[{name}]"), value.as_str().unwrap().to_string()))
                .collect();
            let unit_form = serde_json::to_value(&unit_form).unwrap();
            let unit_form = unit_form
                .as_object()
                .unwrap()
                .iter()
                .map(|(name, value)| (format!("unit[{name}]"), value.as_str().unwrap().to_string()))
                .collect();
            (development_form, unit, unit_form, detail.photos[0].id)
        }
    };
    let contract_of = |cookie: String| {
        let portal = &portal;
        let admin = admin.clone();
        async move {
            let contract = portal.contract_ids(&cookie).await[0];
            // One more installment, surely unpaid, for the installment routes.
            let plan = portal::records::PlanForm {
                kind: "chaves".into(),
                first_due: "2030-01-10".into(),
                count: "1".into(),
                amount: "100".into(),
                ..Default::default()
            };
            portal.portal.add_plan(&admin, contract, &plan).await.unwrap();
            let detail = portal.portal.staff_contract(&admin, contract).await.unwrap();
            let installment = detail.installments.last().expect("the one added").id;
            let form = portal.portal.staff_installment(&admin, installment).await.unwrap().form;
            let form = serde_json::to_value(&form).unwrap();
            let form = form
                .as_object()
                .unwrap()
                .iter()
                .map(|(name, value)| (format!("installment[{name}]"), value.as_str().unwrap().to_string()))
                .collect();
            let document = portal.portal.publish_document(&admin, document_of(contract)).await.unwrap();
            (contract, installment, form, document)
        }
    };
    let (development_form, unit, unit_form, photo) = record_of(1).await;
    let (contract, installment, installment_form, document) = contract_of(ana_cookie.clone()).await;
    let company_cnpj = portal.portal.staff_company(&admin, 1).await.unwrap().form.cnpj;
    let cnab_file = common::billing::imported_retorno(&portal, &admin).await;
    let remote_login = portal::partners::PartnerScope::RemoteLogin;
    let (_, key) = common::partners::register(&portal, &[remote_login], "").await;
    // Partner 1's webhook endpoint 1, which the webhook route switches on.
    let partner = portal.portal.authenticate_partner(&key, remote_login).await.unwrap();
    let events = ["boleto.pago".to_string()];
    portal.portal.register_webhook(&partner, "https://erp.exemplo.com.br/hook", &events, None).await.unwrap();
    let palmeiras = Records {
        cnab_file,
        company_cnpj: company_cnpj.clone(),
        document,
        contract,
        installment,
        installment_form,
        thread: palmeiras_thread,
        attachment: attachment_of(palmeiras_thread).await,
        staff: target,
        staff_session,
        person: ana.person_id,
        person_form: form_of(ana.person_id).await,
        development: 1,
        development_form,
        unit,
        unit_form,
        photo,
    };
    let (development_form, unit, unit_form, photo) = record_of(mirante).await;
    let (contract, installment, installment_form, document) = contract_of(empresa.clone()).await;
    let mirante_records = Records {
        cnab_file,
        company_cnpj,
        document,
        contract,
        installment,
        installment_form,
        thread: mirante_thread,
        attachment: attachment_of(mirante_thread).await,
        staff: target,
        staff_session,
        person: empresa_id,
        person_form: form_of(empresa_id).await,
        development: mirante,
        development_form,
        unit,
        unit_form,
        photo,
    };

    let mirante_records_thread = mirante_thread;
    let callers = [
        ("admin@horizonte.exemplo.com.br", StaffRole::Admin, vec![]),
        ("atendimento@horizonte.exemplo.com.br", StaffRole::Atendimento, vec![]),
        ("financeiro@horizonte.exemplo.com.br", StaffRole::Financeiro, vec![]),
        ("mirante@horizonte.exemplo.com.br", StaffRole::Atendimento, vec![mirante]),
        ("mirante-fin@horizonte.exemplo.com.br", StaffRole::Financeiro, vec![mirante]),
    ];
    let mut checked = 0;
    for (email, role, scope) in callers {
        if email != STAFF_ADMIN {
            portal.new_staff(email, role, &scope).await;
        }
        let cookie = portal.staff_login(email, STAFF_PASSWORD).await;
        for (method, path, access) in MATRIX {
            let (permission, unscoped_only) = match access {
                Access::Public => continue,
                Access::Needs(permission) => (permission, false),
                Access::NeedsUnscoped(permission) => (permission, true),
            };
            for (records, in_scope) in [(&palmeiras, scope.is_empty()), (&mirante_records, true)] {
                let expected = if !role.may(*permission) || (unscoped_only && !scope.is_empty()) {
                    Outcome::Forbidden
                } else if about_a_record(path) {
                    if in_scope {
                        Outcome::Allowed
                    } else {
                        Outcome::NotFound
                    }
                } else {
                    Outcome::Allowed
                };
                // A session ends once: the second call (the other record set) finds none.
                let once_only = path.ends_with("encerrar-sessao") && records.thread == mirante_records_thread;
                let expected =
                    if expected == Outcome::Allowed && once_only { Outcome::NotFound } else { expected };
                let response = call(&portal, method, path, records, Some(&cookie)).await;
                assert_eq!(
                    outcome_of(&response),
                    expected,
                    "{email} {method} {path} thread {}",
                    records.thread
                );
                checked += 1;
            }
        }
        // A scoped user's list shows only their empreendimento's conversations.
        if role.may(Permission::ViewMessages) {
            let list = portal.get("/equipe/mensagens", Some(&cookie)).await.text().await.unwrap();
            assert_eq!(list.contains("Sobre o Palmeiras"), scope.is_empty(), "{email}");
            assert!(list.contains("Sobre o Mirante"), "{email}");
        }
    }

    // No session, a buyer's session, and a buyer's token under the staff cookie's name: sign in.
    let disguised = format!("portal_equipe={}", ana_cookie.split_once('=').unwrap().1);
    for cookie in [None, Some(ana_cookie.as_str()), Some(disguised.as_str())] {
        for (method, path, access) in MATRIX {
            if !matches!(access, Access::Public) {
                let response = call(&portal, method, path, &palmeiras, cookie).await;
                assert_eq!(outcome_of(&response), Outcome::SignIn, "{cookie:?} {method} {path}");
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "{checked}");
}
