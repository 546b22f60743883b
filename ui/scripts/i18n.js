// The interface language: one table per language (ui/i18n/), Arabic by
// default. `t` is the live table; the static text of index.html names its
// keys in data-i18n attributes and is filled in by applyStatic().
import ar from "../i18n/ar.js";
import en from "../i18n/en.js";

export { plural, num, numerals, setDigits } from "./numerals.js";

export const LANGUAGES = { ar, en };
export let t = ar;

/** Looks a dotted key up in the table ("keys.next"). */
function lookup(key) {
  return key.split(".").reduce((o, k) => (o == null ? undefined : o[k]), t);
}

function text(el, key, arg) {
  const v = lookup(key);
  if (typeof v === "function") return v(arg === undefined ? undefined : Number(arg));
  if (typeof v === "string") return v;
  console.warn(`no text for ${key}`);
  return key;
}

const ATTRS = [
  ["i18nLabel", "aria-label"],
  ["i18nPlaceholder", "placeholder"],
  ["i18nTitle", "title"],
];

export function applyStatic(root = document) {
  for (const el of root.querySelectorAll("[data-i18n]")) {
    el.textContent = text(el, el.dataset.i18n, el.dataset.i18nArg);
  }
  for (const [data, attr] of ATTRS) {
    const sel = `[data-${data.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}]`;
    for (const el of root.querySelectorAll(sel)) el.setAttribute(attr, text(el, el.dataset[data]));
  }
}

export function setLanguage(lang) {
  t = LANGUAGES[lang] || ar;
  const html = document.documentElement;
  html.lang = t.lang;
  html.dir = t.dir;
  document.title = t.appName;
  applyStatic();
}

export const language = () => t.lang;

export function errorMessage(err) {
  const code = err && typeof err === "object" ? err.code : null;
  return t.errors[code] || t.errors.unknown;
}
