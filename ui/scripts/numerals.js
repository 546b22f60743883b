// Numbers of the interface: Latin (0-9) or Arabic-Indic (٠-٩), as the
// reader prefers, and Arabic counted nouns. Article text keeps the digits it
// was written with. No DOM here: tests/ui runs this under Node.

let digits = "latn";
export function setDigits(d) {
  digits = d === "arab" ? "arab" : "latn";
}
export const numerals = () => digits;

export function num(n) {
  const s = String(n);
  return digits === "arab" ? s.replace(/[0-9]/g, (d) => "٠١٢٣٤٥٦٧٨٩"[d]) : s;
}

/** Arabic counted noun: 1 and 2 have their own words, 3–10 take the
 *  plural, 11–99 the accusative singular, and 100, 101, 102… the genitive
 *  singular (the accusative without its tanween). */
export function plural(n, one, two, few, many) {
  if (n === 1) return one;
  if (n === 2) return two;
  const mod = n % 100;
  if (mod >= 3 && mod <= 10) return `${num(n)} ${few}`;
  if (mod >= 11) return `${num(n)} ${many}`;
  return `${num(n)} ${many.replace(/اً/g, "")}`;
}
