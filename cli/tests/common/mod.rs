//! What the CLI's test files share: the built `khabarain` run on a database
//! against a site, and its output as text.
// Each test file uses some of these.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

pub fn khabarain(db: &Path, base: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_khabarain"))
        .arg("--db")
        .arg(db)
        .args(["--base-url", base])
        .args(args)
        .env_remove("KHABARAIN_DB")
        .output()
        .expect("khabarain runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
