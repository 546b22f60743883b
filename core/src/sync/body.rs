//! Which text a reader gets when an item's feed carries its text and its
//! page is read too. The rule, in one place:
//!
//! **The page's text, unless the feed's text is longer and the page holds
//! less than [`COMPLETE`] of its words; then the feed's.** The page is
//! preferred because it is the article as its site lays it out
//! (subheadings, pictures, related links); but a page that extracts to less
//! than the feed carried (a teaser behind a paywall, a body split over
//! blocks the extraction missed, a widget taken for the article) loses to
//! the feed, and a page that cannot be read at all leaves the feed's text
//! in place until it can (`retry`). So a full-text sync never ends with
//! less text than the feed carried. A feed whose "content" is an excerpt
//! (shorter than the page) never replaces the page, whatever its words; and
//! what the page may lack of a longer feed text is its footer ("The post …
//! appeared first on …"), a few words.

use std::collections::HashMap;

use crate::feed::html_to_text;
use crate::text::comparison_words;

/// The share of the feed text's words the page's text must hold.
pub(super) const COMPLETE: f64 = 0.95;

/// Words of a text, folded for comparison: lower case, without the
/// punctuation around them.
fn words(html: &str) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for w in comparison_words(&html_to_text(html)) {
        *out.entry(w).or_insert(0) += 1;
    }
    out
}

/// Whether the page's body is at least as complete as the feed's text.
pub(super) fn page_is_complete(page_html: &str, feed_html: &str) -> bool {
    let feed = words(feed_html);
    let total: usize = feed.values().sum();
    let page = words(page_html);
    if total == 0 || page.values().sum::<usize>() >= total {
        return true;
    }
    let held: usize = feed
        .iter()
        .map(|(w, n)| (*n).min(page.get(w).copied().unwrap_or(0)))
        .sum();
    held as f64 >= COMPLETE * total as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_wins_when_it_holds_the_feed_s_text() {
        let feed = "<p>الجملة الأولى من الخبر.</p><p>والثانية، كاملة.</p>";
        let page = "<h2>عنوان فرعي</h2><p>الجملة الأولى من الخبر.</p><figure></figure><p>والثانية، كاملة.</p><p>وزيادة.</p>";
        assert!(page_is_complete(page, feed));
        // A teaser: the page gives a third of the feed's text.
        assert!(!page_is_complete("<p>الجملة الأولى</p>", feed));
        // A feed with no text is no competition, nor is an excerpt shorter
        // than the page, whatever its words.
        assert!(page_is_complete("<p>x</p>", ""));
        assert!(page_is_complete(page, "<p>ملخص لا يرد في الصفحة</p>"));
    }

    #[test]
    fn a_feed_footer_does_not_beat_the_page() {
        let body: String = (0..60)
            .map(|i| format!("<p>كلمة{i} أخرى ثالثة</p>"))
            .collect();
        let feed = format!("{body}<p>The post appeared first on Site.</p>");
        assert!(page_is_complete(&body, &feed));
    }
}
