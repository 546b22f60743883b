// The article list: rows of headline, category, relative time, thumbnail
// and unread dot, paged from SQLite 50 at a time.
import { api, imageUrl } from "./api.js";
import { relativeTime, fullDate } from "./format.js";
import { t } from "./i18n.js";

const PAGE = 50;
const listEl = document.getElementById("article-list");
const moreBtn = document.getElementById("load-more");
const emptyEl = document.getElementById("list-empty");
const titleEl = document.getElementById("list-title");
const countEl = document.getElementById("list-count");

let view = { kind: "home", category: null, title: t.home };
let rows = [];
let selectedId = null;
let onOpen = () => {};

export function initList(openHandler) {
  onOpen = openHandler;
  moreBtn.textContent = t.more;
  moreBtn.addEventListener("click", () => loadPage(rows.length));
  listEl.addEventListener("click", (e) => {
    const row = e.target.closest(".article-row");
    if (row) onOpen(Number(row.dataset.id));
  });
  listEl.addEventListener("keydown", (e) => {
    const row = e.target.closest(".article-row");
    if (row && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      onOpen(Number(row.dataset.id));
    }
  });
}

// Each showView starts a new generation; pages that arrive for an older one
// (two refreshes in quick succession) are dropped instead of appended twice.
let generation = 0;

export async function showView(next) {
  view = next;
  generation += 1;
  titleEl.textContent = next.title;
  await loadPage(0, generation);
  listEl.scrollTop = 0;
}

export const refresh = () => showView(view);

/** The category the list shows, if it shows one. */
export const currentCategory = () => (view.kind === "category" ? view.category : null);

async function loadPage(offset, gen = generation) {
  const args = {
    category: view.kind === "category" ? view.category : null,
    bookmarked: view.kind === "bookmarks",
    unread: view.kind === "unread",
    offset,
    limit: PAGE,
  };
  const page = await api.listArticles(args);
  if (gen !== generation) return;
  if (offset === 0) {
    rows = [];
    listEl.replaceChildren();
  }
  rows = rows.concat(page);
  for (const a of page) listEl.append(renderRow(a));
  moreBtn.hidden = page.length < PAGE;
  emptyEl.hidden = rows.length > 0;
  emptyEl.textContent =
    view.kind === "bookmarks" ? t.emptyBookmarks : view.kind === "unread" ? t.emptyUnread : t.emptyList;
  countEl.textContent = rows.length ? t.count(rows.length) + (moreBtn.hidden ? "" : "+") : "";
  markSelected();
}

function renderRow(a) {
  const li = document.createElement("li");
  li.className = "article-row" + (a.read ? " read" : "");
  li.dataset.id = a.id;
  li.setAttribute("role", "option");
  li.setAttribute("tabindex", "0");
  li.setAttribute("aria-selected", "false");

  const dot = document.createElement("span");
  dot.className = "dot";
  dot.setAttribute("aria-label", a.read ? "" : t.unread);

  const text = document.createElement("div");
  const title = document.createElement("p");
  title.className = "title";
  title.dir = "auto";
  title.textContent = a.title;
  const meta = document.createElement("div");
  meta.className = "meta";
  const time = document.createElement("time");
  time.textContent = relativeTime(a.published_at);
  if (a.published_at) time.title = fullDate(a.published_at);
  meta.append(document.createTextNode((a.category_label || "") + (a.category_label ? " · " : "")), time);
  if (a.bookmarked) meta.append(bookmarkMark());
  text.append(title, meta);

  li.append(dot, text);
  const src = imageUrl(a.image);
  if (src) {
    const img = document.createElement("img");
    img.className = "thumb";
    img.alt = "";
    img.loading = "lazy";
    img.src = src;
    li.append(img);
  }
  return li;
}

function bookmarkMark() {
  const mark = document.createElement("span");
  mark.className = "bookmark-mark";
  mark.textContent = "★";
  mark.setAttribute("aria-label", t.bookmarked);
  return mark;
}

export function select(id) {
  selectedId = id;
  markSelected();
  // Focus follows the selection, so the keys keep working from the list.
  const row = listEl.querySelector(`.article-row[data-id="${id}"]`);
  if (row && listEl.contains(document.activeElement)) row.focus();
}

function markSelected() {
  for (const row of listEl.children) {
    const on = Number(row.dataset.id) === selectedId;
    row.setAttribute("aria-selected", String(on));
    if (on) row.scrollIntoView({ block: "nearest" });
  }
}

/** Updates one row after a change made in the reading view. */
export function updateRow(id, changes) {
  const i = rows.findIndex((r) => r.id === id);
  if (i < 0) return;
  rows[i] = { ...rows[i], ...changes };
  // Patched in place: the row keeps its focus and its identity.
  const row = listEl.querySelector(`.article-row[data-id="${id}"]`);
  if (row) {
    const a = rows[i];
    row.classList.toggle("read", a.read);
    row.querySelector(".dot").setAttribute("aria-label", a.read ? "" : t.unread);
    const meta = row.querySelector(".meta");
    meta.querySelector(".bookmark-mark")?.remove();
    if (a.bookmarked) meta.append(bookmarkMark());
  }
  markSelected();
}

/** The id of the row after (+1) or before (-1) the selected one; 0 gives
 *  the selected one (or the first). */
export function neighbour(step) {
  const i = rows.findIndex((r) => r.id === selectedId);
  const next = rows[i + step] || (i < 0 ? rows[0] : null);
  return next ? next.id : null;
}
