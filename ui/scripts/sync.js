// The sync button, its progress bar and its message. Progress arrives as
// `sync://event` events, also for the sync the app starts by itself.
import { api, listen } from "./api.js";
import { t, errorMessage } from "./i18n.js";

const btn = document.getElementById("sync-btn");
const label = document.getElementById("sync-label");
const bar = document.getElementById("sync-progress");
const status = document.getElementById("sync-status");
let onFinished = () => {};

export async function initSync(finishedHandler) {
  onFinished = finishedHandler;
  btn.addEventListener("click", syncNow);
  await listen("sync://event", handle);
  const info = await api.appInfo();
  if (info.syncing) running(true);
  else if (info.last_sync) showResult(info.last_sync);
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
      bar.max = Math.max(1, event.total_sources);
      bar.value = 0;
      break;
    case "source_done":
      bar.max = Math.max(1, event.total_sources);
      bar.value = event.done;
      setStatus(t.syncProgress(event.done, event.total_sources));
      break;
    case "finished": {
      running(false);
      showResult(event.report);
      onFinished(event.report);
      break;
    }
  }
}

function showResult(r) {
  if (r.unreachable) setStatus(t.syncUnreachable, true);
  else if (r.failed_sources) setStatus(`${t.syncDone(r.new_articles)} — ${t.syncPartial(r.failed_sources)}`, true);
  else setStatus(t.syncDone(r.new_articles));
}
