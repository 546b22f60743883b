//! Share targets: URLs that open the system browser or mail client with the
//! article's headline and public link, percent-encoded so Arabic survives.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;

use crate::error::{Error, Result};

/// Everything but RFC 3986's unreserved characters is encoded (spaces as
/// %20, never '+', which mail clients show literally).
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn enc(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ShareTarget {
    pub id: &'static str,
    pub url: String,
}

/// Share URLs for an article. Only public http(s) links may be shared: a
/// local address would be useless to the person receiving it.
pub fn share_targets(title: &str, link: &str) -> Result<Vec<ShareTarget>> {
    let parsed =
        url::Url::parse(link).map_err(|e| Error::InvalidInput(format!("share link: {e}")))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(Error::InvalidInput(format!("not a public link: {link}")));
    }
    let (t, l) = (enc(title), enc(link));
    let text = enc(&format!("{title}\n{link}"));
    Ok(vec![
        ShareTarget {
            id: "whatsapp",
            url: format!("https://wa.me/?text={text}"),
        },
        ShareTarget {
            id: "telegram",
            url: format!("https://t.me/share/url?url={l}&text={t}"),
        },
        ShareTarget {
            id: "x",
            url: format!("https://x.com/intent/post?text={t}&url={l}"),
        },
        ShareTarget {
            id: "facebook",
            url: format!("https://www.facebook.com/sharer/sharer.php?u={l}"),
        },
        ShareTarget {
            id: "linkedin",
            url: format!("https://www.linkedin.com/sharing/share-offsite/?url={l}"),
        },
        ShareTarget {
            id: "email",
            url: format!("mailto:?subject={t}&body={text}"),
        },
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use percent_encoding::percent_decode_str;

    fn param(url: &str, name: &str) -> String {
        let query = url.split_once('?').map(|(_, q)| q).unwrap_or_default();
        let raw = query
            .split('&')
            .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
            .unwrap_or_default();
        percent_decode_str(raw)
            .decode_utf8()
            .expect("utf8")
            .into_owned()
    }

    #[test]
    fn arabic_text_round_trips_exactly_through_every_target() {
        let title = "أسعار النفط ترتفع 3.5% بعد قرار «أوبك+»";
        let link = "https://www.khabarain.com/2026/11/oil-prices/?a=1&b=2";
        let targets = share_targets(title, link).expect("targets");
        assert_eq!(targets.len(), 6);
        let by = |id: &str| {
            targets
                .iter()
                .find(|t| t.id == id)
                .expect("target")
                .url
                .clone()
        };
        assert_eq!(param(&by("whatsapp"), "text"), format!("{title}\n{link}"));
        assert_eq!(param(&by("telegram"), "url"), link);
        assert_eq!(param(&by("telegram"), "text"), title);
        assert_eq!(param(&by("x"), "text"), title);
        assert_eq!(param(&by("facebook"), "u"), link);
        assert_eq!(param(&by("linkedin"), "url"), link);
        assert_eq!(param(&by("email"), "subject"), title);
        assert!(!by("email").contains('+'), "spaces must be %20 in mailto");
    }

    #[test]
    fn local_or_odd_links_are_refused() {
        assert!(share_targets("t", "file:///home/x").is_err());
        assert!(share_targets("t", "not a url").is_err());
    }
}
