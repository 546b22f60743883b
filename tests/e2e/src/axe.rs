//! axe-core (Deque's accessibility engine, from npm: node_modules/axe-core)
//! run inside the real window's page over WebDriver, as accessibility
//! engineers run it in a browser. Every rule axe enables by default is
//! checked (WCAG 2.x A and AA and its best practices); a violation is
//! reported with its rule, impact and the elements it names.

use std::path::Path;

use fantoccini::Client;

/// axe.min.js as npm installed it (`npm ci` in scripts/deps.sh).
fn source() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run `npm ci`)", path.display()))
}

/// The violations axe finds in the page as it is now, one line each:
/// `rule (impact): help — selector, selector…`. Empty when there are none.
pub async fn violations(c: &Client) -> Vec<String> {
    let loaded = c
        .execute("return typeof window.axe === 'object';", vec![])
        .await
        .expect("script");
    if loaded != serde_json::Value::Bool(true) {
        c.execute(&format!("{}\nreturn true;", source()), vec![])
            .await
            .expect("axe-core loads into the page");
    }
    let found = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] })
               .then((r) => done(r.violations.map((v) =>
                 `${v.id} (${v.impact}): ${v.help} — ` +
                 v.nodes.slice(0, 6).map((n) => n.target.join(' ') +
                   (n.failureSummary ? ` [${n.failureSummary.replace(/\\s+/g, ' ').slice(0, 160)}]` : '')).join(', ') +
                 (v.nodes.length > 6 ? ` and ${v.nodes.length - 6} more` : ''))))
               .catch((e) => done([`axe failed: ${e}`]));",
            vec![],
        )
        .await
        .expect("axe.run");
    serde_json::from_value(found).expect("a list of violations")
}
