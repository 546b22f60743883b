#!/usr/bin/env python3
"""feedparser's own test suite as a conformance test of the app's feed
reading, with feedparser beside it in the same run.

    python3 tests/feedparser/run.py --cli target/debug/khabarain [--floor 0.95]

Fetches the pinned sdist from PyPI (hash-checked), serves every test
document on 127.0.0.1:8097 as feedparser's harness does, syncs each into a
fresh database with the real CLI, evaluates the document's own `Expect:` on
what the app stored (scope.py says which expectations concern what the app
keeps; compare.py how the app's fields are read), and runs feedparser on the
same documents. Writes a report (per folder, per field, every failure, every
document out of scope with its reason) and exits 1 below the floor."""

import argparse
import collections
import concurrent.futures
import datetime
import json
import os
import pathlib
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import app  # noqa: E402
import compare  # noqa: E402
import scope  # noqa: E402
import serve  # noqa: E402
import suite  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent


def run_peer(python: pathlib.Path, root: pathlib.Path, docs: list) -> dict:
    payload = [{"path": d.path, "url": d.url, "http": d.http, "file": str(root / d.path),
                "expect": d.expect, "skip_unless": d.skip_unless} for d in docs]
    out = subprocess.run([str(python), str(HERE / "peer.py")], input=json.dumps(payload),
                         capture_output=True, text=True, check=True, cwd=root,
                         env={**os.environ, "PYTHONPATH": str(root)})
    return {line["path"]: line for line in map(json.loads, out.stdout.splitlines())}


def evaluate(expr: str, stored: dict, types: dict) -> tuple[bool | None, str | None]:
    """True/False, or None when the expectation cannot be put in the app's
    terms (with the reason)."""
    env = compare.env(stored["articles"], stored["source"], types)
    try:
        return bool(eval(expr, {"datetime": datetime, "time": time}, env)), None
    except compare.Unjudgeable as e:
        return None, str(e)
    except Exception as e:  # a missing field is a failure, as in feedparser's harness
        return False, f"{type(e).__name__}: {e}"


def pct(n: int, d: int) -> str:
    return f"{n / d:.1%}" if d else "–"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True, help="the khabarain binary")
    ap.add_argument("--work", default="target/feedparser", help="downloads, the suite, the report")
    ap.add_argument("--floor", type=float, default=0.95)
    ap.add_argument("--only", default="", help="only documents whose path holds this")
    ap.add_argument("--jobs", type=int, default=4)
    args = ap.parse_args()
    work = pathlib.Path(args.work).resolve()
    cli = str(pathlib.Path(args.cli).resolve())
    python = suite.venv(work)
    root = suite.fetch(work, python)
    python = suite.peer_python(work, python)
    docs = [d for d in suite.documents(root) if args.only in d.path]
    server = serve.start(str(root), suite.HOST, suite.PORT)
    started = time.monotonic()
    try:
        peer = run_peer(python, root, docs)
        judged = {d.path: scope.judge(d.path, d.expect, serve.headers_of(root / d.path) if d.http else None)
                  for d in docs}
        skipped = {p for p, r in peer.items() if r.get("skipped")}
        todo = [d for d in docs if judged[d.path][0] and d.path not in skipped]
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            stored = dict(zip([d.path for d in todo], pool.map(lambda d: app.sync(cli, d.url), todo)))
    finally:
        server.shutdown()
    results, out_of_scope = [], []
    for d in docs:
        ok, why, expr, named = judged[d.path]
        if d.path in skipped:
            out_of_scope.append((d, "skipped by the suite itself here (its SkipUnless)"))
            continue
        if not ok:
            out_of_scope.append((d, why))
            continue
        passed, detail = evaluate(expr, stored[d.path], peer[d.path].get("types", {}))
        if passed is None:
            out_of_scope.append((d, detail))
            continue
        results.append({"doc": d, "app": passed, "feedparser": bool(peer[d.path].get("passed")),
                        "fields": sorted(named), "detail": detail, "stored": stored[d.path], "expr": expr})
    n = len(results)
    app_pass = sum(r["app"] for r in results)
    fp_pass = sum(r["feedparser"] for r in results)
    report = write_report(work, results, out_of_scope, n, app_pass, fp_pass)
    print(report.split("\n## Failures")[0])
    print(f"in scope {n} of {len(docs)} documents; app {app_pass} ({pct(app_pass, n)}), "
          f"feedparser {fp_pass} ({pct(fp_pass, n)}); {time.monotonic() - started:.0f} s; "
          f"report: {work / 'report.md'}")
    if n == 0 or app_pass / n < args.floor:
        print(f"FAILED: below the floor of {args.floor:.0%}")
        return 1
    return 0


def write_report(work, results, out_of_scope, n, app_pass, fp_pass) -> str:
    lines = ["# feedparser's test suite: the app beside feedparser", "",
             f"In scope: {n} documents. The app passes {app_pass} ({pct(app_pass, n)}), "
             f"feedparser {fp_pass} ({pct(fp_pass, n)}).", "",
             "| folder | documents | the app | feedparser |", "|---|---|---|---|"]
    by_folder = collections.defaultdict(list)
    by_field = collections.defaultdict(list)
    for r in results:
        by_folder[r["doc"].folder].append(r)
        for f in r["fields"]:
            by_field[f].append(r)
    for folder in sorted(by_folder):
        rs = by_folder[folder]
        a, f = sum(x["app"] for x in rs), sum(x["feedparser"] for x in rs)
        lines.append(f"| {folder} | {len(rs)} | {a} ({pct(a, len(rs))}) | {f} ({pct(f, len(rs))}) |")
    lines += ["", "| field | documents | the app | feedparser |", "|---|---|---|---|"]
    for field in sorted(by_field, key=lambda k: -len(by_field[k])):
        rs = by_field[field]
        a, f = sum(x["app"] for x in rs), sum(x["feedparser"] for x in rs)
        lines.append(f"| `{field}` | {len(rs)} | {a} ({pct(a, len(rs))}) | {f} ({pct(f, len(rs))}) |")
    lines += ["", "## Failures", ""]
    for r in results:
        if r["app"]:
            continue
        s = r["stored"]
        first = s["articles"][0] if s["articles"] else None
        lines.append(f"- `{r['doc'].path}`: `{r['expr']}`" + (f" — {r['detail']}" if r["detail"] else ""))
        lines.append(f"  - stored: source title {json.dumps((s['source'] or {}).get('title'), ensure_ascii=False)} "
                     f"(read as {(s['source'] or {}).get('encoding')}), "
                     f"{len(s['articles'])} articles; first: "
                     + json.dumps({k: first.get(k) for k in ("title", "url", "guid", "summary", "body_html",
                                                            "published_at", "authors", "feed_tags")}
                                  if first else None, ensure_ascii=False)[:600])
        if s["rc"] != 0 or s["stderr"]:
            lines.append(f"  - sync rc {s['rc']}: {s['stderr'][-300:]!r} {s['report'][-300:]!r}")
    lines += ["", "## Out of scope", ""]
    reasons = collections.Counter(why for _, why in out_of_scope)
    for why, k in reasons.most_common():
        lines.append(f"- {k}: {why}")
    lines += ["", "Each document:", ""]
    for d, why in out_of_scope:
        lines.append(f"- `{d.path}`: {why}")
    text = "\n".join(lines) + "\n"
    (work / "report.md").write_text(text)
    return text


if __name__ == "__main__":
    sys.exit(main())
