//! The built site: `/pkg` (wasm, JS, CSS; pre-compressed with brotli and gzip, immutable when
//! content-hashed) and the files of `public/` at the root.

use std::path::{Path, PathBuf};

use axum::http::header::{self, HeaderValue};
use axum::Router;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

/// Content hashes written by the build (`js: …`, `wasm: …`, `css: …`), when present.
#[derive(Debug, Clone, Default)]
pub struct AssetManifest {
    pub path: Option<PathBuf>,
    pub css: Option<String>,
}

impl AssetManifest {
    pub fn file_name() -> &'static str {
        "hash.txt"
    }

    pub fn read(site_root: &Path) -> Self {
        let path = site_root.join("pkg").join(Self::file_name());
        let Ok(text) = std::fs::read_to_string(&path) else {
            return Self::default();
        };
        let css = text.lines().find_map(|line| {
            let (name, hash) = line.split_once(':')?;
            (name.trim() == "css").then(|| hash.trim().to_string())
        });
        Self { path: Some(std::path::absolute(&path).unwrap_or(path)), css }
    }

    pub fn is_hashed(&self) -> bool {
        self.path.is_some()
    }

    pub fn stylesheet_href(&self) -> String {
        match &self.css {
            Some(hash) => format!("/pkg/portal.{hash}.css"),
            None => "/pkg/portal.css".to_string(),
        }
    }
}

pub fn routes<S: Clone + Send + Sync + 'static>(site_root: &Path, manifest: &AssetManifest) -> Router<S> {
    let cache = if manifest.is_hashed() { "public, max-age=31536000, immutable" } else { "no-cache" };
    let pkg = ServeDir::new(site_root.join("pkg")).precompressed_br().precompressed_gzip();
    let mut router = Router::new().nest_service(
        "/pkg",
        tower::ServiceBuilder::new()
            .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static(cache)))
            .service(pkg),
    );
    // Each public file gets its own route, so nothing else under the site root is exposed.
    if let Ok(entries) = std::fs::read_dir(site_root) {
        for entry in entries.flatten() {
            let path = entry.path();
            let Some(name) = path.file_name().and_then(|name| name.to_str()).map(str::to_owned) else {
                continue;
            };
            if name == "favicon.svg" {
                // Browsers ask for /favicon.ico on documents that do not name an icon (a photo
                // opened on its own, for one).
                router = router.route(
                    "/favicon.ico",
                    axum::routing::get(|| async { axum::response::Redirect::permanent("/favicon.svg") }),
                );
            }
            if path.is_file() {
                router = router.route_service(
                    &format!("/{name}"),
                    tower::ServiceBuilder::new()
                        .layer(SetResponseHeaderLayer::overriding(
                            header::CACHE_CONTROL,
                            HeaderValue::from_static("public, max-age=3600"),
                        ))
                        .service(ServeFile::new(path)),
                );
            }
        }
    }
    router
}
