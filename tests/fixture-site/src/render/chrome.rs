//! The site's chrome around every page: head, logo, navigation, ad slots,
//! footer and scripts — the noise extraction must leave behind.

use super::esc;
use crate::corpus::Corpus;

pub fn head(title: &str, extra: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} | خبرين</title>
<link rel="stylesheet" href="/static/site.css">
<link rel="alternate" type="application/rss+xml" title="خبرين » الخلاصة" href="/feed/">
{extra}
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}} gtag('js', new Date());</script>
<script async src="/static/ads.js"></script>
</head>
"#,
        title = esc(title)
    )
}

pub fn header(corpus: &Corpus) -> String {
    let mut nav = String::from(r#"<li class="menu-item current"><a href="/">الرئيسية</a></li>"#);
    for c in &corpus.categories {
        nav.push_str(&format!(
            r#"<li class="menu-item"><a href="/category/{}/">{}</a></li>"#,
            c.slug,
            esc(&c.name)
        ));
    }
    format!(
        r#"<body class="rtl">
<div class="top-bar"><span class="date-today">الأربعاء 25 نوفمبر 2026</span> <a href="/contact/">اتصل بنا</a></div>
<header class="site-header">
  <div class="logo"><a href="/"><img src="/static/logo.png" alt="خَبَرَيْن logo" width="180" height="48">خَبَرَيْن logo</a></div>
  <nav class="main-nav" aria-label="القائمة الرئيسية"><ul class="menu">{nav}</ul></nav>
  <form class="search" action="/"><input name="s" placeholder="بحث"></form>
</header>
<div class="ad-slot ad-leaderboard" id="ad-top"><span class="ad-label">إعلان</span><ins class="adsbygoogle" data-ad-slot="1234"></ins><script>(adsbygoogle = window.adsbygoogle || []).push({{}});</script></div>
"#
    )
}

pub fn footer(corpus: &Corpus) -> String {
    let links: String = corpus
        .categories
        .iter()
        .map(|c| format!(r#"<a href="/category/{}/">{}</a> "#, c.slug, esc(&c.name)))
        .collect();
    format!(
        r#"<footer class="site-footer">
  <div class="footer-links">{links}</div>
  <p class="about">خبرين موقع إخباري يقدم النسخة العربية من أخبار العالم.</p>
  <p class="copyright">© 2026 خبرين. جميع الحقوق محفوظة.</p>
</footer>
<script>document.querySelectorAll('.lazy').forEach(function(i){{i.src=i.dataset.src;}});</script>
<script src="/static/ads.js" defer></script>
</body>
</html>
"#
    )
}
