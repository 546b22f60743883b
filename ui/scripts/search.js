// The search field above the list: results as the reader types, best match
// first, with what matched marked; a bar narrows them by section, date,
// unread and bookmarks. Escape (or emptying the field) brings back the list
// the results replaced; Enter or ↓ moves to the results.
import { api } from "./api.js";
import { showView, currentView } from "./list.js";
import { t, errorMessage } from "./i18n.js";
import { toast } from "./toast.js";

const input = document.getElementById("search-input");
const form = document.getElementById("search-form");
const bar = document.getElementById("search-bar");
const category = document.getElementById("search-category");
const when = document.getElementById("search-when");
const unread = document.getElementById("search-unread");
const bookmarked = document.getElementById("search-bookmarked");
let before = null; // the view the results replaced
let timer = null;
let onError = () => {};
let onSaved = () => {};

/** Keeps the search shown as a section of its own (with an undo). */
async function saveSearch() {
  const query = input.value.trim();
  if (!query) return;
  try {
    const saved = await api.saveSearch({ query, category: category.value || null, unread_only: unread.checked });
    await onSaved();
    toast(t.searchSaved(saved.name), 8000, {
      label: t.undo,
      run: async () => {
        await api.removeSavedSearch(saved.id).catch((err) => toast(errorMessage(err)));
        await onSaved();
      },
    });
  } catch (err) {
    onError(err);
  }
}

export function initSearch(errorHandler, savedHandler = () => {}) {
  onError = errorHandler;
  onSaved = savedHandler;
  document.getElementById("search-save").addEventListener("click", saveSearch);
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && input.value) {
      e.preventDefault();
      e.stopPropagation();
      clearSearch(true);
    } else if (e.key === "Escape") {
      // An empty field: back to the list.
      document.querySelector(".article-row[aria-selected='true'], .article-row")?.focus();
    } else if (e.key === "ArrowDown") {
      e.preventDefault();
      document.querySelector(".article-row")?.focus();
    }
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    run().then(() => document.querySelector(".article-row")?.focus());
  });
  for (const control of [category, when, unread, bookmarked]) control.addEventListener("change", run);
}

/** The sections to narrow to, from the site's navigation. */
async function fillSections() {
  const cats = await api.categories();
  const keep = category.value;
  const all = category.options[0];
  category.replaceChildren(
    all,
    ...cats.map((c) => {
      const o = document.createElement("option");
      o.value = c.slug;
      o.textContent = c.name;
      return o;
    }),
  );
  category.value = keep;
}

function filters() {
  const days = Number(when.value);
  return {
    category: category.value || null,
    since: days ? Math.floor(Date.now() / 1000) - days * 86400 : null,
    unread: unread.checked,
    bookmarked: bookmarked.checked,
  };
}

async function run() {
  // Untrimmed: a space after the last word says it is finished.
  const query = input.value;
  try {
    if (query.trim()) {
      if (currentView().kind !== "search") {
        before = currentView();
        // From the bookmarks, a search looks only among them.
        bookmarked.checked = before.kind === "bookmarks";
        unread.checked = before.kind === "unread";
        category.value = "";
        await fillSections();
        if (before.kind === "category") category.value = before.category;
      }
      bar.hidden = false;
      await showView({ kind: "search", query, scope: bookmarked.checked ? "bookmarks" : null, ...filters() });
    } else if (before) {
      const back = before;
      before = null;
      bar.hidden = true;
      await showView(back);
    }
  } catch (err) {
    onError(err);
  }
}

export function focusSearch() {
  input.focus();
  input.select();
}

/** Empties the field; with `restore`, the list it replaced comes back. */
export function clearSearch(restore = false) {
  clearTimeout(timer);
  input.value = "";
  if (restore) run();
  else {
    before = null;
    bar.hidden = true;
  }
}
