// Resizable panes: drag the edge between two panes, or focus it and use the
// arrow keys. Widths are saved as preferences and restored at start.
import { api } from "./api.js";

const LIMITS = { nav: [160, 420], list: [240, 800] };
// The widths app.css gives the panes until the reader moves an edge.
const DEFAULTS = { nav: 220, list: 360 };
const root = document.documentElement;

function setWidth(pane, px) {
  const [min, max] = LIMITS[pane];
  const w = Math.round(Math.min(max, Math.max(min, px)));
  root.style.setProperty(`--${pane}-width`, `${w}px`);
  showValue(pane, w);
  return w;
}

// A focusable separator is a control: a screen reader says where it stands
// between its limits, in pixels.
function showValue(pane, w) {
  const handle = document.querySelector(`.resizer[data-pane="${pane}"]`);
  if (!handle) return;
  const [min, max] = LIMITS[pane];
  handle.setAttribute("aria-valuemin", String(min));
  handle.setAttribute("aria-valuemax", String(max));
  handle.setAttribute("aria-valuenow", String(w));
}

function save(pane, w) {
  api.setPref(`${pane}_width`, w).catch(() => {});
}

export function initPanes(saved) {
  for (const pane of ["nav", "list"]) {
    const w = Number(saved[`${pane}_width`]);
    if (w) setWidth(pane, w);
    else showValue(pane, DEFAULTS[pane]);
  }
  for (const handle of document.querySelectorAll(".resizer")) {
    const pane = handle.dataset.pane;
    const paneEl = document.querySelector(`.pane.${pane}`);
    const widthAt = (x) => {
      const rect = paneEl.getBoundingClientRect();
      // The pane grows away from its fixed edge: the right one in RTL.
      return getComputedStyle(paneEl).direction === "rtl" ? rect.right - x : x - rect.left;
    };
    handle.addEventListener("pointerdown", (e) => {
      e.preventDefault();
      handle.setPointerCapture(e.pointerId);
      handle.classList.add("dragging");
      let w = paneEl.getBoundingClientRect().width;
      const move = (ev) => (w = setWidth(pane, widthAt(ev.clientX)));
      const up = () => {
        handle.classList.remove("dragging");
        handle.removeEventListener("pointermove", move);
        handle.removeEventListener("pointerup", up);
        save(pane, w);
      };
      handle.addEventListener("pointermove", move);
      handle.addEventListener("pointerup", up);
    });
    handle.addEventListener("keydown", (e) => {
      const rtl = getComputedStyle(paneEl).direction === "rtl";
      const grow = { ArrowLeft: rtl ? 16 : -16, ArrowRight: rtl ? -16 : 16 }[e.key];
      if (!grow) return;
      e.preventDefault();
      e.stopPropagation();
      save(pane, setWidth(pane, paneEl.getBoundingClientRect().width + grow));
    });
  }
}
