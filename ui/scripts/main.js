// Start-up and wiring of the views, links and keyboard.
import { api, listen } from "./api.js";
import { t, errorMessage } from "./i18n.js";
import { initNav, renderNav } from "./nav.js";
import { initList, showView, refresh, select, updateRow, neighbour, currentListArgs, currentView, onView } from "./list.js";
import { showArticle, currentArticle, showBookmark } from "./reader.js";
import { initBookmarks, setBookmarked, showBar, filter as bookmarkFilter } from "./bookmarks.js";
import { initBookmarkFiles } from "./bookmark-files.js";
import { initShare, open as openShare, close as closeShare, selectedQuote } from "./share.js";
import { initSync, syncNow, redrawSync } from "./sync.js";
import { initSearch, focusSearch, clearSearch } from "./search.js";
import { initSettings, loadSettingValues, openSettings } from "./settings.js";
import { openDialog, closeDialog, isOpen as dialogOpen } from "./dialog.js";
import { toast } from "./toast.js";
import { initPrefs, prefs, stepFont, onPrefChange } from "./prefs.js";
import { drawIcons } from "./icons.js";
import { initReadAloud, toggle as toggleListen, articleShown } from "./read-aloud.js";
import { initRules, noteIfHidden } from "./rules.js";

const app = document.getElementById("app");
const showError = (err) => toast(errorMessage(err));

/** Opens article `id`. Chosen in the list (a click, Enter), the keyboard
 *  focus goes to the article, so a screen reader reads it next; j and k
 *  keep it where it is. */
async function open(id, { focus = false } = {}) {
  if (!id) return;
  try {
    const a = await showArticle(id);
    articleShown();
    noteIfHidden(id);
    select(id);
    app.classList.add("show-reader");
    if (focus) document.getElementById("article").focus({ preventScroll: true });
    if (!a.read && prefs.markReadOnOpen) {
      await api.setRead(id, true);
      a.read = true;
      updateRow(id, { read: true });
    }
  } catch (err) {
    showError(err);
  }
}

async function toggleRead() {
  const a = currentArticle();
  if (!a) return;
  try {
    await api.setRead(a.id, !a.read);
    a.read = !a.read;
    updateRow(a.id, { read: a.read });
  } catch (err) {
    showError(err);
  }
}

function toggleBookmark() {
  const a = currentArticle();
  if (a) setBookmarked(a.id, !a.bookmarked);
}

// A bookmark changed: its row, the reading view and the bookmarks list follow.
function bookmarkChanged(id, bookmark) {
  updateRow(id, { bookmarked: Boolean(bookmark), tags: bookmark?.tags || [], note: bookmark?.note || null });
  if (currentArticle()?.id === id) showBookmark(bookmark);
  if (currentView().kind === "bookmarks") {
    // Typing a note does not redraw the list under the reader.
    if (!bookmark || !document.getElementById("bookmark-panel")?.contains(document.activeElement)) refresh();
    showBar(true).catch(showError);
  }
}

// An author or a tag in the reading view lists its stories.
document.getElementById("article").addEventListener("click", (e) => {
  const author = e.target.closest("[data-author]");
  const tag = e.target.closest("[data-feed-tag]");
  if (!author && !tag) return;
  const view = author ? { kind: "author", author: author.dataset.author } : { kind: "feedTag", tag: tag.dataset.feedTag };
  app.classList.remove("show-reader");
  showView(view).catch(showError);
});

// Links never navigate the webview: stored articles open here, everything
// else goes to the system browser through the app. A middle-click is a
// click (not a new window; the shell refuses those too, main_window.rs).
function followLink(e) {
  const link = e.target.closest("a[href]");
  if (!link || link.classList.contains("skip-link")) return;
  if (e.type === "auxclick" && e.button !== 1) return;
  e.preventDefault();
  if (link.dataset.articleId) open(Number(link.dataset.articleId));
  else api.openExternal(link.href).catch(showError);
}
document.addEventListener("click", followLink);
document.addEventListener("auxclick", followLink);

document.getElementById("mark-all-read").addEventListener("click", async () => {
  try {
    const ids = await api.markAllRead(currentListArgs());
    await Promise.all([refresh(), renderNav()]);
    toast(t.markedAllRead(ids.length), 8000, {
      label: t.undo,
      run: async () => {
        await api.markUnread(ids);
        await Promise.all([refresh(), renderNav()]);
      },
    });
  } catch (err) {
    showError(err);
  }
});

// Where the reader stopped is saved as they scroll, and restored on open.
const reader = document.getElementById("reader");
let positionTimer = null;
reader.addEventListener("scroll", () => {
  const a = currentArticle();
  if (!a || a.restoring) return;
  // Measured now, for this article: by the time the save runs another
  // article may be open.
  const room = reader.scrollHeight - reader.clientHeight;
  const position = room > 0 ? Math.min(1, reader.scrollTop / room) : 0;
  a.position = position;
  clearTimeout(positionTimer);
  positionTimer = setTimeout(() => api.setReadingPosition(a.id, position).catch(() => {}), 400);
});

document.getElementById("bookmark-btn").addEventListener("click", toggleBookmark);
document.getElementById("open-browser-btn").addEventListener("click", () => {
  const a = currentArticle();
  if (a) api.openExternal(a.url).catch(showError);
});
// Back to the list: the focus returns to the row the article was opened
// from (the back button, or Escape anywhere in the reading view).
function backToList() {
  app.classList.remove("show-reader");
  document.querySelector(".article-row[aria-selected='true']")?.focus();
}
document.getElementById("back-btn").addEventListener("click", backToList);
document.getElementById("reader").addEventListener("keydown", (e) => {
  if (e.key === "Escape" && !dialogOpen() && !e.defaultPrevented && !e.target.matches("input, textarea, select")) backToList();
});
document.getElementById("font-smaller").addEventListener("click", () => stepFont(-1).catch(showError));
document.getElementById("font-larger").addEventListener("click", () => stepFont(1).catch(showError));

// Narrow windows show one pane at a time: the list's menu button brings
// the sections in, choosing one (or Escape) goes back to the list.
document.getElementById("nav-btn").addEventListener("click", () => {
  app.classList.add("show-nav");
  document.querySelector("#category-list button[aria-current='true']")?.focus();
});
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && app.classList.contains("show-nav") && !dialogOpen()) {
    app.classList.remove("show-nav");
    document.getElementById("nav-btn").focus();
  }
});

const help = document.getElementById("help");

document.addEventListener("keydown", (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (dialogOpen()) {
    if (e.key === "?" && !help.hidden) closeDialog();
    return;
  }
  if (e.target.matches("input, textarea, select")) return;
  switch (e.key) {
    case "?":
      openDialog(help);
      break;
    case ",":
      openSettings();
      break;
    case "/":
      e.preventDefault();
      focusSearch();
      break;
    case "o":
    case "Enter":
      if (e.key === "Enter" && e.target.closest(".article-row, button, a, summary")) return;
      neighbour(0).then(open);
      break;
    case "m":
      toggleRead();
      break;
    case "s":
      if (currentArticle()) openShare(currentArticle().id, selectedQuote());
      break;
    case "+":
    case "=":
      stepFont(1).catch(showError);
      break;
    case "-":
      stepFont(-1).catch(showError);
      break;
    case "j":
    case "ArrowDown":
      if (e.key === "ArrowDown" && !e.target.closest(".article-list")) return;
      e.preventDefault();
      neighbour(1).then(open);
      break;
    case "k":
    case "ArrowUp":
      if (e.key === "ArrowUp" && !e.target.closest(".article-list")) return;
      e.preventDefault();
      neighbour(-1).then(open);
      break;
    case "b":
      toggleBookmark();
      break;
    case "l":
      toggleListen();
      break;
    case "r":
      syncNow();
      break;
  }
});

// Language, numerals and calendar change every text the app drew.
onPrefChange(async (name) => {
  if (!["language", "numerals", "calendar"].includes(name)) return;
  closeShare();
  redrawSync();
  await Promise.all([renderNav(), refresh()]);
  const a = currentArticle();
  if (a) await showArticle(a.id);
});

const afterNextPaint = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

// The start-up benchmark (KHABARAIN_BENCH_OPEN=N) has the window open the
// first N articles itself, by the same path as the j key, pictures and all.
async function openMany(n) {
  let opened = 0;
  for (let step = 0; opened < n; step = 1) {
    const id = await neighbour(step);
    if (!id) break;
    await open(id);
    await Promise.all([...document.querySelectorAll("#article img")].map((img) => img.decode().catch(() => {})));
    opened++;
  }
  await afterNextPaint();
  await api.milestone("articles_opened", opened);
}

/** Tells the reader the database was damaged and what was done. */
function showRecovery(r) {
  const notice = document.getElementById("notice");
  document.getElementById("notice-title").textContent = t.recoveredTitle;
  const name = r.kept_as.split(/[\\/]/).pop();
  document.getElementById("notice-body").textContent = t.recoveredBody(name, r.restored ? r.restored.added : null);
  document.getElementById("notice-detail").textContent = [r.kept_as, r.reason, r.restore_error].filter(Boolean).join(" — ");
  document.getElementById("notice-close").onclick = closeDialog;
  openDialog(notice, document.getElementById("notice-close"));
}

async function start() {
  drawIcons();
  await initPrefs();
  initNav((view) => {
    app.classList.remove("show-nav", "show-reader");
    clearSearch();
    showView(view.kind === "bookmarks" ? { ...view, ...bookmarkFilter() } : view).catch(showError);
  });
  initList((id) => open(id, { focus: true }), setBookmarked);
  onView((view) => showBar(view.kind === "bookmarks").catch(showError));
  initBookmarks(bookmarkChanged, (f) => showView({ ...currentView(), ...f }).catch(showError));
  initBookmarkFiles(async () => {
    await Promise.all([refresh(), renderNav()]);
  });
  initShare(() => currentArticle()?.id);
  // A rule made, undone or removed, or a story shown again: the list and
  // the counts follow, the reader's place kept.
  initRules(async () => {
    await Promise.all([refresh(), renderNav()]).catch(showError);
  }, selectedQuote);
  initSearch(showError, () => renderNav().catch(showError));
  initSettings();
  // The list first: it is what the reader came for.
  await Promise.all([renderNav(), showView({ kind: "home" })]);
  // Reported once the frame that draws it is done (a task queued from the
  // frame's callback runs after its paint). The rest of start-up waits for
  // that frame, but not for long: a hidden window draws no frames.
  const painted = afterNextPaint().then(() =>
    api.milestone("first_list", document.querySelectorAll(".article-row").length),
  );
  await Promise.race([painted, new Promise((r) => setTimeout(r, 250))]);
  const [info] = await Promise.all([
    initSync(async () => {
      await renderNav();
      await refresh();
    }),
    loadSettingValues(),
  ]);
  await initReadAloud();
  // A click on a notification of a new item opens it here.
  await listen("alerts://open", (id) => open(id));
  if (info.recovery) showRecovery(info.recovery);
  if (info.bench_open > 0) await openMany(info.bench_open);
}

start().catch(showError);
