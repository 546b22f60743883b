#!/usr/bin/env python3
"""Search quality on real Arabic newspaper text, beside plain FTS5.

The corpus is SaudiNewsNet (Alhagri 2015, github.com/parallelfold/SaudiNewsNet,
CC BY-NC-SA 4.0: 31,030 articles of 14 Saudi newspapers, for research in Arabic
computing). It is read where it lies: a directory of its dated ZIP files, or
the git directory of a copy of the repository (the ZIPs read with `git show`).
Nothing of it is copied into this project.

Queries are made by rule and judged by a written rule that uses nothing of the
app (not its normaliser, not its stemmer, not its readings):

- Folding (the judge's own): harakat, dagger alef and tatweel dropped;
  أ إ آ ٱ as ا, ى as ي, ة as ه; Arabic-Indic and Persian digits as 0-9.
  A word is a run of letters and digits (Python's \\w).
- A thing is named by a set of forms (places.tsv: a place's spellings;
  nouns.tsv: a noun's singular and plurals, with its dual and sound plural
  made by rule; pairs.tsv: two words; family names found in the corpus by
  the rule below). A word names a form when it is the form with nothing or
  one of و ف before, then nothing or one of ب ل ك, then the article ال (ل+ال
  written لل) where the form has none, and, for nouns only, one of the
  attached pronouns after (ه ها هم هما هن ك كم ي نا; ة written ت before
  them) or the accusative alef.
- An article (headline and text) is relevant to a query when it names the
  query's thing: a two-word name when its words stand next to each other, a
  number when the same number stands anywhere in it (grouping marks dropped,
  letters around it ignored: 2015م, لـ500; 715.1 is not 715).
- Family names: words of the form ال…ي standing in 8 articles or more, at
  least 60 % of the time right after one of the common given names below or
  بن. The 40 most frequent are asked for.
- Numbers: whole numbers of 3 to 6 digits standing in 5 to 150 articles; 20 spread
  over that range, each typed in Latin and Arabic-Indic digits, and, from
  1,000 up (years excepted), grouped both ways.

Measures, per query, then averaged per kind and over all: recall (relevant
articles among all results), P@10 (relevant among the first ten, out of ten or
of the relevant articles where fewer), nDCG@10 (binary gains). A query with
fewer than 3 relevant articles is left out.
"""

import argparse
import collections
import io
import json
import math
import os
import random
import re
import sqlite3
import subprocess
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
                      **{chr(0x660 + i): str(i) for i in range(10)},
                      **{chr(0x6F0 + i): str(i) for i in range(10)}})
WORD = re.compile(r"\w+")
GIVEN = set("""محمد احمد عبدالله خالد فهد سعد سعود عبدالعزيز عبدالرحمن علي عمر ناصر فيصل
سلطان صالح ابراهيم سلمان يوسف حسن حسين سامي ماجد بندر تركي مشعل نايف طلال منصور عادل ياسر
وليد هاني عبدالمحسن عبدالكريم عبدالاله مساعد متعب سلطان زياد ماجد راشد حمد مبارك بن""".split())
FRONT = ["", "و", "ف"]
PREP = ["", "ب", "ل", "ك"]
PRONOUNS = ["ه", "ها", "هم", "هما", "هن", "ك", "كم", "ي", "نا"]


def fold(text):
    return MARKS.sub("", text).translate(FOLD)


def read_tsv(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return [l.rstrip("\n").split("\t") for l in f if l.strip() and not l.startswith("#")]


def load_corpus(path):
    """Every article of the ZIPs at `path` (a directory or a git directory)."""
    blobs = []
    if os.path.isdir(os.path.join(path, "dataset")):
        d = os.path.join(path, "dataset")
        blobs = [open(os.path.join(d, n), "rb").read() for n in sorted(os.listdir(d)) if n.endswith(".zip")]
    elif os.path.isdir(path) and any(n.endswith(".zip") for n in os.listdir(path)):
        blobs = [open(os.path.join(path, n), "rb").read() for n in sorted(os.listdir(path)) if n.endswith(".zip")]
    else:
        names = subprocess.run(["git", "--git-dir", path, "ls-tree", "--name-only", "HEAD", "dataset/"],
                               check=True, capture_output=True, text=True).stdout.split()
        for n in names:
            if n.endswith(".zip"):
                blobs.append(subprocess.run(["git", "--git-dir", path, "show", "HEAD:" + n],
                                            check=True, capture_output=True).stdout)
    seen, out = set(), []
    for b in blobs:
        z = zipfile.ZipFile(io.BytesIO(b))
        for m in z.namelist():
            for a in json.loads(z.read(m)):
                key = a.get("url") or a.get("title")
                if key in seen or not (a.get("content") or "").strip():
                    continue
                seen.add(key)
                out.append(a)
    return out


def sample(articles, n):
    articles = sorted(articles, key=lambda a: (a.get("date_extracted", ""), a.get("url", "")))
    random.Random(29).shuffle(articles)
    return articles[:n]


def word_forms(form, noun):
    """Every way a word may carry `form` (folded) by the judge's rule."""
    base = [form]
    if noun:
        stem = form[:-1] + "ت" if form.endswith("ه") else form
        base += [stem + p for p in PRONOUNS]
        if not form.endswith(("ه", "ا", "ي")):
            base.append(form + "ا")
    out = set()
    definite = form.startswith("ال")
    for b in base:
        for f in FRONT:
            for p in PREP:
                out.add(f + p + b)
                if not definite:
                    out.add(f + p + ("ل" + b if p == "ل" else "ال" + b))
        if definite:
            for f in FRONT:
                out.add(f + "لل" + b[2:])
    return out


def noun_family(row):
    sg = fold(row[0])
    forms = {sg} | {fold(p) for p in row[1:]}
    stem = sg[:-1] + "ت" if sg.endswith("ه") else sg
    forms |= {stem + "ان", stem + "ين"}
    if sg.endswith("ه"):
        forms.add(sg[:-1] + "ات")
    return forms


NUMBER = re.compile(r"\d+(?:[.,٬٫]\d+)*")


def numbers_in(text):
    """The numbers of a text: grouping marks (, ٬, or . used more than once)
    between groups of three dropped; a number with a decimal part is not the
    integer before it (715.1 is not 715; 5.715.969 is 5715969)."""
    out = set()
    for m in NUMBER.findall(text):
        groups = re.split("[.,٬٫]", m)
        marks = re.findall("[.,٬٫]", m)
        grouping = all(c in ",٬" for c in marks) or (len(marks) > 1 and all(c == "." for c in marks))
        if grouping and all(len(g) == 3 for g in groups[1:]):
            out.add("".join(groups))
        else:
            out.add(m)
    return out


def to_indic(s):
    return s.translate(str.maketrans("0123456789,", "٠١٢٣٤٥٦٧٨٩٬"))


def make_queries(docs):
    """(kind, query, relevant set) by the rules above. `docs`: folded texts."""
    words = [set(WORD.findall(t)) for t in docs]
    index = collections.defaultdict(set)
    for i, ws in enumerate(words):
        for w in ws:
            index[w].add(i)

    def naming(forms):
        hit = set()
        for f in forms:
            hit |= index.get(f, set())
        return hit

    cases = []
    for row in read_tsv("places.tsv"):
        forms = set()
        for s in row:
            forms |= word_forms(fold(s), False)
        rel = naming(forms)
        typed = [row[0]]
        bare = row[0][2:] if row[0].startswith("ال") else None
        typed.append("ب" + row[0])
        typed.append("لل" + row[0][2:] if bare else "ل" + row[0])
        typed += row[1:]
        for q in typed:
            cases.append(("places", q, rel))
    for row in read_tsv("nouns.tsv"):
        forms = set()
        for f in noun_family(row):
            forms |= word_forms(f, True)
        rel = naming(forms)
        pl = row[1]
        for q in [row[0], pl, "ال" + pl]:
            cases.append(("nouns", q, rel))
    for row in read_tsv("pairs.tsv"):
        a, b = fold(row[0]).split()
        first = word_forms(a, False)
        rel = set()
        for i in naming(first) & naming({b}):
            ws = WORD.findall(docs[i])
            if any(ws[k] in first and ws[k + 1] == b for k in range(len(ws) - 1)):
                rel.add(i)
        cases.append(("two-word names", row[0], rel))
    # Family names.
    after = collections.Counter()
    total = collections.Counter()
    for t in docs:
        ws = WORD.findall(t)
        for k, w in enumerate(ws):
            if w.startswith("ال") and w.endswith("ي") and len(w) >= 6:
                total[w] += 1
                if k and ws[k - 1] in GIVEN:
                    after[w] += 1
    names = [w for w, c in total.items() if after[w] >= 0.6 * c and len(index[w]) >= 8]
    names.sort(key=lambda w: (-len(index[w]), w))
    for w in names[:40]:
        rel = naming(word_forms(w, False))
        cases.append(("family names", w, rel))
        cases.append(("family names", "ل" + w[1:] if w.startswith("ال") else "ل" + w, rel))
    # Numbers.
    nums = collections.defaultdict(set)
    for i, t in enumerate(docs):
        for n in numbers_in(t):
            if n.isdigit() and 3 <= len(n) <= 6 and not n.startswith("0"):
                nums[n].add(i)
    pool = sorted((n for n, s in nums.items() if 5 <= len(s) <= 150), key=lambda n: (-len(nums[n]), n))
    step = max(1, len(pool) // 20)
    for n in pool[::step][:20]:
        printings = [n, to_indic(n)]
        if int(n) >= 1000 and not 1900 <= int(n) <= 2100:
            g = f"{int(n):,}"
            printings += [g, to_indic(g)]
        for q in printings:
            cases.append(("numbers", q, nums[n]))
    return [c for c in cases if len(c[2]) >= 3]


def plain_fts5(articles, cases):
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE t USING fts5(title, body)")
    con.executemany("INSERT INTO t(rowid, title, body) VALUES (?, ?, ?)",
                    [(i, a["title"] or "", a["content"]) for i, a in enumerate(articles)])
    out = {}
    for _, q, _ in cases:
        expr = " ".join('"' + w.replace('"', '""') + '"' for w in q.split())
        out[q] = [r[0] for r in con.execute(
            "SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t, 10.0, 1.0)", (expr,))]
    return out


def score(rel, ranked):
    found = len(rel.intersection(ranked))
    top = ranked[:10]
    hits = sum(1 for r in top if r in rel)
    dcg = sum(1 / math.log2(k + 2) for k, r in enumerate(top) if r in rel)
    ideal = sum(1 / math.log2(k + 2) for k in range(min(10, len(rel))))
    return found / len(rel), hits / min(10, len(rel)), dcg / ideal


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", required=True, help="SaudiNewsNet: its dataset directory, or a git directory")
    ap.add_argument("--bench", required=True, help="the khabarain-search-real program")
    ap.add_argument("--work", required=True)
    ap.add_argument("--articles", type=int, default=10000)
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    articles = sample(load_corpus(args.corpus), args.articles)
    docs = [fold((a["title"] or "") + "\n" + a["content"]) for a in articles]
    cases = make_queries(docs)
    corpus = os.path.join(args.work, "articles.jsonl")
    with open(corpus, "w", encoding="utf-8") as f:
        for i, a in enumerate(articles):
            f.write(json.dumps({"n": i, "title": a["title"] or "", "body": a["content"]}, ensure_ascii=False) + "\n")
    queries = os.path.join(args.work, "queries.json")
    with open(queries, "w", encoding="utf-8") as f:
        json.dump(sorted({q for _, q, _ in cases}), f, ensure_ascii=False)
    db = os.path.join(args.work, "real.sqlite3")
    for p in (db, db + "-wal", db + "-shm"):
        if os.path.exists(p):
            os.remove(p)
    out = os.path.join(args.work, "results.json")
    subprocess.run([args.bench, "--corpus", corpus, "--queries", queries, "--db", db, "--out", out], check=True)
    app = json.load(open(out, encoding="utf-8"))
    plain = plain_fts5(articles, cases)
    kinds = collections.defaultdict(lambda: {"app": [], "plain": []})
    detail = []
    for kind, q, rel in cases:
        a, p = score(rel, app.get(q, [])), score(rel, plain[q])
        kinds[kind]["app"].append(a)
        kinds[kind]["plain"].append(p)
        kinds["all"]["app"].append(a)
        kinds["all"]["plain"].append(p)
        detail.append({"kind": kind, "query": q, "relevant": len(rel), "app": a, "plain": p,
                       "app_first": [articles[i]["title"] for i in app.get(q, [])[:10] if i not in rel][:3]})
    print(f"{len(articles)} articles of SaudiNewsNet, {len(cases)} queries")
    print(f"{'kind':<16} {'queries':>7}  {'app recall':>10} {'P@10':>6} {'nDCG@10':>7}   {'FTS5 recall':>11} {'P@10':>6} {'nDCG@10':>7}")
    order = ["places", "family names", "nouns", "numbers", "two-word names", "all"]
    summary = {}
    for k in order:
        if k not in kinds:
            continue
        m = {w: [sum(x[j] for x in kinds[k][w]) / len(kinds[k][w]) for j in range(3)] for w in ("app", "plain")}
        summary[k] = m
        print(f"{k:<16} {len(kinds[k]['app']):>7}  {m['app'][0]:>10.3f} {m['app'][1]:>6.3f} {m['app'][2]:>7.3f}"
              f"   {m['plain'][0]:>11.3f} {m['plain'][1]:>6.3f} {m['plain'][2]:>7.3f}")
    with open(os.path.join(args.work, "report.json"), "w", encoding="utf-8") as f:
        json.dump({"summary": summary, "queries": detail}, f, ensure_ascii=False, indent=1)
    print(f"each query: {os.path.join(args.work, 'report.json')}")


if __name__ == "__main__":
    sys.exit(main())
