//! `execute` against a server in memory: what an interrupted deploy leaves in the manifest.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use super::remote::{Entry, ErrorKind, Remote, RemoteError};
use super::run::execute;
use super::*;
use crate::config::deploy::Declared;

type Files = Arc<Mutex<BTreeMap<String, Vec<u8>>>>;

/// A server in memory whose connection drops when `fail_on` is uploaded.
struct Memory {
    files: Files,
    fail_on: Option<&'static str>,
}

impl Remote for Memory {
    fn read(&mut self, path: &str, _: u64) -> Result<Option<Vec<u8>>, RemoteError> {
        Ok(self.files.lock().unwrap().get(path).cloned())
    }
    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), RemoteError> {
        if self.fail_on == Some(path) {
            return Err(RemoteError::new(ErrorKind::Connection, "cut"));
        }
        self.files
            .lock()
            .unwrap()
            .insert(path.into(), bytes.to_vec());
        Ok(())
    }
    fn mkdir(&mut self, _: &str) -> Result<(), RemoteError> {
        Ok(())
    }
    fn remove(&mut self, path: &str) -> Result<(), RemoteError> {
        self.files.lock().unwrap().remove(path);
        Ok(())
    }
    fn rmdir(&mut self, _: &str) -> bool {
        true
    }
    fn list(&mut self, _: &str) -> Result<Vec<Entry>, RemoteError> {
        Ok(Vec::new())
    }
}

fn target() -> DeployTarget {
    DeployTarget {
        name: "main".into(),
        protocol: Protocol::Sftp,
        host: "example.lv".into(),
        port: 22,
        user: "ana".into(),
        path: "www".into(),
        key: None,
        password_env: "VESTIS_DEPLOY_PASSWORD".into(),
        known_hosts: None,
        connections: 1,
        max_deletions: 50,
        declared: Declared {
            path: "site.yaml".into(),
            line: 1,
            col: 1,
            source_line: None,
            len: 1,
        },
    }
}

fn output(version: u8) -> Output {
    let mut output = Output::new();
    output
        .insert("media/big.bin", vec![version; 6_000_000])
        .unwrap();
    output.insert("lv/index.html", vec![version; 10]).unwrap();
    output.insert("sitemap.xml", vec![version; 5]).unwrap();
    output
}

fn run(
    server: &Files,
    output: &Output,
    fail_on: Option<&'static str>,
) -> Result<Deployed, Diagnostics> {
    let local = local_files(output);
    let mut memory = Memory {
        files: server.clone(),
        fail_on,
    };
    let known = what_is_there(&mut memory).unwrap();
    let plan = Plan::make(&local, &known);
    let target = target();
    let mut result = Deployed {
        target: "main".into(),
        summary: plan.summary(),
        uploaded: 0,
        bytes: 0,
        deleted: 0,
        kept: Vec::new(),
        dry_run: false,
        elapsed: Duration::ZERO,
    };
    let ui = Ui {
        interactive: false,
        yes: false,
    };
    let mut pool = Pool::new(vec![Box::new(memory)]);
    let deletions = plan.deletions.clone();
    execute(
        &mut pool,
        &plan,
        &deletions,
        &known,
        ui,
        &target,
        &mut result,
    )?;
    Ok(result)
}

#[test]
fn an_interrupted_deploy_resumes_after_the_last_big_step() {
    let server: Files = Arc::default();
    let first = run(&server, &output(1), None).unwrap();
    assert_eq!(first.uploaded, 3);

    // The pages fail after the 6 MB of assets went up: the manifest already says so.
    let second = output(2);
    let failed = run(&server, &second, Some("lv/index.html")).unwrap_err();
    assert!(
        failed
            .items()
            .iter()
            .any(|d| d.message.contains("1 of 3 files were uploaded"))
    );
    let bytes = server.lock().unwrap()[MANIFEST_NAME].clone();
    let manifest = Manifest::parse(&bytes).unwrap();
    assert_eq!(
        manifest.files["media/big.bin"],
        FileState::of(&[2; 6_000_000])
    );
    assert_eq!(manifest.files["lv/index.html"], FileState::of(&[1; 10]));

    let third = run(&server, &second, None).unwrap();
    assert_eq!(third.uploaded, 2, "the assets were uploaded again");
    let online = server.lock().unwrap();
    assert_eq!(online["lv/index.html"], vec![2; 10]);
    assert_eq!(
        Manifest::parse(&online[MANIFEST_NAME]).unwrap().files,
        Plan::make(&local_files(&second), &Known::Manifest(Manifest::default()))
            .manifest
            .files
    );
}
