//! The manifest: the SHA-256 and size of every file a deploy put on the server, kept there as
//! [`MANIFEST_NAME`] so the next deploy knows what is online without downloading it.
//!
//! It is written after every upload and before deletions, so an interrupted deploy leaves the
//! previous manifest in place and the next run redoes what is missing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The manifest's path in the site's folder on the server.
pub const MANIFEST_NAME: &str = ".vestis-manifest.json";
/// The largest manifest read back (a 10,000-record site's is about 3 MB).
pub const MANIFEST_LIMIT: u64 = 64 * 1024 * 1024;

/// What is known about one file on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileState {
    /// Lowercase hex SHA-256 of the bytes.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
}

impl FileState {
    /// The state of `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        let digest = Sha256::digest(bytes);
        let mut sha256 = String::with_capacity(64);
        for b in digest {
            sha256.push_str(&format!("{b:02x}"));
        }
        FileState {
            sha256,
            size: bytes.len() as u64,
        }
    }
}

/// Every file vestis put on the server, by path relative to the site's folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always `"vestis"`: tells the file apart from anything else of that name.
    pub generator: String,
    /// The format's version (1).
    pub version: u32,
    /// Path → state, sorted.
    pub files: BTreeMap<String, FileState>,
}

impl Manifest {
    /// A manifest of `files`.
    pub fn new(files: BTreeMap<String, FileState>) -> Self {
        Manifest {
            generator: "vestis".into(),
            version: 1,
            files,
        }
    }

    /// Reads a manifest back; `Err` (in words) when it is not one vestis wrote.
    pub fn parse(bytes: &[u8]) -> Result<Manifest, String> {
        let manifest: Manifest = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        if manifest.generator != "vestis" || manifest.version != 1 {
            return Err(format!(
                "made by `{}` version {}",
                manifest.generator, manifest.version
            ));
        }
        let unsafe_path = manifest
            .files
            .keys()
            .find(|p| crate::output::validate_path(p).is_err());
        if let Some(path) = unsafe_path {
            return Err(format!("it names the unsafe path `{path}`"));
        }
        Ok(manifest)
    }

    /// The JSON written to the server.
    pub fn to_bytes(&self) -> Vec<u8> {
        // A map of strings to plain structs always serialises.
        serde_json::to_vec(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_foreign_files() {
        let mut files = BTreeMap::new();
        files.insert("lv/index.html".to_string(), FileState::of(b"abc"));
        let manifest = Manifest::new(files);
        assert_eq!(Manifest::parse(&manifest.to_bytes()).unwrap(), manifest);
        assert_eq!(
            manifest.files["lv/index.html"].sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(Manifest::parse(b"{\"a\":1}").is_err());
        let evil = br#"{"generator":"vestis","version":1,"files":{"../x":{"sha256":"","size":0}}}"#;
        assert!(Manifest::parse(evil).unwrap_err().contains("unsafe"));
    }
}
