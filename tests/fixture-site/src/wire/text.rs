//! The words of the wire: Arabic news text made by rule from a seed, so
//! tests read text nobody tuned the app to. Headlines and paragraphs are
//! put together from the slots below; numbers come in the forms Arabic
//! sites print (Latin and Arabic-Indic digits, with and without grouping).

/// A deterministic generator (splitmix64): the same seed gives the same
/// wire on every run and every machine.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }
}

pub const COUNTRIES: &[&str] = &[
    "روسيا",
    "أوكرانيا",
    "الصين",
    "الولايات المتحدة",
    "فرنسا",
    "ألمانيا",
    "تركيا",
    "إيران",
    "مصر",
    "السعودية",
    "الإمارات",
    "قطر",
    "اليابان",
    "كوريا الجنوبية",
    "كوريا الشمالية",
    "الهند",
    "البرازيل",
    "بريطانيا",
    "إسبانيا",
    "إيطاليا",
    "المغرب",
    "الجزائر",
    "تونس",
    "الأردن",
    "لبنان",
    "العراق",
    "سوريا",
    "ليبيا",
    "السودان",
    "اليمن",
];

/// The countries' English names, in the same order (original headlines).
pub const COUNTRIES_EN: &[&str] = &[
    "Russia",
    "Ukraine",
    "China",
    "The US",
    "France",
    "Germany",
    "Turkey",
    "Iran",
    "Egypt",
    "Saudi Arabia",
    "The UAE",
    "Qatar",
    "Japan",
    "South Korea",
    "North Korea",
    "India",
    "Brazil",
    "Britain",
    "Spain",
    "Italy",
    "Morocco",
    "Algeria",
    "Tunisia",
    "Jordan",
    "Lebanon",
    "Iraq",
    "Syria",
    "Libya",
    "Sudan",
    "Yemen",
];

pub const CITIES: &[&str] = &[
    "موسكو",
    "كييف",
    "بكين",
    "واشنطن",
    "باريس",
    "برلين",
    "أنقرة",
    "طهران",
    "القاهرة",
    "الرياض",
    "أبوظبي",
    "الدوحة",
    "طوكيو",
    "سول",
    "بيونغ يانغ",
    "نيودلهي",
    "برازيليا",
    "لندن",
    "مدريد",
    "روما",
    "الرباط",
    "الجزائر العاصمة",
    "تونس العاصمة",
    "عمّان",
    "بيروت",
    "بغداد",
    "دمشق",
    "طرابلس",
    "الخرطوم",
    "صنعاء",
];

/// Verbs a country (grammatically feminine) is the subject of.
pub const COUNTRY_VERBS: &[&str] = &[
    "تعلن",
    "تفرض",
    "ترفض",
    "تطلق",
    "تبحث",
    "تحذّر من",
    "تقرّ",
    "تعلّق",
    "تدرس",
    "تستأنف",
];

/// Officials, in the construct form that takes a country after it, with a
/// masculine or feminine verb form.
pub const OFFICIALS: &[(&str, bool)] = &[
    ("رئيس وزراء", false),
    ("وزير خارجية", false),
    ("وزير دفاع", false),
    ("وزيرة مالية", true),
    ("رئيسة برلمان", true),
    ("محافظ البنك المركزي في", false),
    ("المتحدث باسم حكومة", false),
];

pub const OFFICIAL_VERBS_M: &[&str] =
    &["يعلن", "يبحث", "يرفض", "يزور", "يحذّر من", "يدعو إلى", "يقرّ"];
pub const OFFICIAL_VERBS_F: &[&str] =
    &["تعلن", "تبحث", "ترفض", "تزور", "تحذّر من", "تدعو إلى", "تقرّ"];

pub const OBJECTS: &[&str] = &[
    "عقوبات جديدة",
    "خطة لخفض الانبعاثات",
    "اتفاقية تجارية",
    "صفقة أسلحة",
    "موازنة العام المقبل",
    "حزمة مساعدات",
    "مفاوضات السلام",
    "إصلاحات ضريبية",
    "إجراءات لمكافحة التضخم",
    "قانوناً للهجرة",
    "مشروعاً للطاقة الشمسية",
    "تعديلات على الدستور",
    "اتفاقاً لتبادل الأسرى",
    "برنامجاً لدعم الشركات الناشئة",
    "هدنة إنسانية",
];

pub const EVENTS: &[&str] = &[
    "انفجار",
    "فيضانات",
    "زلزال",
    "حريق",
    "انهيار مبنى",
    "حادث سير",
    "عاصفة ثلجية",
    "موجة حر",
];

pub const SECTORS: &[&str] = &[
    "أسعار النفط",
    "البورصة",
    "أسعار الذهب",
    "معدل البطالة",
    "صادرات القمح",
    "مبيعات السيارات الكهربائية",
    "أسعار المساكن",
    "الاستثمار الأجنبي",
];

pub const MOVES: &[&str] = &["ترتفع", "تنخفض", "تستقر", "تتراجع", "تقفز"];

pub const SOURCES: &[&str] = &[
    "وكالة رويترز",
    "وكالة الصحافة الفرنسية",
    "وكالة أسوشيتد برس",
    "مصادر رسمية",
    "التلفزيون الرسمي",
    "صحيفة محلية",
    "شهود عيان",
];

pub const MONTHS: &[&str] = &[
    "يناير/كانون الثاني",
    "فبراير/شباط",
    "مارس/آذار",
    "أبريل/نيسان",
    "مايو/أيار",
    "يونيو/حزيران",
    "يوليو/تموز",
    "أغسطس/آب",
    "سبتمبر/أيلول",
    "أكتوبر/تشرين الأول",
    "نوفمبر/تشرين الثاني",
    "ديسمبر/كانون الأول",
];

pub const WEEKDAYS: &[&str] = &[
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "الأحد",
];

/// A number as a news site prints it: `12,000`, `12000`, `١٢٬٠٠٠` or
/// `١٢٠٠٠`, by `style` (0–3).
pub fn number(n: u64, style: usize) -> String {
    let digits = n.to_string();
    let grouped = |sep: char| {
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(c);
        }
        out
    };
    let latin = match style % 4 {
        0 | 2 => grouped(','),
        _ => digits.clone(),
    };
    if style % 4 >= 2 {
        latin
            .chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(0x0660 + (c as u32 - '0' as u32)).unwrap_or(c),
                ',' => '٬',
                other => other,
            })
            .collect()
    } else {
        latin
    }
}

/// The same words spelt as some sites spell them: taa marbuta written as
/// haa, alef maqsura as yaa, hamzated alefs as bare alef.
pub fn spelling_variant(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ة' => 'ه',
            'ى' => 'ي',
            'أ' | 'إ' => 'ا',
            other => other,
        })
        .collect()
}
