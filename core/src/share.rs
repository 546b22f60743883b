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

pub(crate) fn enc(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ShareTarget {
    pub id: &'static str,
    pub url: String,
}

/// The longest quote shared; a longer selection is cut at a word.
pub const MAX_QUOTE_CHARS: usize = 1000;
/// X counts a link as 23 characters, whatever its length.
const X_LIMIT: usize = 280;
const X_LINK: usize = 23;

/// A selection as a quote: spaces collapsed, cut at a word to `max`
/// characters (with an ellipsis).
fn tidy_quote(quote: &str, max: usize) -> String {
    let words: Vec<&str> = quote.split_whitespace().collect();
    let mut out = String::new();
    for w in words {
        let extra = usize::from(!out.is_empty()) + w.chars().count();
        if out.chars().count() + extra > max.saturating_sub(1) {
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Share URLs for an article, optionally with a quote from it (the text the
/// reader selected). Only public http(s) links may be shared: a local
/// address would be useless to the person receiving it.
pub fn share_targets(title: &str, link: &str, quote: Option<&str>) -> Result<Vec<ShareTarget>> {
    let parsed =
        url::Url::parse(link).map_err(|e| Error::InvalidInput(format!("share link: {e}")))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(Error::InvalidInput(format!("not a public link: {link}")));
    }
    let quote = quote
        .map(|q| tidy_quote(q, MAX_QUOTE_CHARS))
        .filter(|q| !q.is_empty());
    // The message: the quote in guillemets and the headline, or the headline.
    let message = match &quote {
        Some(q) => format!("«{q}»\n— {title}"),
        None => title.to_string(),
    };
    // X: the message cut to what fits beside the link.
    let x_text = match &quote {
        Some(q) => {
            let room = X_LIMIT - X_LINK - 1 - title.chars().count().min(100) - 5;
            format!("«{}» — {title}", tidy_quote(q, room.max(40)))
        }
        None => title.to_string(),
    };
    let (m, l) = (enc(&message), enc(link));
    let text = enc(&format!("{message}\n{link}"));
    let mut facebook = format!("https://www.facebook.com/sharer/sharer.php?u={l}");
    if let Some(q) = &quote {
        facebook.push_str(&format!("&quote={}", enc(&format!("«{q}»"))));
    }
    Ok(vec![
        ShareTarget {
            id: "whatsapp",
            url: format!("https://wa.me/?text={text}"),
        },
        ShareTarget {
            id: "telegram",
            url: format!("https://t.me/share/url?url={l}&text={m}"),
        },
        ShareTarget {
            id: "x",
            url: format!("https://x.com/intent/post?text={}&url={l}", enc(&x_text)),
        },
        ShareTarget {
            id: "facebook",
            url: facebook,
        },
        ShareTarget {
            id: "linkedin",
            url: format!("https://www.linkedin.com/sharing/share-offsite/?url={l}"),
        },
        ShareTarget {
            id: "email",
            url: format!("mailto:?subject={}&body={text}", enc(title)),
        },
    ])
}

/// The text "copy" puts on the clipboard: the quote (if any), the headline
/// and the link.
pub fn share_text(title: &str, link: &str, quote: Option<&str>) -> String {
    match quote
        .map(|q| tidy_quote(q, MAX_QUOTE_CHARS))
        .filter(|q| !q.is_empty())
    {
        Some(q) => format!("«{q}»\n— {title}\n{link}"),
        None => format!("{title}\n{link}"),
    }
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
        let targets = share_targets(title, link, None).expect("targets");
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
        assert!(share_targets("t", "file:///home/x", None).is_err());
        assert!(share_targets("t", "not a url", None).is_err());
        assert!(share_targets("t", "kimg://localhost/abc", None).is_err());
        assert!(share_targets("t", "tauri://localhost/index.html", Some("q")).is_err());
    }

    #[test]
    fn a_quote_travels_with_the_headline_and_link() {
        let title = "البنك المركزي يبقي الفائدة دون تغيير";
        let link = "https://www.khabarain.com/2026/11/rates/";
        let quote = "  قال المحافظ إن «التضخم»\n  ما زال مرتفعاً عند 4.2%  ";
        let targets = share_targets(title, link, Some(quote)).expect("targets");
        let by = |id: &str| {
            targets
                .iter()
                .find(|t| t.id == id)
                .expect("target")
                .url
                .clone()
        };
        let tidy = "قال المحافظ إن «التضخم» ما زال مرتفعاً عند 4.2%";
        let message = format!("«{tidy}»\n— {title}");
        assert_eq!(param(&by("whatsapp"), "text"), format!("{message}\n{link}"));
        assert_eq!(param(&by("telegram"), "text"), message);
        assert_eq!(param(&by("telegram"), "url"), link);
        assert_eq!(param(&by("x"), "text"), format!("«{tidy}» — {title}"));
        assert_eq!(param(&by("facebook"), "quote"), format!("«{tidy}»"));
        assert_eq!(param(&by("email"), "subject"), title);
        assert_eq!(param(&by("email"), "body"), format!("{message}\n{link}"));
        assert_eq!(
            share_text(title, link, Some(quote)),
            format!("{message}\n{link}")
        );
        assert_eq!(
            share_text(title, link, Some("   ")),
            format!("{title}\n{link}")
        );
    }

    #[test]
    fn long_quotes_are_cut_at_a_word_and_fit_on_x() {
        let title = "عنوان الخبر";
        let link = "https://www.khabarain.com/a/";
        let quote = "كلمة ".repeat(500);
        let targets = share_targets(title, link, Some(&quote)).expect("targets");
        let x = param(
            &targets.iter().find(|t| t.id == "x").expect("x").url,
            "text",
        );
        assert!(
            x.chars().count() + X_LINK < X_LIMIT,
            "{}",
            x.chars().count()
        );
        assert!(x.contains("كلمة…»"), "{x}");
        let wa = param(&targets[0].url, "text");
        let quoted = wa.split('»').next().expect("quote");
        assert!(quoted.chars().count() <= MAX_QUOTE_CHARS + 1);
        assert!(quoted.ends_with("كلمة…"));
    }
}
