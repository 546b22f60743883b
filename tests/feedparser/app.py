"""The app over one document: the real CLI syncs the served document into a
fresh database (`sync --feeds-only --source URL`, as a reader adding the
feed would), and what it stored is read back with `export` and
`sources --json`."""

import json
import pathlib
import subprocess
import tempfile


def sync(cli: str, url: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="khabarain-fp-") as tmp:
        db = str(pathlib.Path(tmp) / "db.sqlite3")
        base = ["--db", db, "--base-url", url.rsplit("/tests/", 1)[0] + "/"]
        run = subprocess.run([cli, *base, "sync", "--feeds-only", "--source", url, "--json"],
                             capture_output=True, text=True, timeout=60)
        export = subprocess.run([cli, *base, "export"], capture_output=True, text=True, timeout=60)
        sources = subprocess.run([cli, *base, "sources", "--json"], capture_output=True, text=True,
                                 timeout=60)
    articles = [json.loads(line) for line in export.stdout.splitlines() if line.strip()]
    # In the order the app stored them, which is the feed's.
    articles.sort(key=lambda a: a["id"])
    try:
        source = next((s for s in json.loads(sources.stdout or "[]") if s["url"] == url), None)
    except json.JSONDecodeError:
        source = None
    return {
        "articles": articles,
        "source": source,
        "rc": run.returncode,
        "report": run.stdout.strip()[-2000:],
        "stderr": (run.stderr + export.stderr + sources.stderr).strip()[-2000:],
    }
