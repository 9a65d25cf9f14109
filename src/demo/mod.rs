//! Demo data: one construtora, two empreendimentos, three buyers with contracts, installment
//! plans around today's date, generated PDF documents, message threads and one staff admin.
//! A product feature for trying the portal, loaded only into an empty database.

mod indices;
mod listings;
mod partner;
mod photos;
mod plan;
mod records;

use plan::{add_months, installments, PaymentHabit, Plan};

use time::{Date, Duration, Month};

use crate::br::{Cnpj, Cpf};
use crate::documents::pdf::text_document;
use crate::profile::store::NewPerson;
use crate::staff::{CurrentStaff, StaffRole};
use crate::store::StoreError;
use crate::time_br::{format_date, iso_date, today_in_sao_paulo};
use crate::Portal;

/// Demo passwords exist only here: nobody can sign in to a real database with them.
pub const DEMO_BUYER_PASSWORD: &str = "imovel-demo-2026";
pub const DEMO_STAFF_PASSWORD: &str = "equipe-demo-2026";

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("o banco de dados já tem dados: os dados de demonstração só entram num banco vazio")]
    NotEmpty,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("falha ao gravar arquivo: {0}")]
    Storage(#[from] std::io::Error),
    #[error("falha ao gerar senha")]
    Hashing,
    #[error(transparent)]
    Admin(#[from] crate::staff::StaffError),
    #[error(transparent)]
    Photo(#[from] crate::property::photos::PhotoError),
}

/// One demo sign-in, printed at first start.
#[derive(Debug, Clone)]
pub struct DemoLogin {
    pub who: String,
    pub login: String,
    pub password: String,
}

fn contract_pdf(
    number: &str,
    unit: &str,
    development: &str,
    buyers: &[&str],
    total: i64,
    signed: Date,
) -> Vec<u8> {
    let mut lines = vec![
        format!("Contrato nº {number}"),
        format!("Empreendimento: {development}"),
        format!("Unidade: {unit}"),
        format!("Compradores: {}", buyers.join(", ")),
        format!("Valor total: {}", crate::br::Centavos(total)),
        format!("Assinado em {}", format_date(signed)),
        String::new(),
    ];
    lines.extend(
        [
            "Cláusula 1ª — Do objeto: a vendedora promete vender a unidade descrita acima.",
            "Cláusula 2ª — Do preço: pago conforme o plano de parcelas anexo.",
            "Cláusula 3ª — Da entrega: na data prevista no cronograma de obras.",
            "Documento de demonstração gerado pelo Portal do Cliente.",
        ]
        .map(String::from),
    );
    text_document("Contrato de compra e venda", &lines)
}

impl Portal {
    /// Loads the demo into an empty database and returns the sign-ins to print.
    pub async fn load_demo(&self) -> Result<Vec<DemoLogin>, DemoError> {
        if !self.store.is_empty().await? {
            return Err(DemoError::NotEmpty);
        }
        let now = self.now();
        let today = today_in_sao_paulo(self.clock.now());
        let buyer_hash = self.passwords.hash(DEMO_BUYER_PASSWORD).await.map_err(|_| DemoError::Hashing)?;
        let store = &self.store;
        // The demo admin loads everything else through the back office's use cases.
        let staff = self
            .create_staff(
                "Marina Alves",
                "admin@horizonte.exemplo.com.br",
                StaffRole::Admin,
                DEMO_STAFF_PASSWORD,
            )
            .await?;
        let admin = self.staff_member(staff).await?;
        let company_cnpj = Cnpj::from_base("123456780001").expect("valid demo CNPJ");
        let company = self
            .save_company(
                &admin,
                None,
                &crate::companies::CompanyForm {
                    name: "Construtora Horizonte Ltda".into(),
                    cnpj: company_cnpj.to_string(),
                    email: "relacionamento@horizonte.exemplo.com.br".into(),
                    phone: "(41) 3333-2026".into(),
                    ..Default::default()
                },
            )
            .await?;

        let ana_cpf = Cpf::from_base("111444777").expect("valid demo CPF");
        let carlos_cpf = Cpf::from_base("222555888").expect("valid demo CPF");
        let pj_cnpj = Cnpj::parse("12ABC34501DE35").expect("valid demo CNPJ");
        let ana = store
            .insert_person(&NewPerson {
                kind: "PF",
                name: "Ana Paula Souza",
                document: ana_cpf.digits(),
                email: "ana.souza@exemplo.com.br",
                phone: Some("41998765432"),
                birth_date: Some("1988-04-17"),
                password_hash: Some(&buyer_hash),
                now,
            })
            .await?;
        store
            .insert_person(&NewPerson {
                kind: "PF",
                name: "Carlos Eduardo Souza",
                document: carlos_cpf.digits(),
                email: "carlos.souza@exemplo.com.br",
                phone: Some("41991234567"),
                birth_date: Some("1986-09-02"),
                password_hash: Some(&buyer_hash),
                now,
            })
            .await?;
        let empresa = store
            .insert_person(&NewPerson {
                kind: "PJ",
                name: "Mirante Participações Ltda",
                document: pj_cnpj.as_str(),
                email: "contato@mirante-participacoes.exemplo.com.br",
                phone: Some("1932345678"),
                birth_date: None,
                password_hash: Some(&buyer_hash),
                now,
            })
            .await?;
        // Provisioned by staff without a password: signs in the first time through /primeiro-acesso.
        let beatriz_cpf = Cpf::from_base("333666999").expect("valid demo CPF");
        store
            .insert_person(&NewPerson {
                kind: "PF",
                name: "Beatriz Souza Lima",
                document: beatriz_cpf.digits(),
                email: "beatriz.lima@exemplo.com.br",
                phone: None,
                birth_date: Some("1961-02-11"),
                password_hash: None,
                now,
            })
            .await?;

        let palmeiras = self
            .demo_development(
                &admin,
                records::DemoDevelopment {
                    company,
                    name: "Residencial Jardim das Palmeiras",
                    address: "Rua das Palmeiras, 1200 – Jardim Botânico",
                    neighborhood: "Jardim Botânico",
                    listing_description: "Condomínio clube a 300 m do Jardim Botânico: piscina aquecida, \
                        academia, salão de festas e bicicletário. Plantas de 2 e 3 quartos com sacada.",
                    place: ("Curitiba", "PR"),
                    stage: ("em_obras", 62),
                    delivery: (Some(iso_date(add_months(today, 14))), None),
                    syndic: None,
                    stages: &[
                        ("Fundação", 100),
                        ("Estrutura", 100),
                        ("Alvenaria", 80),
                        ("Instalações", 45),
                        ("Acabamento", 10),
                    ],
                },
            )
            .await?;
        let mirante = self
            .demo_development(
                &admin,
                records::DemoDevelopment {
                    company,
                    name: "Edifício Mirante do Parque",
                    address: "Avenida Brasil, 455 – Cambuí",
                    neighborhood: "Cambuí",
                    listing_description:
                        "De frente para o Parque Portugal, no Cambuí: varandas com vista, dois elevadores e \
                        portaria 24 horas.",
                    place: ("Campinas", "SP"),
                    stage: ("entregue", 100),
                    delivery: (Some("2024-02-28".into()), Some("2024-03-15".into())),
                    syndic: Some(pj_cnpj.to_string()),
                    stages: &[
                        ("Fundação", 100),
                        ("Estrutura", 100),
                        ("Alvenaria", 100),
                        ("Instalações", 100),
                        ("Acabamento", 100),
                    ],
                },
            )
            .await?;
        self.demo_works_photos(&admin, palmeiras, mirante, today).await?;
        let torre_a = self.demo_block(&admin, palmeiras, "Torre A").await?;
        let torre_b = self.demo_block(&admin, palmeiras, "Torre B").await?;
        let bloco_unico = self.demo_block(&admin, mirante, "Bloco Único").await?;
        let apto_1204 = self.demo_unit(&admin, palmeiras, torre_a, "1204", 12, 7250, 1).await?;
        let apto_1203 = self.demo_unit(&admin, palmeiras, torre_a, "1203", 12, 6840, 1).await?;
        let apto_805 = self.demo_unit(&admin, palmeiras, torre_b, "805", 8, 9815, 2).await?;
        let apto_806 = self.demo_unit(&admin, palmeiras, torre_b, "806", 8, 9815, 2).await?;
        let apto_301 = self.demo_unit(&admin, mirante, bloco_unico, "301", 3, 11230, 2).await?;
        let apto_302 = self.demo_unit(&admin, mirante, bloco_unico, "302", 3, 11230, 2).await?;
        let for_sale =
            [(apto_1203, 48_900_000, 2, 1), (apto_806, 71_500_000, 3, 2), (apto_302, 98_000_000, 3, 2)];
        self.demo_listings(&admin, company, &for_sale).await?;

        // Ana and Carlos: one contract together, two installments overdue.
        let signed = add_months(today, -17);
        let plan = Plan {
            signed_on: signed,
            total: 48_500_000,
            down_payment: 4_850_000,
            monthly: 285_000,
            months: 48,
            yearly: 1_200_000,
        };
        let buyers = [ana_cpf.to_string(), carlos_cpf.to_string(), beatriz_cpf.to_string()];
        let shared =
            self.demo_contract(&admin, apto_1204, "HZ-2024-0117", signed, plan.total, &buyers).await?;
        store.insert_installments(shared, &installments(&plan, today, PaymentHabit::Late(2))).await?;
        let pdf = contract_pdf(
            "HZ-2024-0117",
            "Torre A · Apartamento 1204",
            "Residencial Jardim das Palmeiras",
            &["Ana Paula Souza", "Carlos Eduardo Souza"],
            plan.total,
            signed,
        );
        self.demo_document(
            &admin,
            "contrato",
            shared,
            "contrato",
            "Contrato de compra e venda",
            "contrato-HZ-2024-0117.pdf",
            &pdf,
        )
        .await?;
        self.demo_specification(&admin, shared, "HZ-2024-0117", "Torre A · Apartamento 1204", "72,50 m²")
            .await?;

        // The company: a paid-off unit in the delivered building and an active one.
        let old_signed = Date::from_calendar_date(2021, Month::August, 20).expect("valid date");
        let old_plan = Plan {
            signed_on: old_signed,
            total: 69_000_000,
            down_payment: 13_800_000,
            monthly: 650_000,
            months: 30,
            yearly: 2_500_000,
        };
        let paid_off = self
            .demo_contract(
                &admin,
                apto_301,
                "HZ-2021-0042",
                old_signed,
                old_plan.total,
                &[pj_cnpj.to_string()],
            )
            .await?;
        self.set_contract_status(
            &admin,
            paid_off,
            "quitado",
            "Saldo quitado com recursos próprios da compradora.",
        )
        .await?;
        store.insert_installments(paid_off, &installments(&old_plan, today, PaymentHabit::PaidOff)).await?;
        let pdf = contract_pdf(
            "HZ-2021-0042",
            "Bloco Único · Apartamento 301",
            "Edifício Mirante do Parque",
            &["Mirante Participações Ltda"],
            old_plan.total,
            old_signed,
        );
        self.demo_document(
            &admin,
            "contrato",
            paid_off,
            "contrato",
            "Contrato de compra e venda",
            "contrato-HZ-2021-0042.pdf",
            &pdf,
        )
        .await?;
        let pdf = text_document(
            "Termo de quitação",
            &[
                "Contrato nº HZ-2021-0042".to_string(),
                format!("Declaramos quitado o valor total de {}.", crate::br::Centavos(old_plan.total)),
            ],
        );
        self.demo_document(
            &admin,
            "contrato",
            paid_off,
            "quitacao",
            "Termo de quitação",
            "quitacao-HZ-2021-0042.pdf",
            &pdf,
        )
        .await?;
        self.demo_specification(
            &admin,
            paid_off,
            "HZ-2021-0042",
            "Bloco Único · Apartamento 301",
            "112,30 m²",
        )
        .await?;

        let new_signed = add_months(today, -5);
        let new_plan = Plan {
            signed_on: new_signed,
            total: 51_200_000,
            down_payment: 10_240_000,
            monthly: 410_000,
            months: 36,
            yearly: 2_000_000,
        };
        let active = self
            .demo_contract(
                &admin,
                apto_805,
                "HZ-2025-0088",
                new_signed,
                new_plan.total,
                &[pj_cnpj.to_string()],
            )
            .await?;
        store.insert_installments(active, &installments(&new_plan, today, PaymentHabit::OnTime)).await?;
        // Corrected by INCC-M from two months before signing, by IPCA from the keys on.
        let keys = add_months(new_signed, new_plan.months + 1);
        self.demo_indices(add_months(new_signed, -2), today, active, keys).await?;
        let pdf = contract_pdf(
            "HZ-2025-0088",
            "Torre B · Apartamento 805",
            "Residencial Jardim das Palmeiras",
            &["Mirante Participações Ltda"],
            new_plan.total,
            new_signed,
        );
        self.demo_document(
            &admin,
            "contrato",
            active,
            "contrato",
            "Contrato de compra e venda",
            "contrato-HZ-2025-0088.pdf",
            &pdf,
        )
        .await?;
        self.demo_specification(&admin, active, "HZ-2025-0088", "Torre B · Apartamento 805", "98,15 m²")
            .await?;

        // Empreendimento documents.
        let pdf = text_document(
            "Cronograma de obras",
            &[
                "Residencial Jardim das Palmeiras".to_string(),
                "Fundação: concluída".to_string(),
                "Estrutura: concluída".to_string(),
                "Alvenaria: 80%".to_string(),
                "Instalações: 45%".to_string(),
                "Acabamento: 10%".to_string(),
                format!("Entrega prevista: {}", format_date(add_months(today, 14))),
            ],
        );
        self.demo_document(
            &admin,
            "empreendimento",
            palmeiras,
            "obra",
            "Cronograma de obras",
            "cronograma-palmeiras.pdf",
            &pdf,
        )
        .await?;
        let pdf = text_document(
            "Manual do proprietário",
            &[
                "Edifício Mirante do Parque".to_string(),
                "Garantias, manutenção preventiva e contatos da assistência técnica.".to_string(),
            ],
        );
        self.demo_document(
            &admin,
            "empreendimento",
            mirante,
            "manual",
            "Manual do proprietário",
            "manual-mirante.pdf",
            &pdf,
        )
        .await?;
        let pdf = text_document(
            "Convenção do condomínio",
            &[
                "Edifício Mirante do Parque".to_string(),
                "Aprovada em assembleia de instalação em 15/03/2024.".to_string(),
            ],
        );
        self.demo_document(
            &admin,
            "condominio",
            mirante,
            "condominio",
            "Convenção do condomínio",
            "convencao-mirante.pdf",
            &pdf,
        )
        .await?;

        // Two conversations with the company's staff.
        let day = 24 * 60 * 60;
        store
            .insert_thread(
                ana,
                Some(shared),
                "Vistoria da unidade",
                now - 6 * day,
                &[
                    (None, "Olá! Quando será a vistoria de pré-entrega da unidade 1204?", now - 6 * day),
                    (
                        Some(staff),
                        "Olá, Ana! A vistoria será agendada 60 dias antes da entrega; avisaremos por e-mail.",
                        now - 5 * day,
                    ),
                ],
            )
            .await?;
        store
            .insert_thread(empresa, Some(active), "Boletos em nome da empresa", now - 3 * day, &[
                (None, "Bom dia. Os boletos podem sair com o CNPJ da empresa como pagadora?", now - 3 * day),
                (Some(staff), "Bom dia! Sim, todos os boletos do contrato HZ-2025-0088 já saem com o CNPJ da empresa.", now - 2 * day),
            ])
            .await?;

        Ok(vec![
            DemoLogin {
                who: "Compradora (PF, titular)".into(),
                login: "ana.souza@exemplo.com.br".into(),
                password: DEMO_BUYER_PASSWORD.into(),
            },
            DemoLogin {
                who: "Cocomprador (PF)".into(),
                login: carlos_cpf.to_string(),
                password: DEMO_BUYER_PASSWORD.into(),
            },
            DemoLogin {
                who: "Cocompradora sem senha (primeiro acesso)".into(),
                login: beatriz_cpf.to_string(),
                password: "(crie em /primeiro-acesso)".into(),
            },
            DemoLogin {
                who: "Empresa (PJ, síndica do Mirante)".into(),
                login: pj_cnpj.to_string(),
                password: DEMO_BUYER_PASSWORD.into(),
            },
            DemoLogin {
                who: "Equipe (admin)".into(),
                login: "admin@horizonte.exemplo.com.br".into(),
                password: DEMO_STAFF_PASSWORD.into(),
            },
        ])
    }

    /// The unit's specification sheet, attached to its contract.
    async fn demo_specification(
        &self,
        admin: &CurrentStaff,
        contract: i64,
        number: &str,
        unit: &str,
        area: &str,
    ) -> Result<(), DemoError> {
        let pdf = text_document(
            "Memorial descritivo da unidade",
            &[
                format!("Contrato nº {number}"),
                format!("Unidade: {unit}"),
                format!("Área privativa: {area}"),
                "Pisos: porcelanato 60x60 nas áreas secas; cerâmica nas áreas molhadas.".to_string(),
                "Esquadrias: alumínio com pintura eletrostática.".to_string(),
                "Instalações: pontos para ar-condicionado nos dormitórios e na sala.".to_string(),
            ],
        );
        let file_name = format!("memorial-{number}.pdf");
        self.demo_document(admin, "contrato", contract, "memorial", "Memorial descritivo", &file_name, &pdf)
            .await
    }

    /// The works of Jardim das Palmeiras over the last year, and the delivered Mirante.
    async fn demo_works_photos(
        &self,
        admin: &CurrentStaff,
        palmeiras: i64,
        mirante: i64,
        today: Date,
    ) -> Result<(), DemoError> {
        use photos::Scene;
        let tower = |structure, masonry, facade| Scene {
            floors: 20,
            structure,
            masonry,
            facade,
            crane: structure < 20 || masonry < 20,
            landscaped: false,
        };
        let delivered =
            Scene { floors: 12, structure: 12, masonry: 12, facade: 12, crane: false, landscaped: true };
        let album: [(i64, Date, &str, Scene); 8] = [
            (
                palmeiras,
                add_months(today, -11),
                "Fundação da Torre A concluída: blocos sobre as estacas",
                tower(0, 0, 0),
            ),
            (
                palmeiras,
                add_months(today, -9),
                "Estrutura da Torre A chegando ao 6º pavimento",
                tower(6, 0, 0),
            ),
            (
                palmeiras,
                add_months(today, -7),
                "Estrutura no 14º pavimento e alvenaria começando nos primeiros andares",
                tower(14, 3, 0),
            ),
            (
                palmeiras,
                add_months(today, -5),
                "Estrutura da Torre A concluída, com alvenaria até o 9º pavimento",
                tower(20, 9, 0),
            ),
            (
                palmeiras,
                add_months(today, -2),
                "Alvenaria até o 16º pavimento e revestimento de fachada nos andares baixos",
                tower(20, 16, 3),
            ),
            (
                palmeiras,
                today - Duration::days(6),
                "Fachada da Torre A revestida até o 5º pavimento; alvenaria concluída",
                tower(20, 20, 5),
            ),
            (
                mirante,
                Date::from_calendar_date(2024, Month::February, 26).expect("valid date"),
                "Fachada concluída do Edifício Mirante do Parque",
                Scene { landscaped: false, ..delivered },
            ),
            (
                mirante,
                Date::from_calendar_date(2024, Month::March, 15).expect("valid date"),
                "Edifício Mirante do Parque entregue, com calçada e paisagismo prontos",
                delivered,
            ),
        ];
        for (development_id, taken_on, caption, scene) in album {
            let photo = crate::property::photos::NewWorksPhoto {
                development_id,
                taken_on: &iso_date(taken_on),
                caption,
                bytes: &photos::jpeg(scene),
            };
            self.staff_add_works_photo(admin, photo).await?;
        }
        Ok(())
    }
}
