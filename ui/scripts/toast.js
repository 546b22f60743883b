// A short message at the bottom of the window, read out by screen readers.
const el = document.getElementById("toast");
let timer = null;

/** Shows a message; with `action` ({label, run}) a button offers to undo. */
export function toast(message, ms = 2500, action = null) {
  el.replaceChildren(document.createTextNode(message));
  if (action) {
    const b = document.createElement("button");
    b.type = "button";
    b.id = "toast-action";
    b.textContent = action.label;
    b.addEventListener("click", () => {
      el.hidden = true;
      action.run();
    });
    el.append(b);
  }
  el.hidden = false;
  clearTimeout(timer);
  timer = setTimeout(() => (el.hidden = true), ms);
}
