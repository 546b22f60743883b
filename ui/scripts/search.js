// The search field above the list: results as the reader types (over every
// stored article), Escape or an empty field goes back to the list it
// replaced, Enter or ↓ moves to the results.
import { showView, currentView } from "./list.js";

const input = document.getElementById("search-input");
const form = document.getElementById("search-form");
let before = null; // the view the results replaced
let timer = null;
let onError = () => {};

export function initSearch(errorHandler) {
  onError = errorHandler;
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
}

async function run() {
  const query = input.value.trim();
  try {
    if (query) {
      if (currentView().kind !== "search") before = currentView();
      // From the bookmarks, a search looks only among them.
      await showView({ kind: "search", query, scope: before?.kind === "bookmarks" ? "bookmarks" : null });
    } else if (before) {
      const back = before;
      before = null;
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
  else before = null;
}
