//! The private-network rule (core::fetch::own_network) through a real sync
//! against the fixture site on 127.0.0.1: an item of a feed on the public
//! internet whose link points at the reader's own network is kept with its
//! feed's text, and the app never connects there; the same link from a
//! source the reader added on their own network is read. And the fetcher
//! itself: every spelling of a local address refused for a public source.

use khabarain_core::error::Error;
use khabarain_core::feed::parse_feed;
use khabarain_core::fetch::{Fetcher, Validators};
use khabarain_core::store::{BodySource, Source};
use khabarain_core::sync::{SourceReport, SourceStatus, TextFrom};
use khabarain_integration_tests::{all_articles, Harness};
use url::Url;

fn feed_with(link: &str, guid: &str, site: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>خلاصة</title><link>{site}</link>
<item><title>خبر برابط إلى الشبكة المحلية</title><link>{link}</link><guid>{guid}</guid>
<description>ملخص.</description>
<content:encoded><![CDATA[<p>نص الخلاصة وحده، كما ورد في الخلاصة، فقرة كاملة من نص الخبر.</p>]]></content:encoded></item>
</channel></rss>"#
    )
}

fn report_for(source: &Source) -> SourceReport {
    SourceReport {
        source_id: source.id,
        url: source.url.clone(),
        category: None,
        status: SourceStatus::Updated,
        items: 1,
        new: 0,
        updated: 0,
        failed_pages: 0,
        pending_pages: 0,
        cut: false,
        error: None,
    }
}

async fn ingest(h: &Harness, feed_url: &str, guid: &str, link: &str) -> SourceReport {
    let id = h.store.ensure_source(feed_url, None).expect("source");
    let source = h
        .store
        .sources()
        .expect("sources")
        .into_iter()
        .find(|s| s.id == id)
        .expect("the source");
    let xml = feed_with(link, guid, feed_url);
    let feed = parse_feed(xml.as_bytes(), &Url::parse(feed_url).expect("url")).expect("feed");
    let mut report = report_for(&source);
    h.syncer
        .ingest(&source, feed.entries, TextFrom::Page, &mut report)
        .await
        .expect("ingest");
    report
}

#[tokio::test]
async fn a_public_feeds_link_never_reaches_the_readers_network() {
    let h = Harness::start().await;
    let base = h.site.base_url();
    let article = h.site.corpus().newest()[0].1.clone();
    let page = format!("{}{}", base.trim_end_matches('/'), article.path());

    // A feed on the public internet (a name no resolver knows is the safe
    // side: public) linking to the fixture site's page on 127.0.0.1.
    h.site.clear_requests();
    let report = ingest(
        &h,
        "https://news.example.invalid/feed.xml",
        "public-1",
        &page,
    )
    .await;
    let heard: Vec<String> = h.site.requests().into_iter().map(|r| r.path).collect();
    assert!(
        heard.is_empty(),
        "the app connected to the reader's network: {heard:?}"
    );
    assert_eq!((report.new, report.pending_pages), (1, 1), "{report:?}");
    let kept = all_articles(&h.store);
    let kept = kept
        .iter()
        .find(|a| a.guid == "public-1")
        .expect("the item is kept");
    assert!(
        kept.body_html.contains("نص الخلاصة وحده"),
        "{}",
        kept.body_html
    );
    assert!(
        kept.page_pending,
        "the reader is told the page was not read"
    );

    // A page of the same site from a source the reader added on their own
    // network (another page: the first is stored under its address now).
    let article = h.site.corpus().newest()[1].1.clone();
    let page = format!("{}{}", base.trim_end_matches('/'), article.path());
    h.site.clear_requests();
    let report = ingest(&h, &format!("{base}own.xml"), "own-1", &page).await;
    let heard: Vec<String> = h.site.requests().into_iter().map(|r| r.path).collect();
    assert!(heard.contains(&article.path()), "{heard:?}");
    assert_eq!((report.new, report.pending_pages), (1, 0), "{report:?}");
    let read = all_articles(&h.store);
    let read = read.iter().find(|a| a.guid == "own-1").expect("stored");
    assert_eq!(read.body_source, Some(BodySource::Page));
}

#[tokio::test]
async fn a_public_sources_fetcher_refuses_every_spelling_of_a_local_address() {
    let h = Harness::start().await;
    let port = Url::parse(&h.site.base_url())
        .expect("url")
        .port()
        .expect("port");
    let open = Fetcher::new(Default::default()).expect("fetcher");
    let public = open.public_only();
    h.site.clear_requests();
    for local in [
        format!("http://127.0.0.1:{port}/"),
        format!("http://localhost:{port}/"),
        format!("http://[::ffff:127.0.0.1]:{port}/"),
        format!("http://2130706433:{port}/"),
        format!("http://0x7f.1:{port}/"),
    ] {
        let url = Url::parse(&local).expect("url");
        match public.get(&url, &Validators::default(), 1 << 20).await {
            Err(Error::OwnNetwork { .. }) => {}
            other => panic!("{local}: {other:?}"),
        }
    }
    assert!(h.site.requests().is_empty(), "{:?}", h.site.requests());
    // The same fetcher, not limited, reaches the site.
    let url = Url::parse(&format!("http://localhost:{port}/")).expect("url");
    assert!(open
        .get(&url, &Validators::default(), 1 << 22)
        .await
        .is_ok());
}
