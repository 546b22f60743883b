// The interface's text and number logic, under Node (no window needed):
// both language tables name the same keys, every key the page and the
// scripts use exists, and Arabic counting and dates come out right.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import ar from "../../ui/i18n/ar.js";
import en from "../../ui/i18n/en.js";
import { plural, num, setDigits } from "../../ui/scripts/numerals.js";
import { relativeTime, fullDate, setCalendar } from "../../ui/scripts/format.js";
import * as i18n from "../../ui/scripts/i18n.js";

const ui = new URL("../../ui/", import.meta.url);

function shape(table, prefix = "") {
  return Object.entries(table).flatMap(([k, v]) =>
    v && typeof v === "object" ? shape(v, `${prefix}${k}.`) : [`${prefix}${k}:${typeof v}`],
  );
}

const get = (table, key) => key.split(".").reduce((o, k) => o?.[k], table);

test("Arabic and English tables name the same keys, of the same kinds", () => {
  assert.deepEqual(shape(en).sort(), shape(ar).sort());
});

test("every key the page names is in both tables", () => {
  const html = readFileSync(new URL("index.html", ui), "utf8");
  const keys = [...html.matchAll(/data-i18n(?:-label|-placeholder|-title)?="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(keys.length > 40, `only ${keys.length} keys found`);
  for (const key of keys) {
    for (const table of [ar, en]) assert.ok(get(table, key) !== undefined, `${table.lang}: ${key}`);
  }
});

test("every t.key the scripts use is in both tables", () => {
  const dir = new URL("scripts/", ui);
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".js"))) {
    const src = readFileSync(new URL(file, dir), "utf8");
    for (const [, key] of src.matchAll(/\bt\.([a-zA-Z]+)/g)) {
      for (const table of [ar, en]) assert.ok(key in table, `${file}: t.${key} missing in ${table.lang}`);
    }
  }
});

test("every error code the app returns has a message", () => {
  const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
  const core = read("core/src/error.rs");
  const shell = read("src-tauri/src/commands.rs") + read("src-tauri/src/tray.rs");
  // What a sync server's answer means (Error::Server's codes).
  const servers = read("core/src/accounts/http.rs") + read("core/src/accounts/secrets.rs");
  const codes = [
    ...[...core.matchAll(/=> "([a-z_]+)"/g)].map((m) => m[1]),
    ...[...servers.matchAll(/pub const [A-Z_]+: &str = "([a-z_]+)"/g)].map((m) => m[1]),
    ...[...shell.matchAll(/code: "([a-z_]+)"/g)].map((m) => m[1]),
  ];
  assert.ok(codes.length >= 10, `codes: ${codes}`);
  for (const code of codes) {
    for (const table of [ar, en]) assert.ok(table.errors[code], `${table.lang}: ${code}`);
  }
});

test("Arabic counted nouns follow the number", () => {
  const news = (n) => plural(n, "خبر واحد", "خبران", "أخبار", "خبراً");
  assert.equal(news(1), "خبر واحد");
  assert.equal(news(2), "خبران");
  assert.equal(news(3), "3 أخبار");
  assert.equal(news(10), "10 أخبار");
  assert.equal(news(11), "11 خبراً");
  assert.equal(news(99), "99 خبراً");
  assert.equal(news(100), "100 خبر");
  assert.equal(news(102), "102 خبر");
  assert.equal(news(103), "103 أخبار");
  assert.equal(news(111), "111 خبراً");
  assert.equal(news(1000), "1000 خبر");
});

test("Arabic-Indic numerals when chosen", () => {
  setDigits("arab");
  try {
    assert.equal(num(2026), "٢٠٢٦");
    assert.equal(ar.count(36), "٣٦ خبراً");
  } finally {
    setDigits("latn");
  }
  assert.equal(ar.count(36), "36 خبراً");
  assert.equal(en.count(1), "1 story");
  assert.equal(en.count(36), "36 stories");
});

test("relative times in both languages", () => {
  const now = Date.UTC(2026, 10, 26, 12, 0, 0);
  const ago = (minutes) => now / 1000 - minutes * 60;
  assert.equal(relativeTime(ago(0.5), now), "الآن");
  assert.equal(relativeTime(ago(1), now), "منذ دقيقة");
  assert.equal(relativeTime(ago(2), now), "منذ دقيقتين");
  assert.equal(relativeTime(ago(5), now), "منذ 5 دقائق");
  assert.equal(relativeTime(ago(45), now), "منذ 45 دقيقة");
  assert.equal(relativeTime(ago(120), now), "منذ ساعتين");
  assert.equal(relativeTime(ago(11 * 60), now), "منذ 11 ساعة");
  assert.equal(relativeTime(ago(24 * 60), now), "منذ يوم");
  assert.equal(relativeTime(ago(3 * 24 * 60), now), "منذ 3 أيام");
  // A week or more: the date itself.
  assert.match(relativeTime(ago(8 * 24 * 60), now), /2026/);
  assert.equal(relativeTime(null, now), "");
  try {
    setEnglish();
    assert.equal(relativeTime(ago(1), now), "1 minute ago");
    assert.equal(relativeTime(ago(120), now), "2 hours ago");
    assert.equal(relativeTime(ago(0), now), "just now");
  } finally {
    setArabic();
  }
});

test("full dates: Gregorian in Arabic, Hijri on request", () => {
  const t = Date.UTC(2026, 10, 26, 9, 30) / 1000;
  assert.match(fullDate(t), /نوفمبر/);
  setCalendar("islamic");
  try {
    assert.match(fullDate(t), /هـ/);
  } finally {
    setCalendar("gregory");
  }
});

// setLanguage also sets the page's direction; under Node there is a stub
// document with nothing to translate.
function withDocument(fn) {
  globalThis.document ??= { documentElement: {}, querySelectorAll: () => [] };
  fn();
}
const setEnglish = () => withDocument(() => i18n.setLanguage("en"));
const setArabic = () => withDocument(() => i18n.setLanguage("ar"));

test("switching the language switches the table and the page's direction", () => {
  setEnglish();
  try {
    assert.equal(i18n.t.home, "Home");
    assert.equal(document.documentElement.dir, "ltr");
    assert.equal(i18n.errorMessage({ code: "timeout" }), "The connection timed out");
  } finally {
    setArabic();
  }
  assert.equal(i18n.t.home, "الرئيسية");
  assert.equal(document.documentElement.dir, "rtl");
  assert.equal(i18n.errorMessage({ code: "no_such_code" }), "حدث خطأ غير متوقع");
  assert.equal(i18n.errorMessage("not an object"), "حدث خطأ غير متوقع");
});
