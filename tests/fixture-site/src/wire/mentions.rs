//! The wire's search corpus: articles made of sentences that name things in
//! the forms Arabic gives them — a name after ب ل ك ف و and their pairs
//! (بكوريا، وبالصين، للبنان), the accusative tanween (صاروخاً، صاروخًا),
//! duals and plurals sound and broken (جنديان، جنود، مهندسين، طائرات), numbers
//! printed four ways (12,000 · 12000 · ١٢٬٠٠٠ · ١٢٠٠٠), two-word names
//! (كوريا الشمالية، مجلس الأمن) beside sentences where their words stand apart
//! (الحدود الشمالية، قوات الأمن، الولايات المتحدة).
//!
//! Each sentence records the thing it names (a `Concept`), and that record
//! is the judgement: an article is relevant to a query exactly when it names
//! one of the query's concepts (`tests/integration/tests/search_wire.rs`).
//! Nothing is judged by hand.

use super::text::{number, spelling_variant, Rng};

/// Something an article can name, in every form it may take.
#[derive(Debug, Clone)]
pub struct Concept {
    pub id: &'static str,
    /// Its dictionary form.
    pub lemma: &'static str,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A place without the article (روسيا), or with it (الصين), or of two
    /// words (كوريا الشمالية).
    Place,
    /// A noun and its forms: singular, dual, plural (sound or broken), and
    /// the accusative with tanween.
    Noun {
        dual: &'static str,
        plural: &'static str,
    },
    /// A number.
    Number(u64),
    /// A name of two words whose words are common alone (مجلس الأمن).
    Name,
}

pub const PLACES: &[(&str, &str)] = &[
    ("russia", "روسيا"),
    ("ukraine", "أوكرانيا"),
    ("france", "فرنسا"),
    ("germany", "ألمانيا"),
    ("turkey", "تركيا"),
    ("iran", "إيران"),
    ("egypt", "مصر"),
    ("qatar", "قطر"),
    ("spain", "إسبانيا"),
    ("italy", "إيطاليا"),
    ("lebanon", "لبنان"),
    ("libya", "ليبيا"),
    ("britain", "بريطانيا"),
    ("tunisia", "تونس"),
    ("syria", "سوريا"),
    ("china", "الصين"),
    ("india", "الهند"),
    ("iraq", "العراق"),
    ("sudan", "السودان"),
    ("jordan", "الأردن"),
    ("north-korea", "كوريا الشمالية"),
    ("south-korea", "كوريا الجنوبية"),
];

/// Nouns: singular, dual (nominative), plural.
pub const NOUNS: &[(&str, &str, &str, &str)] = &[
    ("soldier", "جندي", "جنديان", "جنود"),
    ("engineer", "مهندس", "مهندسان", "مهندسون"),
    ("plane", "طائرة", "طائرتان", "طائرات"),
    ("ship", "سفينة", "سفينتان", "سفن"),
    ("minister", "وزير", "وزيران", "وزراء"),
    ("school", "مدرسة", "مدرستان", "مدارس"),
    ("leader", "قائد", "قائدان", "قادة"),
    ("letter", "رسالة", "رسالتان", "رسائل"),
    ("hospital", "مستشفى", "مستشفيان", "مستشفيات"),
    ("missile", "صاروخ", "صاروخان", "صواريخ"),
    ("agreement", "اتفاق", "اتفاقان", "اتفاقات"),
    ("project", "مشروع", "مشروعان", "مشاريع"),
    ("teacher", "معلم", "معلمان", "معلمون"),
    ("company", "شركة", "شركتان", "شركات"),
];

pub const NUMBERS: &[u64] = &[12_000, 1_001, 250_000, 7_500, 48_000, 3_200_000];

pub const NAMES: &[(&str, &str)] = &[
    ("security-council", "مجلس الأمن"),
    ("united-nations", "الأمم المتحدة"),
    ("red-cross", "الصليب الأحمر"),
];

/// Every concept.
pub fn concepts() -> Vec<Concept> {
    let mut out = Vec::new();
    for (id, lemma) in PLACES {
        out.push(Concept {
            id,
            lemma,
            kind: Kind::Place,
        });
    }
    for (id, lemma, dual, plural) in NOUNS {
        out.push(Concept {
            id,
            lemma,
            kind: Kind::Noun { dual, plural },
        });
    }
    for n in NUMBERS {
        out.push(Concept {
            id: Box::leak(format!("n{n}").into_boxed_str()),
            lemma: Box::leak(n.to_string().into_boxed_str()),
            kind: Kind::Number(*n),
        });
    }
    for (id, lemma) in NAMES {
        out.push(Concept {
            id,
            lemma,
            kind: Kind::Name,
        });
    }
    out
}

/// A place (or a two-word name) with one or two letters in front: the
/// first word takes them; a name with the article keeps it (بالصين), and
/// ل with the article is لل.
pub fn attached(name: &str, front: &str) -> String {
    let (first, rest) = name.split_once(' ').map_or((name, ""), |(a, b)| (a, b));
    let joined = match first.strip_prefix("ال") {
        Some(bare) if front.ends_with('ل') => format!("{front}ل{bare}"),
        _ => format!("{front}{first}"),
    };
    if rest.is_empty() {
        joined
    } else {
        format!("{joined} {rest}")
    }
}

/// What is in front of a name, and the sentence around it (`@` is the name).
const PLACE_SENTENCES: &[(&str, &str)] = &[
    ("", "وقالت مصادر رسمية إن @ تدرس الخطوة الجديدة."),
    ("ب", "وعُقد اجتماع @ لبحث الأزمة الراهنة."),
    ("ل", "ووجّه المنظمون دعوة رسمية @ للمشاركة في المؤتمر."),
    ("و", "وشاركت فرق من الجوار @ في التدريبات المشتركة."),
    ("وب", "وفي العاصمة @ جرت مظاهرات واسعة."),
    ("ول", "وقدّمت الحكومة دعماً للشركاء @ أيضاً."),
    ("ف", "@ تبقى من أبرز الأطراف في الملف."),
    ("فب", "أما الاجتماع الثاني @ فقد تأجل."),
];

/// The accusative with its tanween, as sites write it: on the alef or
/// before it (صاروخاً، صاروخًا), on a final ة or ى without one (طائرةً).
pub fn accusative(lemma: &str, on_alef: bool) -> String {
    if lemma.ends_with('ة') || lemma.ends_with('ى') {
        format!("{lemma}\u{064B}")
    } else if on_alef {
        format!("{lemma}ا\u{064B}")
    } else {
        format!("{lemma}\u{064B}ا")
    }
}

/// A sentence naming a noun in one of its forms.
fn noun_sentence(r: &mut Rng, lemma: &str, dual: &str, plural: &str) -> String {
    let count = number(2 + r.below(900) as u64, r.below(4));
    match r.below(8) {
        0 => format!("وأوضح التقرير أن {lemma} واحداً على الأقل شارك في المهمة."),
        1 => format!("وتحدث البيان عن {dual} في موقع الحادث."),
        2 => format!("وقال المتحدث إن {count} من ال{plural} وصلوا صباح اليوم."),
        3 => format!("وتضم القائمة {plural} من عدة مناطق."),
        4 | 5 => format!(
            "وأعلنت السلطات {} في إطار الخطة.",
            accusative(lemma, r.below(2) == 0)
        ),
        6 => format!("ووجّهت الوزارة شكراً لل{plural} المعنيين."),
        _ => format!("وأكد المسؤول أن ال{lemma} تعمل بكامل طاقتها."),
    }
}

fn number_sentence(r: &mut Rng, n: u64) -> String {
    let form = number(n, r.below(4));
    match r.below(3) {
        0 => format!("وبلغت قيمة الصفقة {form} دولار وفق الأرقام الرسمية."),
        1 => format!("وشارك في الفعالية نحو {form} شخص."),
        _ => format!("وسجلت الإحصاءات و{form} حالة خلال الشهر."),
    }
}

const NAME_SENTENCES: &[&str] = &[
    "ودعا @ إلى وقف التصعيد فوراً.",
    "وطالبت وفود عدة بعقد جلسة طارئة في @ الأسبوع المقبل.",
];

/// Sentences that hold the words of the two-word names apart, and the
/// second word of the Koreas alone: a search for the name must rank them
/// after the articles that name it.
const APART: &[&str] = &[
    "وانتشرت قوات الأمن في الشوارع، وعقد مجلس النواب جلسة مسائية.",
    "وتواصل الولايات المتحدة دعمها، فيما حذّرت الأمم من مخاطر الجوع.",
    "وعلى الحدود الشمالية تواصلت الدوريات، فيما بقيت الحدود الجنوبية هادئة.",
    "وأقيم معرض للفنون في القاعة الحمراء، ووصل الصليب الطبي إلى المدينة.",
];

/// One article of the corpus: its headline, paragraphs and the concepts
/// it names.
#[derive(Debug, Clone)]
pub struct MentionArticle {
    pub n: usize,
    pub title: String,
    pub paragraphs: Vec<String>,
    pub concepts: Vec<&'static str>,
}

/// Article n of the corpus of `seed`: four to seven sentences, each naming
/// one concept in one form (chosen by the seeded generator), and one
/// sentence in four that holds name words apart.
pub fn article(seed: u64, n: usize) -> MentionArticle {
    let mut r = Rng::new(seed ^ (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5EA5);
    let all = concepts();
    let mut sentences = Vec::new();
    let mut named: Vec<&'static str> = Vec::new();
    for _ in 0..4 + r.below(4) {
        let c = &all[r.below(all.len())];
        let sentence = match &c.kind {
            Kind::Place => {
                let (front, template) = PLACE_SENTENCES[r.below(PLACE_SENTENCES.len())];
                let mut name = attached(c.lemma, front);
                // Some sites spell it otherwise (ة/ه, ى/ي, أ/ا).
                if r.below(5) == 0 {
                    name = spelling_variant(&name);
                }
                template.replace('@', &name)
            }
            Kind::Noun { dual, plural } => noun_sentence(&mut r, c.lemma, dual, plural),
            Kind::Number(v) => number_sentence(&mut r, *v),
            Kind::Name => NAME_SENTENCES[r.below(NAME_SENTENCES.len())].replace('@', c.lemma),
        };
        sentences.push(sentence);
        if !named.contains(&c.id) {
            named.push(c.id);
        }
    }
    if r.below(4) == 0 {
        sentences.push(APART[r.below(APART.len())].to_string());
    }
    // Two paragraphs, the headline from the first sentence.
    let half = sentences.len() / 2;
    let title: String = sentences[0]
        .trim_start_matches('و')
        .split_whitespace()
        .take(7)
        .collect::<Vec<_>>()
        .join(" ");
    MentionArticle {
        n,
        title,
        paragraphs: vec![sentences[..half].join(" "), sentences[half..].join(" ")],
        concepts: named,
    }
}
