// The bookmarks part of the settings: export (the app's JSON, or HTML for a
// browser), import of either, and the automatic backups with their restore.
import { api } from "./api.js";
import { t, errorMessage } from "./i18n.js";
import { fullDate } from "./format.js";
import { toast } from "./toast.js";

const status = document.getElementById("bookmarks-status");
const backupList = document.getElementById("backup-list");
const fileInput = document.getElementById("import-file");
// Matches the core's limit; a larger file is refused before it is read.
const MAX_FILE_BYTES = 256 * 1024 * 1024;

let onImported = () => {};

function say(text, isError = false) {
  status.textContent = text;
  status.classList.toggle("error", isError);
}

async function run(action) {
  say("");
  try {
    await action();
  } catch (err) {
    say(errorMessage(err), true);
  }
}

export function initBookmarkFiles(imported) {
  onImported = imported;
  for (const [id, format] of [
    ["export-json", "json"],
    ["export-html", "html"],
  ]) {
    document.getElementById(id).addEventListener("click", () =>
      run(async () => {
        const path = await api.exportBookmarks(format);
        say(t.exported(path));
        toast(t.exported(path), 8000, { label: t.openFolder, run: () => api.showExportFolder().catch(() => {}) });
      }),
    );
  }
  fileInput.addEventListener("change", () =>
    run(async () => {
      const file = fileInput.files?.[0];
      fileInput.value = "";
      if (!file) return;
      if (file.size > MAX_FILE_BYTES) throw { code: "too_large" };
      const report = await api.importBookmarks(await file.text());
      say(t.imported(report));
      await Promise.all([renderBackups(), onImported()]);
    }),
  );
}

export async function renderBackups() {
  const list = await api.backups();
  if (!list.length) {
    const li = document.createElement("li");
    li.className = "hint";
    li.textContent = t.noBackups;
    backupList.replaceChildren(li);
    return;
  }
  backupList.replaceChildren(
    ...list.map((b) => {
      const li = document.createElement("li");
      const text = document.createElement("span");
      text.textContent = t.backupLine(fullDate(b.written_at), b.bookmarks);
      const restore = document.createElement("button");
      restore.type = "button";
      restore.className = "button small";
      restore.textContent = t.restore;
      restore.setAttribute("aria-label", `${t.restore}: ${text.textContent}`);
      restore.addEventListener("click", () =>
        run(async () => {
          say(t.imported(await api.restoreBackup(b.name)));
          await onImported();
        }),
      );
      li.append(text, restore);
      return li;
    }),
  );
}
