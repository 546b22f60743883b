// The reader's preferences: theme, font size, marking read on open. Saved
// in the app's database (through the app), applied at start.
import { api } from "./api.js";
import { initPanes } from "./panes.js";
import { setDigits } from "./i18n.js";
import { setCalendar } from "./format.js";

const root = document.documentElement;
const themeSelect = document.getElementById("theme-select");
const numeralsSelect = document.getElementById("numerals-select");
const calendarSelect = document.getElementById("calendar-select");
const MIN_SIZE = 14;
const MAX_SIZE = 30;
const DEFAULT_SIZE = 19;

export const prefs = {
  theme: "system",
  fontSize: DEFAULT_SIZE,
  markReadOnOpen: true,
};

export async function initPrefs() {
  const saved = await api.prefs();
  initPanes(saved);
  prefs.theme = saved.theme || "system";
  prefs.fontSize = Number(saved.font_size) || DEFAULT_SIZE;
  prefs.markReadOnOpen = saved.mark_read_on_open !== "false";
  apply();
  themeSelect.value = prefs.theme;
  themeSelect.addEventListener("change", () => setTheme(themeSelect.value));
  numeralsSelect.value = saved.numerals || "latn";
  calendarSelect.value = saved.calendar || "gregory";
  setDigits(numeralsSelect.value);
  setCalendar(calendarSelect.value);
  for (const [select, key] of [
    [numeralsSelect, "numerals"],
    [calendarSelect, "calendar"],
  ]) {
    select.addEventListener("change", async () => {
      setDigits(numeralsSelect.value);
      setCalendar(calendarSelect.value);
      await api.setPref(key, select.value);
      onDisplayChange();
    });
  }
  document.getElementById("font-smaller").addEventListener("click", () => stepFont(-1));
  document.getElementById("font-larger").addEventListener("click", () => stepFont(1));
}

function apply() {
  root.dataset.theme = prefs.theme;
  root.style.setProperty("--reader-size", `${prefs.fontSize}px`);
}

// Called when dates or numbers must be drawn again.
let onDisplayChange = () => {};
export function whenDisplayChanges(handler) {
  onDisplayChange = handler;
}

export async function setTheme(theme) {
  prefs.theme = theme;
  themeSelect.value = theme;
  apply();
  await api.setPref("theme", theme);
}

export async function stepFont(step) {
  const next = Math.min(MAX_SIZE, Math.max(MIN_SIZE, prefs.fontSize + step));
  if (next === prefs.fontSize) return;
  prefs.fontSize = next;
  apply();
  await api.setPref("font_size", next);
}
