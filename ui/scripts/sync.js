// The sync button, its progress bar and message, the cancel button, the
// automatic-sync interval and each source's state. Progress arrives as
// `sync://event` events, also for the syncs the app starts by itself.
import { api, listen } from "./api.js";
import { t, errorMessage } from "./i18n.js";
import { relativeTime } from "./format.js";

const btn = document.getElementById("sync-btn");
const cancelBtn = document.getElementById("sync-cancel");
const label = document.getElementById("sync-label");
const bar = document.getElementById("sync-progress");
const status = document.getElementById("sync-status");
const interval = document.getElementById("sync-interval");
const sourceList = document.getElementById("source-list");
let onFinished = () => {};
let freshSoFar = 0;

export async function initSync(finishedHandler) {
  onFinished = finishedHandler;
  btn.addEventListener("click", syncNow);
  cancelBtn.addEventListener("click", () => api.cancelSync());
  interval.addEventListener("change", async () => {
    try {
      await api.setSyncInterval(Number(interval.value));
    } catch (err) {
      setStatus(errorMessage(err), true);
    }
  });
  await listen("sync://event", handle);
  const [info, minutes] = await Promise.all([api.appInfo(), api.syncInterval()]);
  interval.value = String(minutes);
  if (info.syncing) running(true);
  else if (info.last_sync) showResult(info.last_sync);
  await renderSources();
}

export async function syncNow() {
  if (btn.disabled) return;
  running(true);
  try {
    await api.syncNow();
  } catch (err) {
    running(false);
    setStatus(err && err.code === "sync_busy" ? t.syncBusy : errorMessage(err), true);
  }
}

function running(on) {
  btn.disabled = on;
  btn.setAttribute("aria-busy", String(on));
  cancelBtn.hidden = !on;
  label.textContent = on ? t.syncing : t.sync;
  bar.hidden = !on;
  if (on) {
    bar.removeAttribute("value");
    setStatus("");
  }
}

function setStatus(text, isError = false) {
  status.textContent = text;
  status.classList.toggle("error", isError);
}

function handle(event) {
  switch (event.kind) {
    case "started":
      running(true);
      freshSoFar = 0;
      bar.max = Math.max(1, event.total_sources);
      bar.value = 0;
      break;
    case "source_done":
      freshSoFar += event.report.new;
      bar.max = Math.max(1, event.total_sources);
      bar.value = event.done;
      setStatus(t.syncProgress(event.done, event.total_sources, freshSoFar));
      break;
    case "finished":
      running(false);
      showResult(event.report);
      renderSources();
      onFinished(event.report);
      break;
  }
}

function showResult(r) {
  if (r.cancelled) setStatus(`${t.syncCancelled} — ${t.syncDone(r.new_articles)}`);
  else if (r.unreachable) setStatus(t.syncUnreachable, true);
  else if (r.failed_sources) setStatus(`${t.syncDone(r.new_articles)} — ${t.syncPartial(r.failed_sources)}`, true);
  else setStatus(t.syncDone(r.new_articles));
}

async function renderSources() {
  const sources = await api.sources();
  sourceList.replaceChildren(
    ...sources.map((s) => {
      const li = document.createElement("li");
      const failed = Boolean(s.last_error);
      li.className = (failed ? "failed " : "") + (s.enabled ? "" : "disabled");
      li.dataset.id = s.id;
      const toggle = document.createElement("input");
      toggle.type = "checkbox";
      toggle.checked = s.enabled;
      toggle.setAttribute("aria-label", `${t.sourceEnabled}: ${s.title || s.url}`);
      toggle.addEventListener("change", async () => {
        try {
          await api.setSourceEnabled(s.id, toggle.checked);
        } catch (err) {
          setStatus(errorMessage(err), true);
        }
        await renderSources();
      });
      const text = document.createElement("span");
      text.className = "source-text";
      const name = document.createElement("span");
      name.className = "source-name";
      name.dir = "auto";
      name.textContent = s.title || s.url;
      name.title = s.url;
      const state = document.createElement("span");
      state.className = "source-state";
      const ok = s.last_success_at ? relativeTime(s.last_success_at) : "";
      state.textContent = failed ? t.sourceFailed(ok) : ok ? t.sourceOk(ok) : t.sourceNever;
      if (failed) state.title = s.last_error;
      text.append(name, state);
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "remove";
      remove.textContent = "✕";
      remove.setAttribute("aria-label", `${t.sourceRemove}: ${s.title || s.url}`);
      remove.addEventListener("click", async () => {
        try {
          await api.removeSource(s.id);
        } catch (err) {
          setStatus(errorMessage(err), true);
        }
        await renderSources();
      });
      li.append(toggle, text, remove);
      return li;
    }),
  );
}

// A site is added by its address: the app finds its feed.
const addForm = document.getElementById("add-source");
const addInput = document.getElementById("add-source-input");
addForm.addEventListener("submit", async (e) => {
  e.preventDefault();
  try {
    const source = await api.addSource(addInput.value);
    addInput.value = "";
    setStatus(t.sourceAdded(source.title || source.url));
    await renderSources();
  } catch (err) {
    setStatus(errorMessage(err), true);
  }
});
