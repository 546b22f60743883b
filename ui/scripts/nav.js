// The navigation pane: home, the site's categories (from its seed page),
// the reader's saved searches with their unread counts, unread, bookmarks,
// and what the reader's rules hide (when they hide any).
import { api } from "./api.js";
import { t, num } from "./i18n.js";

const listEl = document.getElementById("category-list");
let current = "home";
let onSelect = () => {};

export function initNav(handler) {
  onSelect = handler;
  listEl.addEventListener("click", (e) => {
    const b = e.target.closest("button[data-view]");
    if (!b) return;
    current = b.dataset.key;
    mark();
    const view = { kind: b.dataset.view, category: b.dataset.category || null, title: b.dataset.title };
    // A saved search: its words (finished: a space after them) and filters.
    if (b.dataset.query) Object.assign(view, { query: `${b.dataset.query} `, unread: b.dataset.unread === "true" });
    onSelect(view);
  });
}

function entry(key, view, title, count, category, counts = t.unread) {
  const li = document.createElement("li");
  const b = document.createElement("button");
  b.type = "button";
  b.dataset.key = key;
  b.dataset.view = view;
  b.dataset.title = title;
  if (category) b.dataset.category = category;
  const name = document.createElement("span");
  name.textContent = title;
  b.append(name);
  if (count) {
    const c = document.createElement("span");
    c.className = "count";
    c.textContent = num(count);
    // Said, not shown: what the number counts.
    const what = document.createElement("span");
    what.className = "visually-hidden";
    what.textContent = ` ${counts}`;
    b.append(c, what);
  }
  li.append(b);
  return li;
}

export async function renderNav() {
  const [cats, hidden, saved] = await Promise.all([
    api.categories(),
    api.countArticles({ hidden: true }).catch(() => 0),
    api.savedSearches().catch(() => []),
  ]);
  const searches = saved.map((s) => {
    const li = entry(`saved:${s.id}`, "saved", s.name, s.unread || null, s.category);
    const b = li.querySelector("button");
    b.dataset.query = s.query;
    b.dataset.unread = String(s.unread_only);
    b.classList.add("saved-search");
    return li;
  });
  if (searches.length) searches[0].classList.add("group-start");
  // The reader's own lists start a group: a line drawn above them (a
  // list may hold only its items, so no separator element).
  const mine = entry("unread", "unread", t.unread);
  mine.className = "group-start";
  listEl.replaceChildren(
    entry("home", "home", t.home),
    ...cats.map((c) => entry(`cat:${c.slug}`, "category", c.name, c.unread || null, c.slug)),
    ...searches,
    mine,
    entry("bookmarks", "bookmarks", t.bookmarks),
    ...(hidden ? [entry("hidden", "hidden", t.hidden, hidden, null, t.hidden)] : []),
  );
  mark();
}

function mark() {
  for (const b of listEl.querySelectorAll("button")) {
    b.setAttribute("aria-current", String(b.dataset.key === current));
  }
}
