// Arabic UI strings, and messages for the error codes the app's commands
// return ({code, message}). English follows the same table in a later step.
export const t = {
  home: "الرئيسية",
  unread: "غير مقروء",
  bookmarks: "المحفوظات",
  sync: "مزامنة",
  syncing: "جارٍ المزامنة…",
  syncDone: (n) => (n === 0 ? "لا أخبار جديدة" : `تمت المزامنة: ${plural(n, "خبر جديد", "خبران جديدان", "أخبار جديدة", "خبراً جديداً")}`),
  syncPartial: (failed) => `تعذّر تحديث ${plural(failed, "مصدر واحد", "مصدرين", "مصادر", "مصدراً")}`,
  syncUnreachable: "تعذّر الوصول إلى الموقع. الأخبار المحفوظة متاحة للقراءة دون اتصال.",
  syncBusy: "المزامنة جارية بالفعل",
  syncProgress: (done, total, fresh) =>
    `${num(done)} من ${num(total)} مصادر` + (fresh ? ` · ${plural(fresh, "خبر جديد", "خبران جديدان", "أخبار جديدة", "خبراً جديداً")}` : ""),
  syncCancelled: "أُوقفت المزامنة",
  sourceOk: (when) => `آخر تحديث ${when}`,
  sourceNever: "لم يُحدَّث بعد",
  sourceAdded: (name) => `أُضيف المصدر: ${name}`,
  sourceRemove: "إزالة المصدر",
  sourceEnabled: "مفعّل",
  sourceFailed: (when) => `تعذّر التحديث${when ? ` (آخر نجاح ${when})` : ""}`,
  emptyList: "لا توجد أخبار هنا بعد. اضغط «مزامنة» لجلب الأخبار.",
  emptyBookmarks: "لم تحفظ أي خبر بعد.",
  emptyUnread: "قرأت كل شيء هنا.",
  pickArticle: "اختر خبراً من القائمة لقراءته",
  bookmark: "حفظ",
  bookmarked: "محفوظ",
  share: "مشاركة",
  copyLink: "نسخ الرابط",
  copyTitleLink: "نسخ العنوان والرابط",
  copied: "تم النسخ",
  markedAllRead: (n) => `عُلِّم ${plural(n, "خبر واحد", "خبران", "أخبار", "خبراً")} كمقروء`,
  undo: "تراجع",
  openInBrowser: "فتح في المتصفح",
  seeAlso: "شاهد أيضاً",
  related: "أخبار ذات صلة",
  count: (n) => plural(n, "خبر واحد", "خبران", "أخبار", "خبراً"),
  targets: {
    whatsapp: "واتساب",
    telegram: "تيليغرام",
    x: "إكس (تويتر)",
    facebook: "فيسبوك",
    linkedin: "لينكدإن",
    email: "البريد الإلكتروني",
  },
  errors: {
    network: "تعذّر الاتصال بالشبكة",
    timeout: "انتهت مهلة الاتصال",
    http_status: "أجاب الخادم بخطأ",
    too_large: "المحتوى أكبر من الحد المسموح",
    feed_parse: "تعذّرت قراءة الخلاصة",
    extract: "تعذّرت قراءة صفحة الخبر",
    invalid_input: "طلب غير صالح",
    not_found: "الخبر غير موجود",
    database: "خطأ في قاعدة البيانات",
    io: "خطأ في الملفات",
    sync_busy: "المزامنة جارية بالفعل",
    cancelled: "أُلغيت المزامنة",
    clipboard: "تعذّر النسخ إلى الحافظة",
    open: "تعذّر فتح الرابط",
    unknown: "حدث خطأ غير متوقع",
  },
};

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

// Numerals of the interface: Latin (0-9) or Arabic-Indic (٠-٩), as the
// reader prefers. Article text keeps the digits it was written with.
let digits = "latn";
export function setDigits(d) {
  digits = d === "arab" ? "arab" : "latn";
}
export const numerals = () => digits;
export function num(n) {
  const s = String(n);
  return digits === "arab" ? s.replace(/[0-9]/g, (d) => "٠١٢٣٤٥٦٧٨٩"[d]) : s;
}

export function errorMessage(err) {
  const code = err && typeof err === "object" ? err.code : null;
  return t.errors[code] || t.errors.unknown;
}
