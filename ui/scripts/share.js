// The share menu: copy link, copy headline + link, and the networks Arabic
// readers use. URLs are built and percent-encoded by the core.
import { api } from "./api.js";
import { t, errorMessage } from "./i18n.js";
import { toast } from "./toast.js";

const btn = document.getElementById("share-btn");
const menu = document.getElementById("share-menu");
let articleId = null;

// Buttons by a selection in the article: share it as a quote, or hide the
// stories that mention it (rules.js).
const quoteBtn = document.getElementById("quote-btn");
const tools = document.getElementById("selection-tools");
function hideQuoteButton() {
  tools.hidden = true;
}
function placeQuoteButton() {
  const quote = selectedQuote();
  if (!quote) return hideQuoteButton();
  const rect = window.getSelection().getRangeAt(0).getBoundingClientRect();
  tools.hidden = false;
  const w = tools.offsetWidth;
  const x = Math.min(window.innerWidth - w - 8, Math.max(8, rect.left + rect.width / 2 - w / 2));
  const y = rect.top > 48 ? rect.top - 40 : rect.bottom + 8;
  tools.style.left = `${x}px`;
  tools.style.top = `${y}px`;
}

export function initShare(getArticleId) {
  btn.addEventListener("click", () => (menu.hidden ? open(getArticleId(), selectedQuote()) : close()));
  document.getElementById("article").addEventListener("mouseup", () => setTimeout(placeQuoteButton, 0));
  document.getElementById("article").addEventListener("keyup", (e) => e.shiftKey && placeQuoteButton());
  document.getElementById("reader").addEventListener("scroll", hideQuoteButton);
  document.addEventListener("selectionchange", () => {
    if (!selectedQuote()) hideQuoteButton();
  });
  // Pressing the button must not lose the selection it shares.
  quoteBtn.addEventListener("mousedown", (e) => e.preventDefault());
  quoteBtn.addEventListener("click", () => open(getArticleId(), selectedQuote()));
  document.addEventListener("click", (e) => {
    if (!menu.hidden && !e.target.closest(".share")) close();
  });
  menu.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      close();
      btn.focus();
    }
  });
}

function item(id, label, action) {
  const li = document.createElement("li");
  li.setAttribute("role", "none");
  const b = document.createElement("button");
  b.type = "button";
  b.setAttribute("role", "menuitem");
  b.dataset.share = id;
  b.textContent = label;
  b.addEventListener("click", async () => {
    close();
    try {
      await action();
    } catch (err) {
      toast(errorMessage(err));
    }
  });
  li.append(b);
  return li;
}

/** The text the reader selected in the open article, if any. */
export function selectedQuote() {
  const sel = window.getSelection();
  if (!sel || sel.isCollapsed || !sel.rangeCount) return null;
  const article = document.getElementById("article");
  const range = sel.getRangeAt(0);
  if (!article.contains(range.commonAncestorContainer)) return null;
  const text = sel.toString().trim();
  return text || null;
}

/** Opens the share menu of an article; with a quote, every way shares it
 *  with the headline and link. */
export async function open(id, quote = null) {
  if (!id) return;
  articleId = id;
  hideQuoteButton();
  const targets = await api.shareLinks(id, quote);
  const sep = () => {
    const li = document.createElement("li");
    li.className = "separator";
    li.setAttribute("role", "separator");
    return li;
  };
  const heading = [];
  if (quote) {
    const li = document.createElement("li");
    li.className = "menu-heading";
    li.setAttribute("role", "presentation");
    li.textContent = t.shareQuote;
    heading.push(li);
  }
  const copies = quote
    ? [
        item("copy-quote", t.copyQuote, async () => {
          await api.copyLink(articleId, true, quote);
          toast(t.copied);
        }),
      ]
    : [
        item("copy-link", t.copyLink, async () => {
          await api.copyLink(articleId, false);
          toast(t.copied);
        }),
        item("copy-title-link", t.copyTitleLink, async () => {
          await api.copyLink(articleId, true);
          toast(t.copied);
        }),
      ];
  menu.replaceChildren(
    ...heading,
    ...copies,
    sep(),
    ...targets.map((target) => item(target.id, t.targets[target.id] || target.id, () => api.openExternal(target.url))),
  );
  menu.hidden = false;
  btn.setAttribute("aria-expanded", "true");
  menu.querySelector("button")?.focus();
}

export function close() {
  menu.hidden = true;
  btn.setAttribute("aria-expanded", "false");
}
