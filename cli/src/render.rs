//! Plain-text views for a terminal. Everything that came from a feed or a
//! page goes through [`safe`] first: stored text holds no control
//! characters, but a terminal is worth a second guard (a database from an
//! older version, a bookmarks file, an error message quoting a server).

use khabarain_core::search::Segment;
use khabarain_core::store::{ArticleDetail, ArticleSummary, Source};
use khabarain_core::sync::{SourceReport, SourceStatus};

/// `YYYY-MM-DD HH:MM` (UTC).
pub fn date(secs: Option<i64>) -> String {
    secs.and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|| "-".into())
}

/// Text that cannot act on a terminal: C0 and C1 controls (escape
/// sequences, bell, backspace, carriage return…) other than tab and newline
/// are shown as their code, `\x1b`, instead of being sent.
pub fn safe(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if khabarain_core::text::is_control(c) {
            out.push_str(&format!("\\x{:02x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

pub fn list_row(a: &ArticleSummary) -> String {
    format!(
        "{:>6}  {}  {}{}  {}",
        a.id,
        date(a.published_at),
        if a.read { ' ' } else { '●' },
        if a.bookmarked { '★' } else { ' ' },
        safe(&a.title)
    )
}

/// A search result: the row, then the best matching passage, with the
/// matches in bold and underlined on a terminal (as they are elsewhere).
pub fn search_hit(a: &ArticleSummary, terminal: bool) -> String {
    let mark = |segs: &[Segment]| -> String {
        segs.iter()
            .map(|s| match (s.hit, terminal) {
                (true, true) => format!("\x1b[1;4m{}\x1b[0m", safe(&s.text)),
                _ => safe(&s.text),
            })
            .collect()
    };
    let mut out = list_row(a);
    if let Some(h) = &a.highlight {
        if let Some(t) = &h.title {
            out = out.replacen(&safe(&a.title), &mark(t), 1);
        }
        if let Some(s) = &h.snippet {
            out.push_str(&format!("\n    {}", mark(s)));
        }
    }
    out
}

pub fn article(a: &ArticleDetail) -> String {
    safe(&article_text(a))
}

fn article_text(a: &ArticleDetail) -> String {
    let mut out = String::new();
    out.push_str(&format!("{}\n", a.title));
    if let Some(o) = &a.original_title {
        out.push_str(&format!("{o}\n"));
    }
    out.push_str(&format!(
        "{} · {} · {}\n\n",
        a.category_label.as_deref().unwrap_or("-"),
        date(a.published_at),
        a.url.as_deref().unwrap_or("-")
    ));
    let names: Vec<&str> = a
        .authors
        .iter()
        .map(|p| p.shown())
        .filter(|n| !n.is_empty())
        .collect();
    if !names.is_empty() {
        out.push_str(&format!("بقلم {}\n", names.join("، ")));
    }
    let tags: Vec<&str> = a.feed_tags.iter().map(|t| t.shown()).collect();
    if !tags.is_empty() {
        out.push_str(&format!("الوسوم: {}\n", tags.join("، ")));
    }
    if !names.is_empty() || !tags.is_empty() {
        out.push('\n');
    }
    if a.page_pending {
        out.push_str("(تعذّرت قراءة صفحة هذا الخبر: هذا نصّه كما ورد في الخلاصة، وستُعاد محاولة قراءتها في المزامنات القادمة.)\n\n");
    }
    if !a.summary.is_empty() {
        out.push_str(&format!("{}\n\n", a.summary));
    }
    if let Some(c) = &a.image_caption {
        out.push_str(&format!(
            "[صورة: {c}{}]\n\n",
            a.image_credit
                .as_deref()
                .map(|c| format!(" — {c}"))
                .unwrap_or_default()
        ));
    }
    out.push_str(&html_text(&a.body_html));
    for (heading, links) in [("شاهد أيضاً", &a.see_also), ("أخبار ذات صلة", &a.related)]
    {
        if !links.is_empty() {
            out.push_str(&format!("\n{heading}:\n"));
            for l in links {
                let id = l.article_id.map(|i| format!(" (#{i})")).unwrap_or_default();
                out.push_str(&format!("  - {}{id}\n", l.title));
            }
        }
    }
    out
}

/// The body's text, a paragraph per line; subheadings marked with '##'.
fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let (text, tail) = rest.split_at(start);
        out.push_str(&unescape(text));
        let Some(end) = tail.find('>') else { break };
        let tag = &tail[1..end];
        let name = tag
            .trim_start_matches('/')
            .split([' ', '>'])
            .next()
            .unwrap_or("");
        match (tag.starts_with('/'), name) {
            (false, "h2" | "h3") => out.push_str("## "),
            (true, "p" | "h2" | "h3" | "blockquote" | "li") => out.push_str("\n\n"),
            _ => {}
        }
        rest = &tail[end + 1..];
    }
    out.push_str(&unescape(rest));
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

pub fn source(s: &Source) -> String {
    let pending = if s.pending_pages > 0 {
        format!("  pages not read yet: {}", s.pending_pages)
    } else {
        String::new()
    };
    safe(&format!(
        "{:>4}  {}  {}  ok: {}  error: {}  encoding: {}{pending}",
        s.id,
        if s.enabled { "on " } else { "off" },
        s.url,
        date(s.last_success_at),
        s.last_error.as_deref().unwrap_or("-"),
        s.encoding.as_deref().unwrap_or("-")
    ))
}

pub fn source_report(r: &SourceReport) -> String {
    let status = match r.status {
        SourceStatus::Updated => "updated",
        SourceStatus::NotModified => "not modified",
        SourceStatus::Failed => "FAILED",
        SourceStatus::Skipped => "skipped",
    };
    let error = r
        .error
        .as_ref()
        .map(|e| format!(": {}", e.message))
        .unwrap_or_default();
    let cut = if r.cut { " (read up to a limit)" } else { "" };
    let pending = if r.pending_pages > 0 {
        format!(
            ", pages not read yet {} (kept with the feed's text)",
            r.pending_pages
        )
    } else {
        String::new()
    };
    safe(&format!(
        "{status}  {}  items {}{cut}, new {}, updated {}, failed pages {}{pending}{error}",
        r.url, r.items, r.new, r.updated, r.failed_pages
    ))
}

/// A rule: its id, what it does, where, its words and how many it catches.
pub fn rule(r: &khabarain_core::rules::Rule) -> String {
    let s = &r.spec;
    let mut scope = Vec::new();
    if let Some(id) = s.source_id {
        scope.push(format!("source {id}"));
    }
    for (what, v) in [
        ("section", &s.category),
        ("author", &s.author),
        ("feed tag", &s.feed_tag),
        ("tag", &s.tag),
    ] {
        if let Some(v) = v {
            scope.push(format!("{what} {}", safe(v)));
        }
    }
    format!(
        "{:>4}  {:<8} in {:<5} {}  ({} articles){}",
        r.id,
        s.action.as_str(),
        s.field.as_str(),
        safe(&s.words),
        r.hits,
        if scope.is_empty() {
            String::new()
        } else {
            format!("  [{}]", scope.join(", "))
        }
    )
}

/// A headline with its id, as a rule's trial lists it.
pub fn headline(id: i64, title: &str) -> String {
    format!("{id:>6}  {}", safe(title))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(
            safe("عنوان\x1b[2J\x07\x08\r\u{9b}31m سطر\tثان\nثالث"),
            "عنوان\\x1b[2J\\x07\\x08\\x0d\\x9b31m سطر\tثان\nثالث"
        );
    }

    #[test]
    fn dates_render_in_utc() {
        assert_eq!(date(Some(0)), "1970-01-01 00:00");
        assert_eq!(date(Some(1_795_595_400)), "2026-11-25 08:30");
        assert_eq!(date(None), "-");
    }

    #[test]
    fn body_html_becomes_paragraph_text() {
        let text = html_text(
            "<p dir=\"auto\">أ &amp; ب</p><h2 dir=\"auto\">عنوان</h2><p>ج <a href=\"x\">د</a></p>",
        );
        assert_eq!(text, "أ & ب\n\n## عنوان\n\nج د\n\n");
    }
}
