// The reading view. Article text is set with textContent; only the body,
// sanitised by the core's allow-list before it was stored, is inserted as
// HTML. Every link opens the stored article or the system browser.
import { api, imageUrl } from "./api.js";
import { fullDate } from "./format.js";
import { t } from "./i18n.js";
import { bookmarkPanel } from "./bookmarks.js";

const articleEl = document.getElementById("article");
const emptyEl = document.getElementById("reader-empty");
const toolbar = document.getElementById("reader-toolbar");
const bookmarkBtn = document.getElementById("bookmark-btn");

let current = null;

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === null || v === undefined) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  node.append(...children.filter(Boolean));
  return node;
}

export const currentArticle = () => current;

export async function showArticle(id) {
  const a = await api.article(id);
  current = a;
  // A story whose feed item had no link has no page to share or open.
  for (const button of ["share-btn", "open-browser-btn"]) document.getElementById(button).hidden = !a.url;
  const header = el(
    "header",
    {},
    a.category_label ? el("p", { class: "category", text: a.category_label }) : null,
    el("h1", { dir: "auto", id: "article-title", text: a.title }),
    a.original_title ? el("p", { class: "original-title", dir: "ltr", lang: "en", text: a.original_title }) : null,
    a.summary ? el("p", { class: "summary", dir: "auto", text: a.summary }) : null,
    a.published_at ? el("p", { class: "meta" }, el("time", { dir: "auto", text: fullDate(a.published_at) })) : null,
    byline(a.authors),
    tagList(a.feed_tags, a.category_label),
  );
  let figure = null;
  const src = imageUrl(a.image);
  if (src) {
    figure = el(
      "figure",
      {},
      el("img", { src, alt: a.image_caption || "" }),
      a.image_caption || a.image_credit
        ? el(
            "figcaption",
            {},
            a.image_caption ? el("span", { dir: "auto", text: a.image_caption }) : null,
            a.image_credit ? el("span", { class: "credit", dir: "ltr", text: `[${a.image_credit}]` }) : null,
          )
        : null,
    );
  }
  const body = el("div", { class: "body" });
  body.innerHTML = a.body_html;
  // The page could not be read yet: say whose text this is.
  const pending = a.page_pending
    ? el("p", { class: "page-pending", role: "note", text: a.body_html.trim() ? t.pagePending : t.pagePendingNoText })
    : null;
  // No text at all: a bookmark from a browser file, or a story whose page
  // waits and whose feed gave no text (the note above says so).
  if (!a.body_html.trim() && !a.page_pending) body.append(el("p", { class: "not-kept", text: t.textNotKept }));
  // Inline pictures name their cached copy; any other image is dropped.
  for (const img of body.querySelectorAll("img")) {
    const hash = img.dataset.image || "";
    if (/^[0-9a-f]{64}$/.test(hash)) {
      img.src = imageUrl(hash);
      img.loading = "lazy";
    } else {
      (img.closest("figure") || img).remove();
    }
  }
  for (const link of body.querySelectorAll("a[href]")) link.classList.add("external");

  const sections = [];
  if (a.see_also.length) {
    sections.push(
      el(
        "section",
        { class: "see-also", "aria-labelledby": "see-also-title" },
        el("h2", { id: "see-also-title", text: t.seeAlso }),
        el("ul", {}, ...a.see_also.map((l) => el("li", {}, linkTo(l, el("span", { dir: "auto", text: l.title }))))),
      ),
    );
  }
  if (a.related.length) {
    sections.push(
      el(
        "section",
        { class: "related", "aria-labelledby": "related-title" },
        el("h2", { id: "related-title", text: t.related }),
        el(
          "div",
          { class: "cards" },
          ...a.related.map((r) =>
            linkTo(
              r,
              el("span", { class: "card-title", dir: "auto", text: r.title }),
              r.original_title ? el("span", { class: "card-original", dir: "ltr", lang: "en", text: r.original_title }) : null,
              r.category ? el("span", { class: "card-category", text: r.category }) : null,
            ),
          ),
        ),
      ),
    );
  }
  const panel = bookmarkPanel(a);
  articleEl.replaceChildren(header, ...(panel ? [panel] : []), ...(pending ? [pending] : []), ...(figure ? [figure] : []), body, ...sections);
  articleEl.dir = a.direction === "ltr" ? "ltr" : "rtl";
  articleEl.hidden = false;
  emptyEl.hidden = true;
  toolbar.hidden = false;
  setBookmarkButton(a.bookmarked);
  const reader = document.getElementById("reader");
  reader.scrollTop = 0;
  if (a.position > 0) {
    // Pictures change the page's height as they arrive: restore the place
    // once they are in (or after a short wait).
    a.restoring = true;
    const pictures = [...articleEl.querySelectorAll("img")].map((img) => img.decode().catch(() => {}));
    await Promise.race([Promise.all(pictures), new Promise((r) => setTimeout(r, 1500))]);
    if (current === a) reader.scrollTop = a.position * (reader.scrollHeight - reader.clientHeight);
    a.restoring = false;
  }
  return a;
}

/** The authors, each a button that lists their stories. */
function byline(authors) {
  const people = (authors || []).filter((p) => p.name || p.email);
  if (!people.length) return null;
  const line = el("p", { class: "byline" }, `${t.byline} `);
  people.forEach((p, i) => {
    if (i > 0) line.append(i === people.length - 1 ? ` ${t.bylineAnd} ` : "، ");
    const name = p.name || p.email;
    line.append(el("button", { type: "button", class: "link-button byline-name", dir: "auto", "data-author": name, title: t.showAuthor(name), text: name }));
  });
  return line;
}

/** The feed's tags, each a button that lists the stories tagged so. */
function tagList(tags, section) {
  // A tag that only names the article's section says what the line above
  // the headline says already.
  const shown = [...new Set((tags || []).map((tag) => tag.label || tag.term))].filter((tag) => tag && tag !== section);
  if (!shown.length) return null;
  return el(
    "ul",
    { class: "feed-tags", "aria-label": t.feedTags },
    ...shown.map((tag) => el("li", {}, el("button", { type: "button", class: "feed-tag", dir: "auto", "data-feed-tag": tag, title: t.showFeedTag(tag), text: tag }))),
  );
}

/** A link to a stored article opens it here; otherwise the site, outside. */
function linkTo(link, ...children) {
  const isCard = children.length > 1;
  const kind = link.article_id ? "internal" : "external";
  const a = el("a", { href: link.url, class: isCard ? `card ${kind}` : kind }, ...children);
  if (link.article_id) a.dataset.articleId = link.article_id;
  return a;
}

export function setBookmarkButton(on) {
  bookmarkBtn.setAttribute("aria-pressed", String(on));
  bookmarkBtn.querySelector(".label").textContent = on ? t.bookmarked : t.bookmark;
}

/** The open article's bookmark changed (saved, removed, put back, noted). */
export function showBookmark(bookmark) {
  if (!current) return;
  current.bookmarked = Boolean(bookmark);
  const kept = document.getElementById("bookmark-panel");
  // The panel the reader is typing in stays as it is.
  if (bookmark && kept && current.bookmark) {
    current.bookmark = { ...current.bookmark, ...bookmark };
  } else {
    current.bookmark = bookmark;
    const panel = bookmarkPanel(current);
    if (kept && panel) kept.replaceWith(panel);
    else if (kept) kept.remove();
    else if (panel) articleEl.querySelector("header").after(panel);
  }
  setBookmarkButton(current.bookmarked);
}

export function clearReader() {
  current = null;
  articleEl.hidden = true;
  toolbar.hidden = true;
  emptyEl.hidden = false;
}
