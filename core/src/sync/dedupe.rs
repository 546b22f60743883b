//! When two feed items are one article: the same guid, the same URL once
//! tracking parameters are gone, or the same headline on the same day (the
//! same story under another address, as mirrors and syndication produce).

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use url::Url;

use crate::text::fold_arabic;

/// Query parameters that only say where a click came from.
fn is_tracking(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.starts_with("utm_")
        || matches!(
            n.as_str(),
            "fbclid"
                | "gclid"
                | "dclid"
                | "msclkid"
                | "yclid"
                | "igshid"
                | "mc_cid"
                | "mc_eid"
                | "_ga"
                | "ref_src"
                | "ref_url"
                | "spm"
                | "cmpid"
                | "ocid"
                | "s_cid"
                | "amp"
        )
}

/// The article's URL without tracking parameters or fragment: the address
/// that is stored, shared and compared.
pub fn canonical_url(url: &Url) -> Url {
    let mut out = url.clone();
    out.set_fragment(None);
    // The parameters kept as the address wrote them (`?a=1&b=2&c` keeps
    // its `c`; re-encoding would make it `c=`, another address).
    let kept: Vec<&str> = url
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let key = p.split('=').next().unwrap_or_default();
            let key = percent_encoding::percent_decode_str(key).decode_utf8_lossy();
            !is_tracking(&key)
        })
        .collect();
    if kept.is_empty() {
        out.set_query(None);
    } else {
        out.set_query(Some(&kept.join("&")));
    }
    out
}

/// The address a page names as canonical, when it is another address of
/// the same article: same host and the same last path segment (the slug),
/// as a mirror in another encoding or an AMP copy names the original.
/// Anything else names nothing: a misconfigured CMS that names the home
/// page, or one story, on every page must not merge every article into one.
pub fn alias_of(page: &Url, declared: &Url) -> Option<Url> {
    let declared = canonical_url(declared);
    let slug = |u: &Url| {
        u.path_segments()
            .and_then(|mut s| s.rfind(|p| !p.is_empty()))
            .map(str::to_string)
    };
    let same = matches!(declared.scheme(), "http" | "https")
        && declared.host_str() == page.host_str()
        && declared.path() != page.path()
        && slug(&declared).is_some()
        && slug(&declared) == slug(page);
    same.then_some(declared)
}

/// Headline (folded: no diacritics, one alef, no punctuation) and publication
/// day. `None` without a date: a headline alone is too weak to merge on.
pub fn fingerprint(title: &str, published: Option<DateTime<Utc>>) -> Option<String> {
    let day = published?.format("%Y-%m-%d").to_string();
    // One pass, one buffer: this runs for every item of every feed.
    let mut key = String::with_capacity(title.len() + day.len() + 1);
    key.push_str(&day);
    let mut words = 0;
    let mut in_word = false;
    for c in fold_arabic(title).chars() {
        if is_separator(c) {
            in_word = false;
            continue;
        }
        if !in_word {
            key.push(' ');
            words += 1;
            in_word = true;
        }
        key.push(c.to_ascii_lowercase());
    }
    if words < 3 {
        return None;
    }
    let digest = Sha256::digest(key.as_bytes());
    Some(digest.iter().take(12).map(|b| format!("{b:02x}")).collect())
}

/// Spaces and punctuation, Latin and Arabic. (A table lookup per character
/// instead of `char::is_alphanumeric`, which is slow for Arabic letters.)
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(
            c,
            '،' | '؛'
                | '؟'
                | '«'
                | '»'
                | '–'
                | '—'
                | '…'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '٪'
                | '·'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).expect("url")
    }

    #[test]
    fn tracking_parameters_and_fragments_go_other_parameters_stay() {
        assert_eq!(
            canonical_url(&url(
                "https://k.example/2026/11/a/?utm_source=rss&utm_medium=feed#top"
            ))
            .as_str(),
            "https://k.example/2026/11/a/"
        );
        assert_eq!(
            canonical_url(&url("https://k.example/?p=1019&fbclid=xyz&UTM_Campaign=z")).as_str(),
            "https://k.example/?p=1019"
        );
        assert_eq!(
            canonical_url(&url("https://k.example/a?id=3&page=2")).as_str(),
            "https://k.example/a?id=3&page=2"
        );
    }

    #[test]
    fn a_canonical_address_is_an_alias_only_for_the_same_story() {
        let page = url("http://k.example/w1256/2026/11/drone-strikes/");
        assert_eq!(
            alias_of(
                &page,
                &url("http://k.example/2026/11/drone-strikes/?utm_source=x")
            )
            .map(String::from),
            Some("http://k.example/2026/11/drone-strikes/".to_string())
        );
        for other in [
            "http://k.example/",
            "http://k.example/2026/11/another-story/",
            "http://elsewhere.example/2026/11/drone-strikes/",
            "http://k.example/w1256/2026/11/drone-strikes/#top",
        ] {
            assert_eq!(alias_of(&page, &url(other)), None, "{other}");
        }
    }

    #[test]
    fn fingerprints_ignore_diacritics_punctuation_and_time_of_day() {
        let d1 = DateTime::parse_from_rfc3339("2026-11-24T08:30:00Z")
            .expect("date")
            .with_timezone(&Utc);
        let d2 = DateTime::parse_from_rfc3339("2026-11-24T19:05:00Z")
            .expect("date")
            .with_timezone(&Utc);
        let d3 = DateTime::parse_from_rfc3339("2026-11-25T08:30:00Z")
            .expect("date")
            .with_timezone(&Utc);
        let a = fingerprint("إسبانيا تُعلن مناطق منكوبة: بلنسية", Some(d1));
        assert!(a.is_some());
        assert_eq!(
            a,
            fingerprint("اسبانيا تعلن مناطق منكوبة - بلنسية", Some(d2))
        );
        assert_ne!(
            a,
            fingerprint("اسبانيا تعلن مناطق منكوبة - بلنسية", Some(d3))
        );
        assert_ne!(a, fingerprint("اسبانيا تعلن مناطق جديدة منكوبة", Some(d1)));
        assert_eq!(fingerprint("عاجل", Some(d1)), None, "too short to be sure");
        assert_eq!(fingerprint("إسبانيا تعلن مناطق منكوبة", None), None);
    }
}
