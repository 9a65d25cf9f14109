//! The XML feeds listing portals read: VRSync for ZAP Imóveis and VivaReal, and Chaves na Mão's
//! layout (every tag present, even empty, as its documentation asks). Text is escaped by the
//! writer, which any XML reader takes as it takes CDATA.

use std::io::Cursor;

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use super::model::FeedFormat;

/// One unit as a listing.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Listing {
    /// Stable and unique per company: `UN-<unit id>`.
    pub id: String,
    pub title: String,
    pub description: String,
    pub kind: PropertyKind,
    pub price_cents: i64,
    pub area_centi_m2: i64,
    pub bedrooms: Option<i64>,
    pub bathrooms: Option<i64>,
    pub parking: i64,
    pub state: String,
    pub city: String,
    pub neighborhood: String,
    pub address: String,
    pub photos: Vec<FeedPhoto>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FeedPhoto {
    pub url: String,
    pub caption: String,
    /// When it was published, `YYYY-MM-DD HH:MM:SS` in Brasília time.
    pub published_at: String,
}

/// Who publishes: the company, and the contact the portal account has.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Publisher {
    pub name: String,
    pub email: String,
}

/// The kinds of property the two layouts know, read from the unit's free-text kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PropertyKind {
    Apartment,
    Home,
    Penthouse,
    Studio,
    LandLot,
    Office,
    Shop,
}

impl PropertyKind {
    pub(crate) fn of(kind: &str) -> Self {
        let kind = deunicode::deunicode(kind).to_lowercase();
        let has = |words: &[&str]| words.iter().any(|word| kind.contains(word));
        if has(&["cobertura"]) {
            Self::Penthouse
        } else if has(&["casa", "sobrado"]) {
            Self::Home
        } else if has(&["studio", "kitnet", "loft", "flat"]) {
            Self::Studio
        } else if has(&["lote", "terreno"]) {
            Self::LandLot
        } else if has(&["sala", "escritorio", "consultorio"]) {
            Self::Office
        } else if has(&["loja", "ponto comercial"]) {
            Self::Shop
        } else {
            Self::Apartment
        }
    }

    fn vrsync(self) -> &'static str {
        match self {
            Self::Apartment => "Residential / Apartment",
            Self::Home => "Residential / Home",
            Self::Penthouse => "Residential / Penthouse",
            Self::Studio => "Residential / Flat",
            Self::LandLot => "Residential / Land Lot",
            Self::Office => "Commercial / Office",
            Self::Shop => "Commercial / Business",
        }
    }

    fn commercial(self) -> bool {
        matches!(self, Self::Office | Self::Shop)
    }

    fn chaves_na_mao(self) -> &'static str {
        match self {
            Self::Apartment => "Apartamento",
            Self::Home => "Casa",
            Self::Penthouse => "Cobertura",
            Self::Studio => "Flat",
            Self::LandLot => "Terreno",
            Self::Office => "Sala",
            Self::Shop => "Loja",
        }
    }
}

/// The feed of `listings` in `format`.
pub(crate) fn render(format: FeedFormat, publisher: &Publisher, listings: &[Listing]) -> String {
    let bytes = match format {
        FeedFormat::VrSync => vrsync(publisher, listings),
        FeedFormat::ChavesNaMao => chaves_na_mao(listings),
    };
    String::from_utf8(bytes).expect("the writer writes the UTF-8 it is given")
}

type Xml = Writer<Cursor<Vec<u8>>>;

// Writing to memory cannot fail, so the io::Result of every write is expected to be Ok.
const IN_MEMORY: &str = "writing XML to memory";

fn document() -> Xml {
    let mut xml = Writer::new_with_indent(Cursor::new(Vec::new()), b' ', 2);
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None))).expect(IN_MEMORY);
    xml
}

/// Characters XML 1.0 cannot carry at all (escaping does not help), dropped.
fn xml_safe(value: &str) -> std::borrow::Cow<'_, str> {
    let allowed =
        |c: char| matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}');
    if value.chars().all(allowed) {
        value.into()
    } else {
        value.chars().filter(|c| allowed(*c)).collect::<String>().into()
    }
}

fn text(xml: &mut Xml, name: &str, value: &str) {
    let value = &*xml_safe(value);
    if value.is_empty() {
        xml.create_element(name).write_empty().expect(IN_MEMORY);
    } else {
        xml.create_element(name).write_text_content(BytesText::new(value)).expect(IN_MEMORY);
    }
}

fn decimal(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

fn whole(cents: i64) -> String {
    (cents / 100).to_string()
}

fn count(value: Option<i64>) -> String {
    value.map(|value| value.to_string()).unwrap_or_default()
}

fn vrsync(publisher: &Publisher, listings: &[Listing]) -> Vec<u8> {
    let mut xml = document();
    xml.create_element("ListingDataFeed")
        .with_attribute(("xmlns", "http://www.vivareal.com/schemas/1.0/VRSync"))
        .with_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"))
        .with_attribute((
            "xsi:schemaLocation",
            "http://www.vivareal.com/schemas/1.0/VRSync http://xml.vivareal.com/vrsync.xsd",
        ))
        .write_inner_content(|xml| {
            xml.create_element("Header").write_inner_content(|xml| {
                text(xml, "Provider", &publisher.name);
                text(xml, "Email", &publisher.email);
                text(xml, "ContactName", &publisher.name);
                Ok(())
            })?;
            xml.create_element("Listings").write_inner_content(|xml| {
                for listing in listings {
                    vrsync_listing(xml, publisher, listing);
                }
                Ok(())
            })?;
            Ok(())
        })
        .expect(IN_MEMORY);
    xml.into_inner().into_inner()
}

fn vrsync_listing(xml: &mut Xml, publisher: &Publisher, listing: &Listing) {
    xml.create_element("Listing")
        .write_inner_content(|xml| {
            text(xml, "ListingID", &listing.id);
            text(xml, "Title", &listing.title);
            text(xml, "TransactionType", "For Sale");
            text(xml, "PublicationType", "STANDARD");
            xml.create_element("Media").write_inner_content(|xml| {
                for (position, photo) in listing.photos.iter().enumerate() {
                    let mut item = xml
                        .create_element("Item")
                        .with_attribute(("medium", "image"))
                        .with_attribute(("caption", &*xml_safe(&photo.caption)));
                    if position == 0 {
                        item = item.with_attribute(("primary", "true"));
                    }
                    item.write_text_content(BytesText::new(&xml_safe(&photo.url)))?;
                }
                Ok(())
            })?;
            xml.create_element("Details").write_inner_content(|xml| {
                let usage = if listing.kind.commercial() { "Commercial" } else { "Residential" };
                text(xml, "UsageType", usage);
                text(xml, "PropertyType", listing.kind.vrsync());
                text(xml, "Description", &listing.description);
                xml.create_element("ListPrice")
                    .with_attribute(("currency", "BRL"))
                    .write_text_content(BytesText::new(&whole(listing.price_cents)))?;
                xml.create_element("LivingArea")
                    .with_attribute(("unit", "square metres"))
                    .write_text_content(BytesText::new(&whole(listing.area_centi_m2)))?;
                if let Some(bedrooms) = listing.bedrooms {
                    text(xml, "Bedrooms", &bedrooms.to_string());
                }
                if let Some(bathrooms) = listing.bathrooms {
                    text(xml, "Bathrooms", &bathrooms.to_string());
                }
                xml.create_element("Garage")
                    .with_attribute(("type", "Parking Space"))
                    .write_text_content(BytesText::new(&listing.parking.to_string()))?;
                Ok(())
            })?;
            xml.create_element("Location").with_attribute(("displayAddress", "Street")).write_inner_content(
                |xml| {
                    xml.create_element("Country")
                        .with_attribute(("abbreviation", "BR"))
                        .write_text_content(BytesText::new("Brasil"))?;
                    xml.create_element("State")
                        .with_attribute(("abbreviation", listing.state.as_str()))
                        .write_text_content(BytesText::new(crate::br::state_name(&listing.state)))?;
                    text(xml, "City", &listing.city);
                    text(xml, "Neighborhood", &listing.neighborhood);
                    text(xml, "Address", &listing.address);
                    Ok(())
                },
            )?;
            xml.create_element("ContactInfo").write_inner_content(|xml| {
                text(xml, "Name", &publisher.name);
                text(xml, "Email", &publisher.email);
                Ok(())
            })?;
            Ok(())
        })
        .expect(IN_MEMORY);
}

/// Chaves na Mão's tags for an imóvel, in its documented order; those this product has no data
/// for are present and empty, as the layout requires.
fn chaves_na_mao(listings: &[Listing]) -> Vec<u8> {
    let mut xml = document();
    xml.create_element("Document")
        .write_inner_content(|xml| {
            xml.create_element("imoveis").write_inner_content(|xml| {
                for listing in listings {
                    chaves_na_mao_listing(xml, listing);
                }
                Ok(())
            })?;
            Ok(())
        })
        .expect(IN_MEMORY);
    xml.into_inner().into_inner()
}

const CHAVES_EMPTY_COUNTS: [&str; 11] = [
    "closet",
    "salas",
    "despensa",
    "bar",
    "cozinha",
    "quarto_empregada",
    "escritorio",
    "area_servico",
    "lareira",
    "varanda",
    "lavanderia",
];

fn chaves_na_mao_listing(xml: &mut Xml, listing: &Listing) {
    xml.create_element("imovel")
        .write_inner_content(|xml| {
            let purpose = if listing.kind.commercial() { "CO" } else { "RE" };
            let description: String = listing.description.chars().take(3000).collect();
            for (tag, value) in [
                ("referencia", listing.id.as_str()),
                ("codigo_cliente", listing.id.as_str()),
                ("link_cliente", ""),
                ("titulo", listing.title.as_str()),
                ("transacao", "V"),
                ("transacao2", ""),
                ("finalidade", purpose),
                ("finalidade2", ""),
                ("destaque", "0"),
                ("tipo", listing.kind.chaves_na_mao()),
                ("tipo2", ""),
                ("valor", &decimal(listing.price_cents)),
                ("valor_locacao", ""),
                ("valor_iptu", ""),
                ("valor_condominio", ""),
                ("area_total", ""),
                ("area_util", &decimal(listing.area_centi_m2)),
                ("conservacao", "N"),
                ("quartos", &count(listing.bedrooms)),
                ("suites", ""),
                ("garagem", &listing.parking.to_string()),
                ("banheiro", &count(listing.bathrooms)),
            ] {
                text(xml, tag, value);
            }
            for tag in CHAVES_EMPTY_COUNTS {
                text(xml, tag, "");
            }
            for (tag, value) in [
                ("estado", listing.state.as_str()),
                ("cidade", listing.city.as_str()),
                ("bairro", listing.neighborhood.as_str()),
                ("cep", ""),
                ("endereco", listing.address.as_str()),
                ("numero", ""),
                ("complemento", ""),
                ("descritivo", description.as_str()),
            ] {
                text(xml, tag, value);
            }
            xml.create_element("fotos_imovel").write_inner_content(|xml| {
                for photo in &listing.photos {
                    xml.create_element("foto").write_inner_content(|xml| {
                        text(xml, "url", &photo.url);
                        text(xml, "data_atualizacao", &photo.published_at);
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
            for (tag, value) in [
                // A unit keeps no change date, and a date per generation would change every feed.
                ("data_atualizacao", ""),
                ("latitude", ""),
                ("longitude", ""),
                ("video", ""),
                ("area_comum", ""),
                ("area_privativa", ""),
                ("aceita_troca", "0"),
                ("esconder_endereco_imovel", "0"),
                ("tour_360", ""),
                ("aceita_pet", ""),
            ] {
                text(xml, tag, value);
            }
            Ok(())
        })
        .expect(IN_MEMORY);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(text: &str) -> Listing {
        Listing {
            id: "UN-1".into(),
            title: format!("Apartamento {text}"),
            description: text.into(),
            kind: PropertyKind::of("Sala comercial"),
            price_cents: 45_000_000,
            area_centi_m2: 6540,
            bedrooms: None,
            bathrooms: Some(1),
            parking: 1,
            state: "SP".into(),
            city: "Campinas".into(),
            neighborhood: "Cambuí".into(),
            address: "Rua A, 1".into(),
            photos: vec![FeedPhoto {
                url: "https://p/x.jpg?a=1&b=2".into(),
                caption: text.into(),
                published_at: String::new(),
            }],
        }
    }

    #[test]
    fn markup_and_characters_xml_cannot_carry_never_break_a_feed() {
        let hostile = "A & B <b>negrito</b> ]]> \"aspas\" \u{1}\u{b}fim";
        let publisher = Publisher { name: "Construtora <X> & Filhos".into(), email: String::new() };
        for format in [FeedFormat::VrSync, FeedFormat::ChavesNaMao] {
            let xml = render(format, &publisher, &[listing(hostile)]);
            assert!(!xml.contains('\u{1}') && !xml.contains('\u{b}'), "{xml}");
            assert!(xml.contains("A &amp; B &lt;b&gt;negrito&lt;/b&gt; ]]&gt;"), "{xml}");
            let mut reader = quick_xml::Reader::from_str(&xml);
            let mut text = String::new();
            loop {
                match reader.read_event().expect("well-formed") {
                    Event::Text(chunk) => text.push_str(&chunk.unescape().unwrap()),
                    Event::Eof => break,
                    _ => {}
                }
            }
            assert!(text.contains("A & B <b>negrito</b> ]]> \"aspas\" fim"), "{text}");
        }
    }

    #[test]
    fn kinds_map_to_each_layout() {
        assert_eq!(PropertyKind::of("Apartamento"), PropertyKind::Apartment);
        assert_eq!(PropertyKind::of("Cobertura duplex"), PropertyKind::Penthouse);
        assert_eq!(PropertyKind::of("Casa em condomínio"), PropertyKind::Home);
        assert_eq!(PropertyKind::of("Escritório"), PropertyKind::Office);
        assert_eq!(PropertyKind::of("Loja térrea"), PropertyKind::Shop);
        assert_eq!(PropertyKind::of("Lote"), PropertyKind::LandLot);
        assert_eq!(PropertyKind::of("Studio"), PropertyKind::Studio);
        let xml = render(
            FeedFormat::ChavesNaMao,
            &Publisher { name: "X".into(), email: String::new() },
            &[listing("x")],
        );
        assert!(xml.contains("<finalidade>CO</finalidade>") && xml.contains("<tipo>Sala</tipo>"));
        assert!(xml.contains("<valor>450000.00</valor>") && xml.contains("<quartos/>"));
    }
}
