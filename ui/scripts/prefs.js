// The reader's preferences: theme, text size, language, numerals, calendar
// and marking read on open. Saved in the app's database (through the app),
// applied at start and whenever they change.
import { api } from "./api.js";
import { initPanes } from "./panes.js";
import { initZoom } from "./zoom.js";
import { setDigits, setLanguage } from "./i18n.js";
import { setCalendar } from "./format.js";

const root = document.documentElement;
export const MIN_SIZE = 14;
export const MAX_SIZE = 30;
const DEFAULT_SIZE = 19;

export const prefs = {
  theme: "system",
  fontSize: DEFAULT_SIZE,
  language: "ar",
  numerals: "latn",
  calendar: "gregory",
  markReadOnOpen: true,
  speechRate: 1,
};

const listeners = [];
/** Runs `handler(key)` after a preference changed and was applied. */
export function onPrefChange(handler) {
  listeners.push(handler);
}

export async function initPrefs() {
  const saved = await api.prefs();
  initPanes(saved);
  initZoom(saved.zoom);
  prefs.theme = saved.theme || "system";
  prefs.fontSize = Number(saved.font_size) || DEFAULT_SIZE;
  prefs.language = saved.language === "en" ? "en" : "ar";
  prefs.numerals = saved.numerals === "arab" ? "arab" : "latn";
  prefs.calendar = saved.calendar === "islamic" ? "islamic" : "gregory";
  prefs.markReadOnOpen = saved.mark_read_on_open !== "false";
  prefs.speechRate = Number(saved.speech_rate) || 1;
  apply();
}

function apply() {
  root.dataset.theme = prefs.theme;
  root.style.setProperty("--reader-size", `${prefs.fontSize}px`);
  setDigits(prefs.numerals);
  setCalendar(prefs.calendar);
  setLanguage(prefs.language);
}

const KEYS = {
  theme: "theme",
  fontSize: "font_size",
  language: "language",
  numerals: "numerals",
  calendar: "calendar",
  markReadOnOpen: "mark_read_on_open",
  speechRate: "speech_rate",
};

/** Changes one preference: applied at once, then saved. */
export async function setPref(name, value) {
  if (prefs[name] === value) return;
  prefs[name] = value;
  apply();
  for (const l of listeners) l(name);
  await api.setPref(KEYS[name], value);
}

export function stepFont(step) {
  const next = Math.min(MAX_SIZE, Math.max(MIN_SIZE, prefs.fontSize + step));
  return setPref("fontSize", next);
}
