//! File storage behind one interface; a local folder by default (`PORTAL_STORAGE_DIR`).

use std::path::{Path, PathBuf};

use rand::RngCore;

#[derive(Debug, Clone)]
pub struct LocalStorage {
    root: PathBuf,
}

impl LocalStorage {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Stores `bytes` under a fresh random key (never derived from user input) and returns it.
    pub async fn put(&self, extension: &str, bytes: &[u8]) -> std::io::Result<String> {
        let mut random = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut random);
        let key = format!("{}.{extension}", hex::encode(random));
        tokio::fs::create_dir_all(&self.root).await?;
        tokio::fs::write(self.root.join(&key), bytes).await?;
        Ok(key)
    }

    pub async fn get(&self, key: &str) -> std::io::Result<Vec<u8>> {
        tokio::fs::read(self.path_of(key)?).await
    }

    /// Removes a stored file; one already gone is not an error.
    pub async fn delete(&self, key: &str) -> std::io::Result<()> {
        match tokio::fs::remove_file(self.path_of(key)?).await {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
            _ => Ok(()),
        }
    }

    /// Keys are ours (random hex), but a key never leaves the folder whatever it holds.
    fn path_of(&self, key: &str) -> std::io::Result<PathBuf> {
        if key.is_empty() || key.contains(['/', '\\']) || key.starts_with('.') {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, "invalid storage key"));
        }
        Ok(self.root.join(key))
    }
}
