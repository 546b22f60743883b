// Sync accounts in the settings: the accounts with their last sync or
// error, a form that tests the connection and adds one (its password in
// the system keyring, or — where none runs — for this run only unless the
// reader chooses a file only they can read), a password typed again, and
// the notes of bookmarks a server's unstar took.
import { api } from "./api.js";
import { t, errorMessage } from "./i18n.js";
import { relativeTime } from "./format.js";

const $ = (id) => document.getElementById(id);
const list = $("account-list");
const status = $("accounts-status");
const form = $("account-form");

function setStatus(text, isError = false) {
  status.textContent = text;
  status.classList.toggle("error", isError);
}

function fields() {
  return {
    kind: $("account-kind").value,
    server: $("account-server").value.trim(),
    user: $("account-user").value.trim(),
    secret: $("account-secret").value,
  };
}

let noKeyring = null;

// An address as people write it: no trailing slash (which the bidi
// algorithm would also move to the wrong end in Arabic text).
const shown = (url) => url.replace(/\/+$/, "");

function row(a) {
  const li = document.createElement("li");
  li.dataset.id = a.id;
  li.className = a.last_error ? "failed" : "";
  const text = document.createElement("span");
  text.className = "source-text";
  const name = document.createElement("span");
  name.className = "source-name";
  name.dir = "auto";
  name.textContent = `${a.username || t.apiKey} · ${shown(a.server_url)}`;
  const state = document.createElement("span");
  state.className = "source-state";
  const kind = a.kind === "miniflux" ? t.kindMiniflux : t.kindGreaderShort;
  const when = a.last_sync_at ? t.sourceOk(relativeTime(a.last_sync_at)) : t.sourceNever;
  state.textContent = `${kind} · ${a.last_error_code ? errorMessage({ code: a.last_error_code }) : when}`;
  if (a.last_error) state.title = a.last_error;
  text.append(name, state);
  if (a.last_error_code === "no_secret") {
    // A password kept for one run only: asked for again.
    const again = document.createElement("button");
    again.type = "button";
    again.className = "link-button";
    again.textContent = t.accountTypeAgain;
    again.addEventListener("click", () => {
      const secret = window.prompt(t.accountSecret);
      if (secret) act(() => api.setAccountSecret(a.id, secret));
    });
    text.append(again);
  }
  const remove = document.createElement("button");
  remove.type = "button";
  remove.className = "remove";
  remove.textContent = "✕";
  remove.setAttribute("aria-label", `${t.accountRemove}: ${name.textContent}`);
  remove.addEventListener("click", () => act(() => api.removeAccount(a.id)));
  const mark = document.createElement("span");
  mark.textContent = "⇄";
  mark.setAttribute("aria-hidden", "true");
  li.append(mark, text, remove);
  return li;
}

// A bookmark a server's unstar took: its headline, the reader's note and
// tags, and a way to save it again.
function removedRow(h) {
  const li = document.createElement("li");
  li.dataset.id = h.id;
  const text = document.createElement("span");
  text.className = "source-text";
  const name = document.createElement("span");
  name.className = "source-name";
  name.dir = "auto";
  name.textContent = h.title;
  const state = document.createElement("span");
  state.className = "source-state";
  state.dir = "auto";
  const parts = [];
  if (h.note) parts.push(`«${h.note}»`);
  if (h.tags.length) parts.push(h.tags.map((tag) => `#${tag}`).join(" "));
  parts.push(t.removedAt(relativeTime(h.removed_at)));
  state.textContent = parts.join(" · ");
  text.append(name, state);
  const again = document.createElement("button");
  again.type = "button";
  again.className = "link-button";
  again.textContent = t.restoreBookmark;
  again.setAttribute("aria-label", `${t.restoreBookmark}: ${h.title}`);
  again.addEventListener("click", () => act(() => api.restoreRemovedBookmark(h.id)));
  const mark = document.createElement("span");
  mark.textContent = "☆";
  mark.setAttribute("aria-hidden", "true");
  li.append(mark, text, again);
  return li;
}

async function act(action) {
  setStatus("");
  try {
    await action();
  } catch (err) {
    setStatus(errorMessage(err), true);
  }
  await renderAccounts();
}

export async function renderAccounts() {
  const view = await api.accounts();
  noKeyring = view.no_keyring || noKeyring;
  list.replaceChildren(...view.accounts.map(row));
  $("account-history").hidden = view.history.length === 0;
  $("account-history-list").replaceChildren(...view.history.map(removedRow));
  const notice = $("account-no-keyring");
  notice.hidden = !noKeyring;
  notice.textContent = noKeyring ? t.noKeyring : "";
  notice.title = noKeyring || "";
  $("account-file-choice").hidden = !noKeyring;
}

$("account-test").addEventListener("click", async () => {
  setStatus(t.accountTesting);
  try {
    const f = fields();
    const url = await api.testAccount(f.kind, f.server, f.user, f.secret);
    setStatus(t.accountOk(shown(url)));
  } catch (err) {
    setStatus(errorMessage(err), true);
  }
});

form.addEventListener("submit", (e) => {
  e.preventDefault();
  act(async () => {
    const f = fields();
    const place = !noKeyring ? "keyring" : $("account-in-file").checked ? "file" : "session";
    setStatus(t.accountTesting);
    const a = await api.addAccount(f.kind, f.server, f.user, f.secret, place).catch((err) => {
      // The keyring answered at first but will not keep it: offer the
      // other places.
      if (err?.code === "no_keyring") {
        noKeyring = err.message;
        $("account-file-choice").hidden = false;
      }
      throw err;
    });
    $("account-secret").value = "";
    setStatus(t.accountAdded(shown(a.server_url)));
  });
});
