//! What a `mailto:` link may carry out of the app: the addresses, a
//! `subject` and a `body`, nothing else. RFC 6068 lets a link name any
//! header, and mail clients honour some dangerous ones: `attach=` (Thunderbird
//! and others have attached local files named so), `cc`/`bcc` (a copy sent
//! to someone the reader did not see), `from`, `in-reply-to`…. Both the body
//! sanitiser and the hand-over to the system go through [`tidy`].

use percent_encoding::percent_decode_str;
use url::Url;

/// The link with only its addresses, `subject` and `body` (the first of
/// each, whatever its letter case); `None` if it is not a mailto link. Its
/// query is read as RFC 6068 says, not as a form: `+` is a plus sign.
pub fn tidy(link: &str) -> Option<String> {
    let url = Url::parse(link.trim()).ok()?;
    if url.scheme() != "mailto" {
        return None;
    }
    let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
    let mut subject = None;
    let mut body = None;
    for pair in url.query().unwrap_or_default().split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        match decode(name).to_ascii_lowercase().as_str() {
            "subject" if subject.is_none() => subject = Some(decode(value)),
            "body" if body.is_none() => body = Some(decode(value)),
            _ => {}
        }
    }
    let kept: Vec<String> = [("subject", subject), ("body", body)]
        .into_iter()
        .filter_map(|(name, value)| value.map(|v| format!("{name}={}", crate::share::enc(&v))))
        .collect();
    let to = url.path();
    Some(match kept.is_empty() {
        true => format!("mailto:{to}"),
        false => format!("mailto:{to}?{}", kept.join("&")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_addresses_subject_and_body_leave() {
        let t = |l| tidy(l).expect("a mailto link");
        assert_eq!(
            t("mailto:desk@example.com?subject=Hi&attach=/etc/passwd&body=x"),
            "mailto:desk@example.com?subject=Hi&body=x"
        );
        for bad in [
            "mailto:a@b.c?ATTACH=~/.ssh/id_rsa",
            "mailto:a@b.c?attachment=C:\\Users\\me\\secret.txt",
            "mailto:a@b.c?cc=spy@evil.example&bcc=spy2@evil.example",
            "mailto:a@b.c?to=other@evil.example&from=boss@example.com",
            "mailto:a@b.c?In-Reply-To=%3Cx%40y%3E",
        ] {
            assert_eq!(t(bad), "mailto:a@b.c", "{bad}");
        }
        assert_eq!(
            t("mailto:?Subject=عنوان الخبر&body=نص مع + علامة"),
            "mailto:?subject=%D8%B9%D9%86%D9%88%D8%A7%D9%86%20%D8%A7%D9%84%D8%AE%D8%A8%D8%B1&body=%D9%86%D8%B5%20%D9%85%D8%B9%20%2B%20%D8%B9%D9%84%D8%A7%D9%85%D8%A9"
        );
        assert_eq!(
            t("mailto:a@b.c?subject=1&subject=2"),
            "mailto:a@b.c?subject=1"
        );
    }

    #[test]
    fn other_links_are_not_mailto() {
        assert_eq!(tidy("https://example.org/?attach=x"), None);
        assert_eq!(tidy("not a link"), None);
    }
}
