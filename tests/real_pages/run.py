#!/usr/bin/env python3
"""Article text on real pages, scored as the public article extraction
benchmark scores it, with dom_smoothie alone beside the app in the same run.

    python3 tests/real_pages/run.py --cli target/release/khabarain \\
        --extract target/release/khabarain-real-pages [--pages DIR] [--floor 0.96] [--published DIR]

The 181 pages (../shared/real-pages/article-extraction-benchmark: html/*.html.gz
and ground-truth.json, MIT) are served on loopback behind an RSS feed whose
items link them (each item titled with its page's <title>, as a feed names
its articles); the real CLI syncs the feed with full text into a fresh
database, and every stored body is scored against the text people wrote
down for its page. In the same run `khabarain-real-pages` extracts each
page in-process twice, with the app's extractor and with dom_smoothie alone
(their bodies scored the same way, their times measured). With
`--published DIR` (the benchmark's own output/*.json) the scorer is checked
against the figures the benchmark publishes. Exits 1 below the floor."""

import argparse
import gzip
import http.server
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import threading
import time
from xml.sax.saxutils import escape

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import score  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parents[2]
BENCHMARK = "real-pages/article-extraction-benchmark"


def find_pages(given: str | None) -> pathlib.Path:
    """The benchmark's folder: as given, else $KHABARAIN_REAL_PAGES, else
    beside the project (../shared), else the workplace's /work/shared."""
    candidates = [given, os.environ.get("KHABARAIN_REAL_PAGES"),
                  str(REPO.parent / "shared" / BENCHMARK), f"/work/shared/{BENCHMARK}"]
    for c in candidates:
        if c and (pathlib.Path(c) / "ground-truth.json").is_file():
            return pathlib.Path(c)
    raise SystemExit("the real pages are not here: give --pages DIR (html/*.html.gz and ground-truth.json), "
                     f"or set KHABARAIN_REAL_PAGES; looked in {candidates}")


TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)


def unpack(pages: pathlib.Path, work: pathlib.Path) -> dict:
    truth = json.loads((pages / "ground-truth.json").read_text(encoding="utf-8"))
    out = work / "pages"
    out.mkdir(parents=True, exist_ok=True)
    docs = {}
    for key, item in sorted(truth.items()):
        text = gzip.decompress((pages / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
        (out / f"{key}.html").write_text(text, encoding="utf-8")
        m = TITLE.search(text)
        title = " ".join(score.html_text(m.group(1)).split()) if m else key
        docs[key] = {"truth": item.get("articleBody", ""), "url": item.get("url", ""), "title": title}
    return docs


def serve(work: pathlib.Path, docs: dict) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/feed.xml":
                body = feed(self.server.base, docs).encode("utf-8")
                ctype = "application/rss+xml; charset=utf-8"
            elif self.path.startswith("/pages/") and self.path.endswith(".html"):
                f = work / "pages" / pathlib.Path(self.path).name
                if not f.is_file():
                    self.send_error(404)
                    return
                body, ctype = f.read_bytes(), "text/html; charset=utf-8"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *a):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.base = f"http://127.0.0.1:{server.server_address[1]}/"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.base


def feed(base: str, docs: dict) -> str:
    items = "".join(
        f"<item><title>{escape(d['title'])}</title><link>{base}pages/{k}.html</link>"
        f"<guid isPermaLink=\"false\">{k}</guid></item>"
        for k, d in docs.items())
    return f"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>real pages</title>{items}</channel></rss>"


def sync(cli: str, base: str, work: pathlib.Path) -> dict:
    db = work / "app.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        pathlib.Path(f"{db}{suffix}").unlink(missing_ok=True)
    args = [cli, "--db", str(db), "--base-url", base]
    started = time.monotonic()
    run = subprocess.run([*args, "sync", "--source", f"{base}feed.xml", "--json"],
                         capture_output=True, text=True, timeout=900)
    took = time.monotonic() - started
    export = subprocess.run([*args, "export"], capture_output=True, text=True, check=True, timeout=300)
    stored = {}
    for line in filter(None, export.stdout.split("\n")):
        a = json.loads(line)
        key = pathlib.Path(a.get("url") or "").stem
        stored[key] = a
    return {"articles": stored, "seconds": took, "report": run.stdout.strip()[-3000:],
            "stderr": run.stderr.strip()[-3000:], "rc": run.returncode}


def extract(binary: str, work: pathlib.Path, docs: dict) -> dict:
    payload = [{"key": k, "url": d["url"] or f"http://127.0.0.1/{k}", "file": str(work / "pages" / f"{k}.html")}
               for k, d in docs.items()]
    out = subprocess.run([binary], input=json.dumps(payload), capture_output=True, text=True, check=True,
                         timeout=900)
    (work / "extract.jsonl").write_text(out.stdout, encoding="utf-8")  # kept for looking into a page
    # Not splitlines(): a page's text may hold U+2028, which JSON leaves as it is.
    return {line["key"]: line for line in map(json.loads, filter(None, out.stdout.split("\n")))}


PUBLISHED = {  # the benchmark's README, 2026: F1 of each extractor's output/*.json
    "rs_trafilatura": 0.970, "AutoExtract": 0.970, "go_trafilatura": 0.960, "trafilatura": 0.958,
    "Diffbot": 0.951, "readability_js": 0.947, "go_readability": 0.934, "go_domdistiller": 0.927,
    "readability": 0.922, "goose3": 0.896, "readability_rs": 0.873, "dom_smoothie": 0.865,
    "justext": 0.804, "html-text": 0.665,
}


def check_published(folder: pathlib.Path, docs: dict) -> list[str]:
    lines = ["| published output | F1 published | F1 by this scorer |", "|---|---|---|"]
    for name, f1 in PUBLISHED.items():
        path = folder / f"{name}.json"
        if not path.is_file():
            continue
        pred = json.loads(path.read_text(encoding="utf-8"))
        # Later outputs are {"version": …, "output": {…}}.
        pred = pred.get("output", pred) if isinstance(pred.get("output"), dict) else pred
        counts = [score.page_counts(d["truth"], (pred.get(k) or {}).get("articleBody") or "")
                  for k, d in docs.items()]
        lines.append(f"| {name} | {f1:.3f} | {score.scores(counts)['f1']:.3f} |")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--extract", required=True, help="the khabarain-real-pages binary")
    ap.add_argument("--pages")
    ap.add_argument("--work", default="target/real-pages")
    ap.add_argument("--floor", type=float, default=0.0)
    ap.add_argument("--published", help="the benchmark's output/ folder, to check the scorer")
    args = ap.parse_args()
    pages = find_pages(args.pages)
    work = pathlib.Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    docs = unpack(pages, work)
    server, base = serve(work, docs)
    try:
        synced = sync(str(pathlib.Path(args.cli).resolve()), base, work)
    finally:
        server.shutdown()
    inproc = extract(str(pathlib.Path(args.extract).resolve()), work, docs)

    rows, counts = [], {"app": [], "app (extract)": [], "dom_smoothie": []}
    for k, d in docs.items():
        stored = synced["articles"].get(k)
        app_text = score.html_text(stored["body_html"]) if stored else ""
        x = inproc.get(k, {})
        c = {
            "app": score.page_counts(d["truth"], app_text),
            "app (extract)": score.page_counts(d["truth"], score.html_text(x.get("app_html", ""))),
            "dom_smoothie": score.page_counts(d["truth"], score.html_text(x.get("dom_smoothie_html", ""))),
        }
        for name, v in c.items():
            counts[name].append(v)
        rows.append((k, d, stored, x, c))

    results = {name: score.scores(v) for name, v in counts.items()}
    ms = lambda key: sorted(x.get(key, 0) for *_, x, _ in rows)  # noqa: E731
    median = lambda v: v[len(v) // 2] if v else 0  # noqa: E731
    lines = [
        "# Article text on real pages, scored as the benchmark scores it", "",
        f"{len(docs)} pages; the app synced them with full text in {synced['seconds']:.1f} s "
        f"(sync rc {synced['rc']}, {len(synced['articles'])} articles stored).", "",
        "| extractor | F1 | precision | recall | median ms a page | p95 ms |", "|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        t = ms("app_ms") if name.startswith("app") else ms("dom_smoothie_ms")
        p95 = t[int(len(t) * 0.95)] if t else 0
        lines.append(f"| {name} | {r['f1']:.3f} | {r['precision']:.3f} | {r['recall']:.3f} | "
                     f"{median(t):.2f} | {p95:.2f} |")
    if args.published:
        lines += ["", *check_published(pathlib.Path(args.published), docs)]
    lines += ["", "## Pages, worst first (F1 of the app, of dom_smoothie alone)", ""]
    for k, d, stored, x, c in sorted(rows, key=lambda r: score.page_f1(r[4]["app"])):
        f_app, f_ds = score.page_f1(c["app"]), score.page_f1(c["dom_smoothie"])
        if f_app >= 0.99:
            continue
        lines.append(f"- `{k[:12]}` {d['url'][:90]} — app {f_app:.3f} (P {score._precision(*c['app']):.2f}, "
                     f"R {score._recall(*c['app']):.2f}), dom_smoothie {f_ds:.3f}"
                     + ("" if stored else " — NOT STORED")
                     + (f" — extract error: {x['app_error']}" if x.get("app_error") else ""))
    report = "\n".join(lines) + "\n"
    (work / "report.md").write_text(report, encoding="utf-8")
    print(report.split("## Pages")[0])
    print(f"report: {work / 'report.md'}")
    app = results["app"]["f1"]
    if app < args.floor:
        print(f"FAILED: the app's F1 {app:.3f} is below the floor of {args.floor}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
