// The sources in the settings: each feed's last success or error, switched
// on and off, removed, or a site added by its address (the core finds its
// feed); all of them in and out as OPML, as other readers keep them.
import { api } from "./api.js";
import { t, errorMessage } from "./i18n.js";
import { relativeTime } from "./format.js";
import { toast } from "./toast.js";

const list = document.getElementById("source-list");
const status = document.getElementById("sources-status");
const addForm = document.getElementById("add-source");
const addInput = document.getElementById("add-source-input");
const opmlInput = document.getElementById("import-opml");
// Matches the core's limit; a larger file is refused before it is read.
const MAX_OPML_BYTES = 4 * 1024 * 1024;

function setStatus(text, isError = false, detail = "") {
  status.textContent = text;
  status.title = detail;
  status.classList.toggle("error", isError);
}

async function act(action) {
  setStatus("");
  try {
    await action();
  } catch (err) {
    setStatus(errorMessage(err), true);
  }
  await renderSources();
}

function row(s) {
  const li = document.createElement("li");
  const failed = Boolean(s.last_error);
  li.className = (failed ? "failed " : "") + (s.enabled ? "" : "disabled");
  li.dataset.id = s.id;
  const name = s.title || s.url;
  const toggle = document.createElement("input");
  toggle.type = "checkbox";
  toggle.checked = s.enabled;
  toggle.setAttribute("aria-label", `${t.sourceEnabled}: ${name}`);
  toggle.addEventListener("change", () => act(() => api.setSourceEnabled(s.id, toggle.checked)));
  const text = document.createElement("span");
  text.className = "source-text";
  const title = document.createElement("span");
  title.className = "source-name";
  title.dir = "auto";
  title.textContent = name;
  title.title = s.url;
  const state = document.createElement("span");
  state.className = "source-state";
  const ok = s.last_success_at ? relativeTime(s.last_success_at) : "";
  const notAFeed = failed && s.last_error_code === "not_a_feed";
  state.textContent = notAFeed
    ? t.errors.not_a_feed
    : failed
      ? t.sourceFailed(ok)
      : ok
        ? t.sourceOk(ok)
        : t.sourceNever;
  // Read only up to a size or item limit: what came before it is kept.
  if (s.last_cut && !failed) state.textContent += ` · ${t.sourceCut}`;
  // Articles kept with the feed's text while their pages wait for a sync
  // that can read them.
  if (s.pending_pages > 0) state.textContent += ` · ${t.sourcePending(s.pending_pages)}`;
  if (failed) state.title = s.last_error;
  text.append(title, state);
  if (notAFeed) {
    // The address is a page: find the feed it names and use that instead.
    const find = document.createElement("button");
    find.type = "button";
    find.className = "link-button";
    find.textContent = t.sourceFindFeed;
    find.addEventListener("click", () =>
      act(async () => {
        const found = await api.addSource(s.url);
        if (found.id !== s.id) await api.removeSource(s.id);
        setStatus(t.sourceAdded(found.title || found.url));
      }),
    );
    text.append(find);
  }
  const remove = document.createElement("button");
  remove.type = "button";
  remove.className = "remove";
  remove.textContent = "✕";
  remove.setAttribute("aria-label", `${t.sourceRemove}: ${name}`);
  remove.addEventListener("click", () => act(() => api.removeSource(s.id)));
  li.append(toggle, text, remove);
  return li;
}

export async function renderSources() {
  const sources = await api.sources();
  list.replaceChildren(...sources.map(row));
}

addForm.addEventListener("submit", (e) => {
  e.preventDefault();
  act(async () => {
    const source = await api.addSource(addInput.value);
    addInput.value = "";
    setStatus(t.sourceAdded(source.title || source.url));
  });
});

opmlInput.addEventListener("change", () =>
  act(async () => {
    const file = opmlInput.files?.[0];
    opmlInput.value = "";
    if (!file) return;
    if (file.size > MAX_OPML_BYTES) throw { code: "bad_opml" };
    setStatus(t.opmlChecking);
    const report = await api.importOpml(await file.text());
    const problems = [...report.refused, ...report.unchecked].map((p) => `${p.url}: ${p.message}`).join("\n");
    setStatus(t.opmlImported(report), false, problems);
  }),
);

document.getElementById("export-opml").addEventListener("click", () =>
  act(async () => {
    const path = await api.exportOpml();
    setStatus(t.opmlExported(path));
    toast(t.opmlExported(path), 8000, { label: t.openFolder, run: () => api.showExportFolder().catch(() => {}) });
  }),
);
