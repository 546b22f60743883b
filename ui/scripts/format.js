// Dates as an Arabic reader expects them: "منذ ساعتين", then a full date.
import { plural, numerals } from "./i18n.js";

// Gregorian, or the Hijri (Umm al-Qura) calendar, as the reader prefers.
let calendar = "gregory";
export function setCalendar(c) {
  calendar = c === "islamic" ? "islamic" : "gregory";
}

const UNITS = [
  [60, "دقيقة", "دقيقتين", "دقائق", "دقيقة"],
  [24, "ساعة", "ساعتين", "ساعات", "ساعة"],
  [7, "يوم", "يومين", "أيام", "يوماً"],
];

export function relativeTime(unixSeconds, now = Date.now()) {
  if (!unixSeconds) return "";
  const minutes = Math.floor((now / 1000 - unixSeconds) / 60);
  if (minutes < 1) return "الآن";
  let value = minutes;
  for (const [limit, one, two, few, many] of UNITS) {
    if (value < limit) {
      if (value === 1) return `منذ ${one}`;
      if (value === 2) return `منذ ${two}`;
      return `منذ ${plural(value, one, two, few, many)}`;
    }
    value = Math.floor(value / limit);
  }
  return fullDate(unixSeconds);
}

export function fullDate(unixSeconds) {
  if (!unixSeconds) return "";
  const locale = calendar === "islamic" ? `ar-SA-u-ca-islamic-umalqura-nu-${numerals()}` : `ar-EG-u-nu-${numerals()}`;
  return new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
  }).format(new Date(unixSeconds * 1000));
}
