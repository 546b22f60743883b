// Bookmarks in the window: saving and removing (with undo) from the list,
// the reading view and the keyboard; the note and tags of the open
// article; and the bookmarks view's tag filter and order.
import { api } from "./api.js";
import { t, num, errorMessage } from "./i18n.js";
import { toast } from "./toast.js";

const articleEl = document.getElementById("article");
const bar = document.getElementById("bookmark-bar");
const tagList = document.getElementById("bookmark-tag-list");
const sortSelect = document.getElementById("bookmark-sort");

let onChange = () => {};
let onFilter = () => {};

/** `changed(id, bookmark|null)` after a bookmark is saved, removed, put
 *  back or annotated; `filtered({tag, sort})` when the bookmarks view's
 *  filter changes. */
export function initBookmarks(changed, filtered) {
  onChange = changed;
  onFilter = filtered;
  sortSelect.addEventListener("change", () => onFilter(filter()));
  tagList.addEventListener("click", (e) => {
    const b = e.target.closest("button[data-tag]");
    if (!b) return;
    for (const other of tagList.querySelectorAll("button")) other.setAttribute("aria-pressed", String(other === b));
    onFilter(filter());
  });
  // The note and tags of the open article save as they are typed.
  let timer = null;
  const save = () => {
    clearTimeout(timer);
    const panel = document.getElementById("bookmark-panel");
    if (!panel) return;
    const id = Number(panel.dataset.id);
    const note = document.getElementById("bookmark-note").value;
    const tags = splitTags(document.getElementById("bookmark-tags").value);
    api
      .annotateBookmark(id, note, tags)
      .then((b) => onChange(id, b))
      .catch((err) => toast(errorMessage(err)));
  };
  articleEl.addEventListener("input", (e) => {
    if (!e.target.closest("#bookmark-panel")) return;
    clearTimeout(timer);
    timer = setTimeout(save, 800);
  });
  articleEl.addEventListener("change", (e) => {
    if (e.target.closest("#bookmark-panel")) save();
  });
}

/** Tags as typed: separated by commas (Latin or Arabic). */
export function splitTags(text) {
  return text
    .split(/[,،]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function filter() {
  const pressed = tagList.querySelector("button[aria-pressed='true']");
  return { tag: pressed?.dataset.tag || null, sort: sortSelect.value };
}

/** Saves or removes a bookmark; a removal can be undone from the message. */
export async function setBookmarked(id, on) {
  try {
    const removed = await api.setBookmark(id, on);
    onChange(id, on ? { article_id: id, note: null, tags: [] } : null);
    if (removed) {
      toast(t.bookmarkRemoved, 8000, {
        label: t.undo,
        run: async () => {
          try {
            await api.restoreBookmark(removed);
            onChange(id, removed);
          } catch (err) {
            toast(errorMessage(err));
          }
        },
      });
    }
  } catch (err) {
    toast(errorMessage(err));
  }
}

/** Shows the tag filter and order above the bookmarks list (or hides them). */
export async function showBar(visible) {
  bar.hidden = !visible;
  if (!visible) return;
  const tags = await api.bookmarkTags();
  const current = filter().tag;
  const chip = (tag, label, count) => {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "chip";
    b.dataset.tag = tag;
    b.setAttribute("aria-pressed", String((current || "") === tag));
    const name = document.createElement("bdi");
    name.textContent = label;
    b.append(name);
    if (count) {
      const c = document.createElement("span");
      c.className = "count";
      c.textContent = num(count);
      b.append(c);
    }
    return b;
  };
  tagList.replaceChildren(chip("", t.allTags), ...tags.map((x) => chip(x.tag, x.tag, x.count)));
  // A tag that no bookmark carries any more: back to all.
  if (current && !tags.some((x) => x.tag === current)) {
    tagList.querySelector("button").setAttribute("aria-pressed", "true");
    onFilter(filter());
  }
}

/** The note and tags of a bookmarked article, in the reading view. */
export function bookmarkPanel(a) {
  if (!a.bookmark) return null;
  const section = document.createElement("section");
  section.className = "bookmark-panel";
  section.id = "bookmark-panel";
  section.dataset.id = a.id;
  section.setAttribute("aria-label", t.bookmarkPanel);
  const field = (label, control) => {
    const l = document.createElement("label");
    const s = document.createElement("span");
    s.textContent = label;
    l.append(s, control);
    return l;
  };
  const note = document.createElement("textarea");
  note.id = "bookmark-note";
  note.rows = 2;
  note.maxLength = 10000;
  note.dir = "auto";
  note.placeholder = t.notePlaceholder;
  note.value = a.bookmark.note || "";
  const tags = document.createElement("input");
  tags.id = "bookmark-tags";
  tags.dir = "auto";
  tags.placeholder = t.tagsPlaceholder;
  tags.value = (a.bookmark.tags || []).join("، ");
  section.append(field(t.note, note), field(t.tags, tags));
  return section;
}
