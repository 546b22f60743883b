// The sync button, its progress bar and message, and the cancel button.
// Progress arrives as `sync://event` events, also for the syncs the app
// starts by itself.
import { api, listen } from "./api.js";
import { t, errorMessage } from "./i18n.js";
import { renderSources } from "./sources.js";

const btn = document.getElementById("sync-btn");
const cancelBtn = document.getElementById("sync-cancel");
const label = document.getElementById("sync-label");
const bar = document.getElementById("sync-progress");
const status = document.getElementById("sync-status");
let onFinished = () => {};
let freshSoFar = 0;
// Whether this window heard a sync finish (then it has drawn its result).
let heardFinish = false;
let isRunning = false;
// The last result, drawn again when the language changes.
let shown = null;

export async function initSync(finishedHandler) {
  onFinished = finishedHandler;
  btn.addEventListener("click", syncNow);
  cancelBtn.addEventListener("click", () => api.cancelSync());
  await listen("sync://event", handle);
  const info = await api.appInfo();
  if (info.syncing) running(true);
  else if (info.last_sync) {
    showResult(info.last_sync);
    // A sync that ended before this window listened: show what it brought.
    if (!heardFinish && info.last_sync.new_articles > 0) onFinished(info.last_sync);
  }
  await renderSources();
  return info;
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
  isRunning = on;
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
      heardFinish = true;
      running(false);
      showResult(event.report);
      renderSources();
      onFinished(event.report);
      break;
  }
}

function showResult(r) {
  shown = r;
  if (r.cancelled) setStatus(`${t.syncCancelled} — ${t.syncDone(r.new_articles)}`);
  else if (r.unreachable) setStatus(t.syncUnreachable, true);
  else if (r.failed_sources) setStatus(`${t.syncDone(r.new_articles)} — ${t.syncPartial(r.failed_sources)}`, true);
  else setStatus(t.syncDone(r.new_articles));
}

/** Draws the button and the last result again in the current language. */
export function redrawSync() {
  label.textContent = isRunning ? t.syncing : t.sync;
  if (shown && !isRunning) showResult(shown);
  renderSources();
}
