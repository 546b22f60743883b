// A short message at the bottom of the window, read out by screen readers.
const el = document.getElementById("toast");
let timer = null;

export function toast(message, ms = 2500) {
  el.textContent = message;
  el.hidden = false;
  clearTimeout(timer);
  timer = setTimeout(() => (el.hidden = true), ms);
}
