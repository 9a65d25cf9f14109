//! `/api/v1/referencia`: the OpenAPI document as one readable HTML page, written on the server
//! from the document itself (no script, nothing fetched from elsewhere, so the site's CSP holds).

use std::fmt::Write;

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use serde_json::Value;
use utoipa::openapi::OpenApi as Document;

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// The page, from the document.
pub fn page(document: &Document, stylesheet_href: &str) -> String {
    let document = serde_json::to_value(document).unwrap_or_default();
    let title = document["info"]["title"].as_str().unwrap_or("API");
    let mut html = String::with_capacity(128 * 1024);
    let _ = write!(
        html,
        "<!DOCTYPE html><html lang=\"pt-BR\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · Referência</title><link rel=\"stylesheet\" href=\"{css}\"></head>\
         <body class=\"api-reference\"><main class=\"page\"><h1>{title}</h1>{intro}\
         <p class=\"api-download\"><a href=\"/api/v1/openapi.json\">Documento OpenAPI 3.1 (JSON)</a>: \
         gere um cliente a partir dele.</p>",
        title = text(title),
        css = attr(stylesheet_href),
        intro = paragraphs(document["info"]["description"].as_str().unwrap_or_default()),
    );
    let operations = operations(&document);
    let tags = document["tags"].as_array().cloned().unwrap_or_default();
    html.push_str("<nav aria-label=\"Áreas da API\"><h2>Áreas</h2><ul>");
    for tag in &tags {
        let name = tag["name"].as_str().unwrap_or_default();
        let _ = write!(html, "<li><a href=\"#{}\">{}</a></li>", attr(&anchor(name)), text(name));
    }
    html.push_str("<li><a href=\"#esquemas\">Esquemas</a></li></ul></nav>");
    for tag in &tags {
        let name = tag["name"].as_str().unwrap_or_default();
        let _ = write!(html, "<section id=\"{}\"><h2>{}</h2>", attr(&anchor(name)), text(name));
        if let Some(description) = tag["description"].as_str() {
            html.push_str(&paragraphs(description));
        }
        for (method, path, operation) in
            operations.iter().filter(|(_, _, operation)| has_tag(operation, name))
        {
            operation_html(&mut html, method, path, operation);
        }
        html.push_str("</section>");
    }
    html.push_str("<section id=\"esquemas\"><h2>Esquemas</h2>");
    if let Some(schemas) = document["components"]["schemas"].as_object() {
        for (name, schema) in schemas {
            let _ = write!(
                html,
                "<article class=\"api-schema\" id=\"{}\"><h3>{}</h3>",
                attr(&schema_anchor(name)),
                text(name)
            );
            schema_html(&mut html, schema);
            html.push_str("</article>");
        }
    }
    html.push_str("</section></main></body></html>");
    html
}

fn operations(document: &Value) -> Vec<(String, String, Value)> {
    let mut list = Vec::new();
    for (path, item) in document["paths"].as_object().into_iter().flatten() {
        for method in METHODS {
            if let Some(operation) = item.get(method) {
                list.push((method.to_uppercase(), path.clone(), operation.clone()));
            }
        }
    }
    list
}

fn has_tag(operation: &Value, name: &str) -> bool {
    operation["tags"].as_array().is_some_and(|tags| tags.iter().any(|tag| tag == name))
}

fn anchor(name: &str) -> String {
    let ascii = deunicode::deunicode(name).to_lowercase();
    let words: Vec<&str> =
        ascii.split(|c: char| !c.is_ascii_alphanumeric()).filter(|word| !word.is_empty()).collect();
    words.join("-")
}

fn schema_anchor(name: &str) -> String {
    format!("esquema-{}", anchor(name))
}

/// Plain text with `code` spans, one paragraph per blank line.
fn paragraphs(source: &str) -> String {
    source
        .split("\n\n")
        .filter(|paragraph| !paragraph.trim().is_empty())
        .map(|paragraph| format!("<p>{}</p>", inline_code(paragraph.trim())))
        .collect()
}

fn inline_code(source: &str) -> String {
    let mut out = String::new();
    for (index, part) in source.split('`').enumerate() {
        if index % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", text(part));
        } else {
            out.push_str(&text(part));
        }
    }
    out
}

fn operation_html(html: &mut String, method: &str, path: &str, operation: &Value) {
    let id = anchor(&format!("{method} {path}"));
    let _ = write!(
        html,
        "<article class=\"api-op\" id=\"{}\"><h3><span class=\"api-method api-{}\">{}</span> <code>{}</code></h3>",
        attr(&id),
        method.to_lowercase(),
        method,
        text(path)
    );
    for key in ["summary", "description"] {
        if let Some(words) = operation[key].as_str() {
            html.push_str(&paragraphs(words));
        }
    }
    let security: Vec<String> = operation["security"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .map(|requirement| match requirement.keys().next() {
            Some(name) => format!("<code>{}</code>", text(name)),
            None => "nenhuma".to_string(),
        })
        .collect();
    let auth = if security.is_empty() { "nenhuma".to_string() } else { security.join(" ou ") };
    let _ = write!(html, "<p><strong>Autenticação:</strong> {auth}</p>");
    if let Some(parameters) = operation["parameters"].as_array().filter(|list| !list.is_empty()) {
        html.push_str(
            "<div class=\"table-wrap\"><table class=\"staff-table\"><caption>Parâmetros</caption><thead><tr><th>Nome</th><th>Em</th>\
             <th>Tipo</th><th>Obrigatório</th><th>Descrição</th></tr></thead><tbody>",
        );
        for parameter in parameters {
            let _ = write!(
                html,
                "<tr><td data-rotulo=\"Nome\"><code>{}</code></td><td data-rotulo=\"Em\">{}</td><td data-rotulo=\"Tipo\">{}</td>\
                 <td data-rotulo=\"Obrigatório\">{}</td><td data-rotulo=\"Descrição\">{}</td></tr>",
                text(parameter["name"].as_str().unwrap_or_default()),
                text(parameter["in"].as_str().unwrap_or_default()),
                type_of(&parameter["schema"]),
                yes_no(parameter["required"].as_bool().unwrap_or(false)),
                inline_code(parameter["description"].as_str().unwrap_or_default()),
            );
        }
        html.push_str("</tbody></table></div>");
    }
    if let Some(content) = operation["requestBody"]["content"].as_object() {
        html.push_str("<p><strong>Corpo:</strong> ");
        let bodies: Vec<String> = content
            .iter()
            .map(|(kind, media)| format!("<code>{}</code> {}", text(kind), type_of(&media["schema"])))
            .collect();
        html.push_str(&bodies.join("; "));
        html.push_str("</p>");
    }
    html.push_str(
        "<div class=\"table-wrap\"><table class=\"staff-table\"><caption>Respostas</caption><thead><tr><th>Status</th><th>Quando</th>\
         <th>Corpo</th></tr></thead><tbody>",
    );
    for (status, response) in operation["responses"].as_object().into_iter().flatten() {
        let body: Vec<String> = response["content"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(kind, media)| format!("<code>{}</code> {}", text(kind), type_of(&media["schema"])))
            .collect();
        let _ = write!(
            html,
            "<tr><td data-rotulo=\"Status\"><code>{}</code></td><td data-rotulo=\"Quando\">{}</td><td data-rotulo=\"Corpo\">{}</td></tr>",
            text(status),
            inline_code(response["description"].as_str().unwrap_or_default()),
            body.join("<br>")
        );
    }
    html.push_str("</tbody></table></div></article>");
}

fn yes_no(flag: bool) -> &'static str {
    if flag {
        "sim"
    } else {
        "não"
    }
}

/// A schema as a short type: a link for a named one, `T[]` for lists, `A | B` for choices.
fn type_of(schema: &Value) -> String {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.rsplit('/').next().unwrap_or(reference);
        return format!("<a href=\"#{}\">{}</a>", attr(&schema_anchor(name)), text(name));
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(choices) = schema[key].as_array() {
            let joiner = if key == "allOf" { " e " } else { " | " };
            return choices.iter().map(type_of).collect::<Vec<_>>().join(joiner);
        }
    }
    let kinds: Vec<&str> = match &schema["type"] {
        Value::String(kind) => vec![kind.as_str()],
        Value::Array(kinds) => kinds.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let shown: Vec<String> = kinds
        .iter()
        .map(|kind| match *kind {
            "array" => format!("{}[]", type_of(&schema["items"])),
            "object" if schema.get("properties").is_some() => "objeto (abaixo)".to_string(),
            other => match schema["format"].as_str() {
                Some(format) => format!("{} ({})", text(other), text(format)),
                None => text(other).to_string(),
            },
        })
        .collect();
    if shown.is_empty() {
        "qualquer".to_string()
    } else {
        shown.join(" | ")
    }
}

fn schema_html(html: &mut String, schema: &Value) {
    if let Some(description) = schema["description"].as_str() {
        html.push_str(&paragraphs(description));
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(parts) = schema[key].as_array() {
            let label = if key == "allOf" { "Todos de" } else { "Um de" };
            let _ = write!(html, "<p>{label}:</p>");
            for part in parts {
                if part.get("properties").is_some() {
                    schema_html(html, part);
                } else {
                    let _ = write!(html, "<p>{}</p>", type_of(part));
                }
            }
        }
    }
    let Some(properties) = schema["properties"].as_object() else {
        if schema.get("$ref").is_none() && schema.get("oneOf").is_none() && schema.get("allOf").is_none() {
            let _ = write!(html, "<p>Tipo: {}</p>", type_of(schema));
        }
        return;
    };
    let required: Vec<&str> =
        schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    html.push_str(
        "<div class=\"table-wrap\"><table class=\"staff-table\"><thead><tr><th>Campo</th><th>Tipo</th><th>Sempre presente</th>\
         <th>Descrição</th></tr></thead><tbody>",
    );
    for (name, property) in properties {
        let _ = write!(
            html,
            "<tr><td data-rotulo=\"Campo\"><code>{}</code></td><td data-rotulo=\"Tipo\">{}</td><td data-rotulo=\"Sempre presente\">{}</td>\
             <td data-rotulo=\"Descrição\">{}</td></tr>",
            text(name),
            type_of(property),
            yes_no(required.contains(&name.as_str())),
            inline_code(property["description"].as_str().unwrap_or_default()),
        );
    }
    html.push_str("</tbody></table></div>");
}
