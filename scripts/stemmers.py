"""Search quality of established Arabic stemmers on the wire's search corpus.

Reads target/search-quality/wire.json (written by the search_wire test:
1,500 articles made by rule, 204 queries made by rule, each with the
articles relevant to it by rule), builds one SQLite FTS5 index per stemmer
over the same articles, and asks every query the same way: the query's
words stemmed alike, all required, bm25 with the headline weighted most.
Each stemmer sees the same normalised text (harakat and tatweel gone; أ إ آ
as ا, ى as ي, ة as ه; Arabic-Indic digits as Latin), as this app's own
stemmer does. Prints a Markdown table: recall (of the relevant articles,
the share found), precision (of the first page of 30 results, the share
relevant), precision of all results, and nDCG@10.
"""

import json
import math
import re
import sqlite3
import sys

from nltk.stem.arlstem import ARLSTem
from nltk.stem.arlstem2 import ARLSTem2
from nltk.stem.isri import ISRIStemmer
import snowballstemmer
from tashaphyne.stemming import ArabicLightStemmer

PAGE = 30
HARAKAT = re.compile("[\u064B-\u0655\u0670\u0640]")
WORD = re.compile(r"\w+")


def normalise(text):
    text = HARAKAT.sub("", text)
    table = str.maketrans("أإآٱىة" + "٠١٢٣٤٥٦٧٨٩", "اااايه" + "0123456789")
    return text.translate(table).lower()


def tashaphyne():
    s = ArabicLightStemmer()

    def stem(w):
        s.light_stem(w)
        return s.get_stem()

    return stem


def snowball():
    s = snowballstemmer.stemmer("arabic")
    return s.stemWord


STEMMERS = {
    "ISRI (NLTK)": ISRIStemmer().stem,
    "ARLSTem (NLTK)": ARLSTem().stem,
    "ARLSTem2 (NLTK)": ARLSTem2().stem,
    "Tashaphyne light": tashaphyne(),
    "Snowball Arabic": snowball(),
    "none": lambda w: w,
}


def terms(text, stem):
    return " ".join(stem(w) or w for w in WORD.findall(normalise(text)))


def quote(t):
    return '"' + t.replace('"', '""') + '"'


def evaluate(data, stem):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE f USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0')")
    for a in data["articles"]:
        db.execute(
            "INSERT INTO f (rowid, title, body) VALUES (?, ?, ?)",
            (a["id"], terms(a["title"], stem), terms(a["body"], stem)),
        )
    relevant_total = found = shown = shown_relevant = returned = 0
    ndcg = 0.0
    for q in data["queries"]:
        relevant = set(q["relevant"])
        words = terms(q["q"], stem).split()
        ranked = []
        if words:
            expr = " AND ".join(quote(w) for w in words)
            ranked = [r[0] for r in db.execute(
                "SELECT rowid FROM f WHERE f MATCH ? ORDER BY bm25(f, 10.0, 1.0)", (expr,))]
        relevant_total += len(relevant)
        found += sum(1 for r in ranked if r in relevant)
        returned += len(ranked)
        page = ranked[:PAGE]
        shown += len(page)
        shown_relevant += sum(1 for r in page if r in relevant)
        dcg = sum(1 / math.log2(i + 2) for i, r in enumerate(ranked[:10]) if r in relevant)
        ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), 10)))
        ndcg += dcg / ideal if ideal else 1.0
    n = len(data["queries"])
    return (
        found / max(relevant_total, 1),
        shown_relevant / shown if shown else 1.0,
        found / returned if returned else 1.0,
        ndcg / n,
    )


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "target/search-quality/wire.json"
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    print(f"{len(data['articles'])} articles, {len(data['queries'])} queries\n")
    print("| stemmer | recall | precision (first page) | precision (all results) | nDCG@10 |")
    print("|---|---|---|---|---|")
    app = data["app"]
    print(f"| this app (light10 + readings) | {app['recall']:.3f} | {app['precision']:.3f} | {app['precision_all']:.3f} | {app['ndcg10']:.3f} |")
    for name, stem in STEMMERS.items():
        r, p, pa, nd = evaluate(data, stem)
        print(f"| {name} | {r:.3f} | {p:.3f} | {pa:.3f} | {nd:.3f} |")


if __name__ == "__main__":
    main()
