//! `khabarain rule` and `khabarain list --hidden` against the fixture site:
//! a mute made after a sync hides what it says (forms of the word too), the
//! hidden list names the rule, a second sync keeps it so, unhide and remove
//! give the articles back, and a bad rule is refused with a clear message.

mod common;

use std::process::Output;

use common::{khabarain, stderr, stdout};
use khabarain_fixture_site::FixtureSite;

fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
}

fn json(o: Output) -> serde_json::Value {
    serde_json::from_str(&ok(o)).expect("json")
}

fn listed(db: &std::path::Path, base: &str, args: &[&str]) -> usize {
    let mut all = vec!["list", "--json", "--limit", "1000"];
    all.extend_from_slice(args);
    let v = json(khabarain(db, base, &all));
    v.as_array()
        .or_else(|| v["articles"].as_array())
        .map(Vec::len)
        .expect("rows")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_mute_hides_what_it_says_until_it_is_removed() {
    let site = FixtureSite::start(0).await.expect("site");
    let base = site.base_url();
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rules.sqlite3");
    tokio::task::block_in_place(|| ok(khabarain(&db, &base, &["sync"])));
    let all = listed(&db, &base, &[]);

    // With an attached «و», as a reader might select it in a text.
    let tried = json(khabarain(
        &db,
        &base,
        &["rule", "try", "وأوكرانيا", "--json"],
    ));
    let n = tried["count"].as_u64().expect("count") as usize;
    assert!(n >= 4, "{tried}");
    let added = json(khabarain(
        &db,
        &base,
        &["rule", "add", "أوكرانيا", "--json"],
    ));
    assert_eq!(added["count"].as_u64(), Some(n as u64));
    let rule = added["rule_id"].to_string();
    assert_eq!(listed(&db, &base, &[]), all - n);
    assert_eq!(listed(&db, &base, &["--hidden"]), n);
    let hidden = ok(khabarain(&db, &base, &["list", "--hidden"]));
    assert!(hidden.contains(&format!("hide by rule {rule}")), "{hidden}");
    let search = json(khabarain(&db, &base, &["search", "أوكرانيا", "--json"]));
    assert_eq!(search.as_array().map(Vec::len), Some(0));

    // A second sync: nothing comes back.
    tokio::task::block_in_place(|| ok(khabarain(&db, &base, &["sync"])));
    assert_eq!(listed(&db, &base, &[]), all - n);
    let rules = json(khabarain(&db, &base, &["rule", "list", "--json"]));
    assert_eq!(rules[0]["hits"].as_u64(), Some(n as u64), "{rules}");
    assert_eq!(rules[0]["action"], "hide");

    // One shown again, then the rule removed: all back, nothing deleted.
    let first = json(khabarain(&db, &base, &["list", "--hidden", "--json"]));
    let id = first["articles"][0]["id"].to_string();
    ok(khabarain(&db, &base, &["rule", "unhide", &id]));
    assert_eq!(listed(&db, &base, &["--hidden"]), n - 1);
    ok(khabarain(&db, &base, &["rule", "remove", &rule]));
    assert_eq!(listed(&db, &base, &[]), all);

    // Rules and saved searches to a file and into another database.
    ok(khabarain(
        &db,
        &base,
        &["rule", "add", "اقتصاد", "--action", "read", "--in", "title"],
    ));
    let saved = ok(khabarain(
        &db,
        &base,
        &["saved", "add", "أوكرانيا", "--unread"],
    ));
    assert!(saved.starts_with("saved search 1: "), "{saved}");
    let listed_saved = json(khabarain(&db, &base, &["saved", "list", "--json"]));
    assert!(
        listed_saved[0]["unread"].as_i64().expect("unread") >= 1,
        "{listed_saved}"
    );
    let file = dir.path().join("قواعدي.json");
    ok(khabarain(
        &db,
        &base,
        &["rule", "export", file.to_str().expect("path")],
    ));
    let other = dir.path().join("other.sqlite3");
    tokio::task::block_in_place(|| ok(khabarain(&other, &base, &["sync"])));
    let report = json(khabarain(
        &other,
        &base,
        &["rule", "import", file.to_str().expect("path"), "--json"],
    ));
    assert_eq!(report["rules_added"], 1, "{report}");
    assert_eq!(report["searches_added"], 1, "{report}");
    let again = json(khabarain(
        &other,
        &base,
        &["rule", "import", file.to_str().expect("path"), "--json"],
    ));
    assert_eq!(again["rules_known"], 1, "{again}");
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"format\":\"khabarain-rules\",\"version\":1,\"rules\":[{\"words\":\"x\",\"action\":\"delete\"}]}").expect("write");
    let out = khabarain(
        &other,
        &base,
        &["rule", "import", bad.to_str().expect("path")],
    );
    assert!(!out.status.success(), "a bad file is refused");

    // A rule that saves needs its tag; the reason is said.
    let out = khabarain(
        &db,
        &base,
        &["rule", "add", "اقتصاد", "--action", "bookmark"],
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("needs one tag"), "{}", stderr(&out));
}
