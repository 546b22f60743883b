// The article list: rows of headline, category, relative time, thumbnail
// and unread dot. Drawn a window at a time (rows of a fixed height, placed
// by their index) over pages fetched from SQLite as they come into view, so
// a list of 100,000 articles costs what a list of 30 does.
import { api, imageUrl } from "./api.js";
import { relativeTime, fullDate } from "./format.js";
import { t } from "./i18n.js";
import { icon } from "./icons.js";

const ROW = 94; // px, matches .article-row's block-size
// Rows fetched at a time: search results come with their marked passages,
// made per row, so their pages are smaller.
let PAGE = 100;
const pageSize = (v) => (v.kind === "search" || v.kind === "saved" ? 30 : 100);
const OVERSCAN = 6;

const listEl = document.getElementById("article-list");
const pane = listEl.closest(".pane");
const emptyEl = document.getElementById("list-empty");
const titleEl = document.getElementById("list-title");
const countEl = document.getElementById("list-count");

let view = { kind: "home" };
let total = 0;
let pages = new Map(); // page number -> rows
let loading = new Map(); // page number -> promise
let elements = new Map(); // index -> <li>
let selectedId = null;
let onOpen = () => {};
let onBookmark = () => {};
// Each showView starts a new generation; pages that arrive for an older one
// are dropped.
let generation = 0;
let frame = 0;

export function initList(openHandler, bookmarkHandler) {
  onOpen = openHandler;
  onBookmark = bookmarkHandler;
  listEl.addEventListener("click", (e) => {
    const mark = e.target.closest(".row-bookmark");
    if (mark) {
      e.stopPropagation();
      const row = mark.closest(".article-row");
      onBookmark(Number(row.dataset.id), mark.dataset.on !== "true");
      return;
    }
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
  pane.addEventListener("scroll", schedule);
  window.addEventListener("resize", schedule);
}

function listArgs(offset, limit) {
  // A saved search is a search kept under a name.
  const search = view.kind === "search" || view.kind === "saved";
  const bookmarks = view.kind === "bookmarks" || view.scope === "bookmarks";
  return {
    category: view.kind === "category" || search ? view.category || null : null,
    bookmarked: bookmarks,
    unread: view.kind === "unread" || (search && Boolean(view.unread)),
    query: search ? view.query : null,
    since: search ? view.since || null : null,
    tag: view.kind === "bookmarks" ? view.tag || null : null,
    author: view.kind === "author" ? view.author : null,
    feedTag: view.kind === "feedTag" ? view.tag : null,
    hidden: view.kind === "hidden",
    sort: bookmarks ? view.sort || "saved" : "published",
    offset,
    limit,
  };
}

/** The title of a view in the current language (a category keeps its
 *  name from the site). */
function viewTitle(v) {
  if (v.kind === "category" || v.kind === "saved") return v.title;
  if (v.kind === "author") return t.byAuthor(v.author);
  if (v.kind === "feedTag") return t.withFeedTag(v.tag);
  if (v.kind === "search") return v.scope === "bookmarks" ? t.searchInBookmarks : t.searchResults;
  return t[v.kind];
}

function emptyText(v) {
  if (v.kind === "bookmarks") return t.emptyBookmarks;
  if (v.kind === "unread") return t.emptyUnread;
  if (v.kind === "hidden") return t.emptyHidden;
  if (v.kind === "search" || v.kind === "saved") return t.noResults(v.query);
  if (v.kind === "author" || v.kind === "feedTag") return t.emptyByline;
  return t.emptyList;
}

let viewShown = () => {};
/** Runs `handler(view)` each time the list shows a view. */
export function onView(handler) {
  viewShown = handler;
}

/** Shows a list from its top. With `keepPlace`, the same list drawn again
 *  (a sync brought articles, a bookmark changed): the row the reader was
 *  on stays where it was on the screen, and keeps the keyboard focus. */
export async function showView(next, { keepPlace = false } = {}) {
  view = next;
  const size = pageSize(next);
  const gen = ++generation;
  const place = keepPlace ? currentPlace() : null;
  // Title, count and rows change together, once the first page is here.
  const [count, first, at] = await Promise.all([
    api.countArticles(listArgs(0, 0)),
    api.listArticles(listArgs(0, size)),
    place ? api.listPosition(listArgs(0, 1), place.id).catch(() => null) : null,
  ]);
  if (gen !== generation) return;
  const fresh = new Map([[0, first]]);
  let top = 0;
  if (place) {
    // A search has no place to find (it is ranked): it keeps its scroll.
    const index = at ?? place.index;
    top = Math.max(0, listTop() + index * ROW - place.offset);
    // The rows to show are fetched before anything moves, so the list
    // changes once, with no blank rows.
    const [lo, hi] = windowAt(top, count);
    const wanted = [];
    for (let n = Math.floor(lo / size); n <= Math.floor(hi / size); n++) if (!fresh.has(n)) wanted.push(n);
    const got = await Promise.all(wanted.map((n) => api.listArticles(listArgs(n * size, size))));
    if (gen !== generation) return;
    wanted.forEach((n, k) => fresh.set(n, got[k]));
  }
  PAGE = size;
  total = count;
  pages = fresh;
  loading = new Map();
  listEl.style.blockSize = `${total * ROW}px`;
  pane.scrollTop = top;
  // Rows of the articles still shown are kept (the focused one keeps its
  // focus); the others go before any is placed, so none has to move.
  const spare = new Map();
  if (place) {
    const [lo, hi] = windowAt(pane.scrollTop);
    const shown = new Set();
    for (let i = lo; i <= hi; i++) shown.add(rowAt(i)?.id);
    for (const el of elements.values()) {
      const id = Number(el.dataset.id);
      if (shown.has(id)) spare.set(id, el);
      else el.remove();
    }
  } else {
    listEl.replaceChildren();
  }
  elements = new Map();
  titleEl.textContent = viewTitle(next);
  countEl.textContent = total ? t.count(total) : "";
  emptyEl.hidden = total > 0;
  emptyEl.textContent = emptyText(next);
  render(spare);
  for (const el of spare.values()) el.remove();
  viewShown(next);
}

export const refresh = () => showView(view, { keepPlace: true });

/** The row the reader is on: the focused one if it is in sight, else the
 *  first one in sight; with its index and its distance from the top. */
function currentPlace() {
  const focused = listEl.contains(document.activeElement) ? document.activeElement.closest(".article-row") : null;
  let best = null;
  for (const [index, el] of elements) {
    const offset = listTop() + index * ROW - pane.scrollTop;
    const inSight = offset > -ROW && offset < pane.clientHeight;
    if (!inSight) continue;
    if (el === focused) return { id: Number(el.dataset.id), index, offset };
    if (offset >= 0 && (!best || index < best.index)) best = { id: Number(el.dataset.id), index, offset };
  }
  return best;
}

/** The list's top inside the scrolling pane. */
const listTop = () => listEl.getBoundingClientRect().top - pane.getBoundingClientRect().top + pane.scrollTop;

/** The rows drawn for a scroll position: those in sight and a few more. */
function windowAt(scrollTop, count = total) {
  const first = Math.max(0, Math.floor((scrollTop - listTop()) / ROW) - OVERSCAN);
  const last = Math.min(count - 1, first + Math.ceil(pane.clientHeight / ROW) + 2 * OVERSCAN);
  return [first, last];
}

/** The view the list shows ({kind, category, title, query}). */
export const currentView = () => view;

/** The category the list shows, if it shows one. */
export const currentCategory = () => (view.kind === "category" ? view.category : null);
/** The filter of the list shown (every row of it, not a page). */
export const currentListArgs = () => listArgs(0, 0);

function ensurePage(n, gen = generation) {
  if (pages.has(n)) return Promise.resolve();
  if (!loading.has(n)) {
    loading.set(
      n,
      api.listArticles(listArgs(n * PAGE, PAGE)).then((rows) => {
        if (gen !== generation) return;
        pages.set(n, rows);
        render();
      }),
    );
  }
  return loading.get(n);
}

const rowAt = (i) => pages.get(Math.floor(i / PAGE))?.[i % PAGE] ?? null;

function indexOf(id) {
  for (const [n, rows] of pages) {
    const i = rows.findIndex((r) => r.id === id);
    if (i >= 0) return n * PAGE + i;
  }
  return -1;
}

function schedule() {
  if (!frame) frame = requestAnimationFrame(() => ((frame = 0), render()));
}

function render(spare = null) {
  const [first, last] = windowAt(pane.scrollTop);
  for (const [i, el] of elements) {
    if (i < first || i > last) {
      el.remove();
      elements.delete(i);
    }
  }
  let prev = null;
  for (let i = first; i <= last; i++) {
    const a = rowAt(i);
    if (!a) {
      ensurePage(Math.floor(i / PAGE));
      continue;
    }
    let el = elements.get(i);
    if (!el || Number(el.dataset.id) !== a.id) {
      el?.remove();
      el = renderRow(a, i, spare?.get(a.id));
      spare?.delete(a.id);
      elements.set(i, el);
    }
    // In index order, moving nothing that is already in place (a moved
    // element would lose the keyboard focus).
    const want = prev ? prev.nextSibling : listEl.firstChild;
    if (want !== el) listEl.insertBefore(el, want);
    prev = el;
  }
}

/** A row for article `a` at `index`: drawn afresh, into `li` when the
 *  article already had one (it keeps its focus, and its picture). */
function renderRow(a, index, li = document.createElement("li")) {
  const oldThumb = li.querySelector(".thumb");
  li.replaceChildren();
  li.className = "article-row" + (a.read ? " read" : "");
  li.dataset.id = a.id;
  li.style.insetBlockStart = `${index * ROW}px`;
  li.setAttribute("role", "option");
  // One stop for Tab in the whole list (the selected row, else the first);
  // the arrow keys, j and k move within it.
  li.setAttribute("tabindex", a.id === selectedId || (index === 0 && indexOf(selectedId) < 0) ? "0" : "-1");
  li.setAttribute("aria-selected", String(a.id === selectedId));
  li.setAttribute("aria-setsize", String(total));
  li.setAttribute("aria-posinset", String(index + 1));

  const dot = document.createElement("span");
  dot.className = "dot";

  const text = document.createElement("div");
  const title = document.createElement("p");
  title.className = "title";
  title.dir = "auto";
  if (a.highlight?.title) title.append(...marked(a.highlight.title));
  else title.textContent = a.title;
  let snippet = null;
  if (a.highlight) {
    li.classList.add("result");
    snippet = document.createElement("p");
    snippet.className = "snippet";
    snippet.dir = "auto";
    if (a.highlight.snippet) snippet.append(...marked(a.highlight.snippet));
  }
  const meta = document.createElement("div");
  meta.className = "meta";
  const time = document.createElement("time");
  time.dir = "auto";
  time.textContent = relativeTime(a.published_at);
  if (a.published_at) time.title = fullDate(a.published_at);
  if (a.urgent) {
    const mark = document.createElement("span");
    mark.className = "urgent-mark";
    mark.textContent = t.urgent;
    meta.append(mark, " · ");
  }
  // Each part isolated: an Arabic category beside an English time (or the
  // reverse) must not reorder the other.
  if (a.category_label) {
    const cat = document.createElement("bdi");
    cat.textContent = a.category_label;
    meta.append(cat, " · ");
  }
  meta.append(time);
  if (a.tags?.length) meta.append(tagMarks(a.tags));
  // In the hidden view, the rule that hid it.
  if (a.hidden_by) {
    const by = document.createElement("bdi");
    by.className = "hidden-by";
    by.textContent = `«${a.hidden_by}»`;
    // The view's title says what these are; the words are what is shown
    // (the full sentence is said, not shown: a row has one line for it).
    const said = document.createElement("span");
    said.className = "visually-hidden";
    said.textContent = `${t.hiddenBy} `;
    meta.append(" · ", said, by);
  }
  text.append(title, ...(snippet ? [snippet] : []), meta, states(a));

  li.append(dot, text, bookmarkToggle(a.bookmarked));
  const src = imageUrl(a.image);
  if (src && oldThumb?.getAttribute("src") === src) li.append(oldThumb);
  else if (src) {
    const img = document.createElement("img");
    img.className = "thumb";
    img.decoding = "async";
    img.alt = "";
    img.src = src;
    li.append(img);
  }
  return li;
}

/** Text with its matches in <mark>, built from text nodes (never HTML). */
function marked(segments) {
  return segments.map((s) => {
    if (!s.hit) return document.createTextNode(s.text);
    const m = document.createElement("mark");
    m.textContent = s.text;
    return m;
  });
}

// A mouse target only: an option may hold no control of its own (a screen
// reader would read the row as a button), the keyboard has b, and the row
// says whether it is bookmarked (states below).
function bookmarkToggle(on) {
  const b = document.createElement("span");
  b.className = "row-bookmark";
  b.dataset.on = String(on);
  b.setAttribute("aria-hidden", "true");
  b.title = on ? t.removeBookmark : t.bookmark;
  b.append(icon("bookmark"));
  return b;
}

// What a screen reader says after the headline, section and time: unread,
// bookmarked. (Urgent is already in the row's visible text.) The dot and
// the bookmark mark say it to the eye.
function states(a) {
  const span = document.createElement("span");
  span.className = "states visually-hidden";
  span.textContent = [a.read ? null : t.unread, a.bookmarked ? t.bookmarked : null].filter(Boolean).join(t.listJoin);
  return span;
}

function tagMarks(tags) {
  const span = document.createElement("span");
  span.className = "row-tags";
  for (const tag of tags) {
    const b = document.createElement("bdi");
    b.textContent = tag;
    span.append(b);
  }
  return span;
}

export function select(id) {
  selectedId = id;
  for (const el of elements.values()) {
    const on = Number(el.dataset.id) === id;
    el.setAttribute("aria-selected", String(on));
    el.tabIndex = on ? 0 : -1;
  }
  const i = indexOf(id);
  if (i < 0) {
    elements.get(0)?.setAttribute("tabindex", "0");
    return;
  }
  // Keep the selected row in view.
  const top = listTop() + i * ROW;
  if (top < pane.scrollTop) pane.scrollTop = top;
  else if (top + ROW > pane.scrollTop + pane.clientHeight) pane.scrollTop = top + ROW - pane.clientHeight;
  render();
  // Focus follows the selection, so the keys keep working from the list.
  const el = elements.get(i);
  if (el && listEl.contains(document.activeElement)) el.focus();
}

/** Updates one row after a change made in the reading view. */
export function updateRow(id, changes) {
  const i = indexOf(id);
  if (i < 0) return;
  const rows = pages.get(Math.floor(i / PAGE));
  const a = (rows[i % PAGE] = { ...rows[i % PAGE], ...changes });
  // Patched in place: the row keeps its focus and its identity.
  const row = elements.get(i);
  if (row) {
    row.classList.toggle("read", a.read);
    row.querySelector(".states").replaceWith(states(a));
    row.querySelector(".row-bookmark").replaceWith(bookmarkToggle(a.bookmarked));
    const meta = row.querySelector(".meta");
    meta.querySelector(".row-tags")?.remove();
    if (a.bookmarked && a.tags?.length) meta.append(tagMarks(a.tags));
  }
}

/** The id of the row after (+1) or before (-1) the selected one; 0 gives
 *  the selected one (or the first). Fetches the page it is on if need be. */
export async function neighbour(step) {
  const i = indexOf(selectedId);
  const target = i < 0 ? 0 : i + step;
  if (target < 0 || target >= total) return null;
  await ensurePage(Math.floor(target / PAGE));
  return rowAt(target)?.id ?? null;
}
