//! Adding a site by its address: the feed is found through the page's
//! `<link rel="alternate">`, or the address is a feed already.

use khabarain_core::discover::find_feed;
use khabarain_core::fetch::{FetchPolicy, Fetcher};
use khabarain_fixture_site::FixtureSite;

#[tokio::test]
async fn a_site_or_category_address_leads_to_its_feed() {
    let site = FixtureSite::start(0).await.expect("site");
    let base = site.base_url();
    let fetcher = Fetcher::new(FetchPolicy::default()).expect("client");

    let home = find_feed(&fetcher, &base).await.expect("home page");
    assert_eq!(home.url, format!("{base}feed/"));
    assert_eq!(home.kind, "rss");

    // A category page names RSS, Atom and JSON Feed: RSS is taken.
    let world = find_feed(&fetcher, &format!("{base}category/world/"))
        .await
        .expect("category");
    assert_eq!(world.url, format!("{base}category/world/feed/"));

    // A feed address is taken as it is.
    let atom = find_feed(&fetcher, &format!("{base}category/world/feed/atom/"))
        .await
        .expect("feed");
    assert_eq!(atom.url, format!("{base}category/world/feed/atom/"));
    assert_eq!(atom.kind, "feed");
    assert_eq!(atom.title.as_deref(), Some("خبرين » العالم"));

    let err = find_feed(&fetcher, &format!("{base}static/site.css"))
        .await
        .expect_err("no feed");
    assert_eq!(err.code(), "not_found");
    let err = find_feed(&fetcher, "not an address at all")
        .await
        .expect_err("bad address");
    assert!(matches!(err.code(), "invalid_input" | "network"), "{err}");
}
