#!/usr/bin/env python3
"""A second real-page set, not tuned to: trafilatura's evaluation corpus
(990 pages, mostly German, English, French and Spanish; per page a few
snippets that must be in the article text and a few that must not), scored
as its tests/eval_common.py scores (whitespace-normalised substring
matching, counts summed over the corpus), the app's extractor beside
dom_smoothie alone and, when it is installed, trafilatura itself.

    python3 tests/real_pages/snippets.py --corpus DIR/tests \\
        --extract target/release/khabarain-real-pages [--trafilatura]

DIR is a checkout of github.com/adbar/trafilatura (GPL-3.0 code, its test
pages are the sites'): nothing of it is copied into this project, the
script reads it where it lies. Pages are decoded by their declared charset,
else UTF-8, else windows-1252, as the app's fetcher would."""

import argparse
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import score  # noqa: E402

CHARSET = re.compile(rb"charset=[\"']?([\w-]+)", re.I)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def decode(raw: bytes) -> str:
    m = CHARSET.search(raw[:4000])
    for enc in ([m.group(1).decode("ascii", "replace")] if m else []) + ["utf-8"]:
        try:
            return raw.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("cp1252", "replace")


def counts(item: dict, text: str | None) -> tuple[int, int, int, int]:
    t = norm(text) if text else ""
    tp = sum(1 for w in item["with"] if norm(w) in t) if text else 0
    fp = sum(1 for w in item["without"] if norm(w) in t) if text else 0
    return tp, fp, len(item["with"]) - tp, len(item["without"]) - fp


def summary(total: list[int]) -> str:
    tp, fp, fn, tn = total
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    f1 = 2 * p * r / max(p + r, 1e-9)
    return f"| {f1:.3f} | {p:.3f} | {r:.3f} | {(tp + tn) / max(sum(total), 1):.3f} |"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True, help="trafilatura's tests/ folder")
    ap.add_argument("--extract", required=True, help="the khabarain-real-pages binary")
    ap.add_argument("--trafilatura", action="store_true", help="run trafilatura too (pip install trafilatura)")
    args = ap.parse_args()
    corpus = pathlib.Path(args.corpus)
    data = json.loads((corpus / "evaldata.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        payload, texts = [], {}
        for i, (url, item) in enumerate(sorted(data.items())):
            path = next((corpus / d / item["file"] for d in ("cache", "eval") if (corpus / d / item["file"]).is_file()), None)
            if path is None:
                continue
            html = decode(path.read_bytes())
            out = pathlib.Path(tmp) / f"{i}.html"
            out.write_text(html, encoding="utf-8")
            payload.append({"key": url, "url": url if url.startswith("http") else "http://127.0.0.1/", "file": str(out)})
            texts[url] = html
        run = subprocess.run([args.extract], input=json.dumps(payload), capture_output=True, text=True, check=True)
        rows = {name: [0, 0, 0, 0] for name in ("app", "dom_smoothie")}
        for line in run.stdout.split("\n"):
            if not line:
                continue
            x = json.loads(line)
            for name, key in (("app", "app_html"), ("dom_smoothie", "dom_smoothie_html")):
                c = counts(data[x["key"]], score.html_text(x[key]) if x.get(key) else None)
                rows[name] = [a + b for a, b in zip(rows[name], c)]
        if args.trafilatura:
            import trafilatura  # noqa: PLC0415

            rows["trafilatura"] = [0, 0, 0, 0]
            for url, html in texts.items():
                try:
                    got = trafilatura.extract(html, url=url)
                except Exception:  # noqa: BLE001 (its failure counts as no text)
                    got = None
                rows["trafilatura"] = [a + b for a, b in zip(rows["trafilatura"], counts(data[url], got))]
    print(f"{len(payload)} pages of trafilatura's evaluation corpus\n")
    print("| extractor | F1 | precision | recall | accuracy |\n|---|---:|---:|---:|---:|")
    for name, total in rows.items():
        print(f"| {name} {summary(total)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
