// The window's zoom, as in a browser: Ctrl+= (or Ctrl++) larger, Ctrl+-
// smaller, Ctrl+0 back to 100 %. Every text and control scales (the text
// size setting scales the article only); the zoom is kept, and said.
import { api } from "./api.js";
import { t, errorMessage } from "./i18n.js";
import { toast } from "./toast.js";

const STEPS = [0.5, 0.67, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3];
let level = 1;

async function set(next, say) {
  level = next;
  try {
    await api.setZoom(next);
    if (say) toast(t.zoom(Math.round(next * 100)));
  } catch (err) {
    toast(errorMessage(err));
  }
}

export function initZoom(saved) {
  const z = Number(saved);
  if (z && z !== 1 && z >= STEPS[0] && z <= STEPS[STEPS.length - 1]) set(z, false);
  document.addEventListener("keydown", (e) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    let next;
    if (e.key === "=" || e.key === "+") next = STEPS.find((s) => s > level + 0.001) ?? level;
    else if (e.key === "-") next = [...STEPS].reverse().find((s) => s < level - 0.001) ?? level;
    else if (e.key === "0") next = 1;
    else return;
    e.preventDefault();
    set(next, true);
  });
}
