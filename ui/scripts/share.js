// The share menu: copy link, copy headline + link, and the networks Arabic
// readers use. URLs are built and percent-encoded by the core.
import { api } from "./api.js";
import { t, errorMessage } from "./i18n.js";
import { toast } from "./toast.js";

const btn = document.getElementById("share-btn");
const menu = document.getElementById("share-menu");
let articleId = null;

export function initShare(getArticleId) {
  btn.addEventListener("click", () => (menu.hidden ? open(getArticleId()) : close()));
  document.addEventListener("click", (e) => {
    if (!menu.hidden && !e.target.closest(".share")) close();
  });
  menu.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      close();
      btn.focus();
    }
  });
}

function item(id, label, action) {
  const li = document.createElement("li");
  li.setAttribute("role", "none");
  const b = document.createElement("button");
  b.type = "button";
  b.setAttribute("role", "menuitem");
  b.dataset.share = id;
  b.textContent = label;
  b.addEventListener("click", async () => {
    close();
    try {
      await action();
    } catch (err) {
      toast(errorMessage(err));
    }
  });
  li.append(b);
  return li;
}

export async function open(id) {
  if (!id) return;
  articleId = id;
  const targets = await api.shareLinks(id);
  const sep = document.createElement("li");
  sep.className = "separator";
  sep.setAttribute("role", "separator");
  menu.replaceChildren(
    item("copy-link", t.copyLink, async () => {
      await api.copyLink(articleId, false);
      toast(t.copied);
    }),
    item("copy-title-link", t.copyTitleLink, async () => {
      await api.copyLink(articleId, true);
      toast(t.copied);
    }),
    sep,
    ...targets.map((target) => item(target.id, t.targets[target.id] || target.id, () => api.openExternal(target.url))),
  );
  menu.hidden = false;
  btn.setAttribute("aria-expanded", "true");
  menu.querySelector("button")?.focus();
}

export function close() {
  menu.hidden = true;
  btn.setAttribute("aria-expanded", "false");
}
