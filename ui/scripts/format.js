// Dates as the reader expects them: "منذ ساعتين" in lists, then a full date
// in the interface language, calendar and numerals.
import { t, numerals } from "./i18n.js";

// Gregorian, or the Hijri (Umm al-Qura) calendar, as the reader prefers.
let calendar = "gregory";
export function setCalendar(c) {
  calendar = c === "islamic" ? "islamic" : "gregory";
}

const UNITS = [
  [60, "minute"],
  [24, "hour"],
  [7, "day"],
];

export function relativeTime(unixSeconds, now = Date.now()) {
  if (!unixSeconds) return "";
  const minutes = Math.floor((now / 1000 - unixSeconds) / 60);
  if (minutes < 1) return t.now;
  let value = minutes;
  for (const [limit, unit] of UNITS) {
    if (value < limit) return t.ago(value, unit);
    value = Math.floor(value / limit);
  }
  return fullDate(unixSeconds);
}

const formats = new Map();
export function fullDate(unixSeconds) {
  if (!unixSeconds) return "";
  const locale =
    calendar === "islamic"
      ? `${t.hijriLocale}-u-ca-islamic-umalqura-nu-${numerals()}`
      : `${t.dateLocale}-u-nu-${numerals()}`;
  // Building a DateTimeFormat is slow; a list draws many dates.
  let f = formats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", hour: "numeric", minute: "2-digit" });
    formats.set(locale, f);
  }
  return f.format(new Date(unixSeconds * 1000));
}
