// Modal overlays (settings, the list of keys): the rest of the window is
// inert while one is open, Tab stays inside it, Escape or a click outside
// closes it, and focus goes back to where it was.
const app = document.getElementById("app");
let openOverlay = null;
let returnFocus = null;

export const isOpen = () => openOverlay !== null;

export function openDialog(overlay, focus = null) {
  if (openOverlay) closeDialog();
  returnFocus = document.activeElement;
  openOverlay = overlay;
  overlay.hidden = false;
  app.inert = true;
  (focus || focusables(overlay)[0] || overlay.querySelector("[role=dialog]")).focus();
}

export function closeDialog() {
  if (!openOverlay) return;
  openOverlay.hidden = true;
  openOverlay = null;
  app.inert = false;
  if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
  returnFocus = null;
}

function focusables(root) {
  return [...root.querySelectorAll("button, select, input, [tabindex='0'], a[href]")].filter(
    (el) => !el.disabled && el.offsetParent !== null,
  );
}

document.addEventListener("keydown", (e) => {
  if (!openOverlay) return;
  if (e.key === "Escape") {
    e.preventDefault();
    closeDialog();
  } else if (e.key === "Tab") {
    const items = focusables(openOverlay);
    if (!items.length) return;
    const [first, last] = [items[0], items[items.length - 1]];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  }
});

for (const overlay of document.querySelectorAll(".overlay")) {
  overlay.addEventListener("click", (e) => {
    if (e.target === overlay) closeDialog();
  });
}
