"""feedparser itself over the same documents, in the same run: run with the
peer's Python (suite.peer_python). Reads the documents as JSON on stdin and
writes one JSON line per document: whether feedparser meets the document's
own expectation, evaluated exactly as its harness does, and the content type
feedparser gives each text (so that the app's text is compared with the
expected value read as text where feedparser says that value is HTML)."""

import datetime
import json
import sys
import time
import warnings

import feedparser

warnings.filterwarnings("ignore")
GLOBALS = {"datetime": datetime, "time": time, "feedparser": feedparser}


def types(result) -> dict:
    out = {}

    def note(key, detail):
        if detail is not None and "type" in detail:
            out[key] = detail["type"]

    feed = result.get("feed", {})
    note("feed.title", feed.get("title_detail"))
    for i, e in enumerate(result.get("entries", [])):
        note(f"entries.{i}.title", e.get("title_detail"))
        note(f"entries.{i}.summary", e.get("summary_detail"))
        for j, c in enumerate(e.get("content", [])):
            note(f"entries.{i}.content.{j}", c)
    return out


def main():
    docs = json.load(sys.stdin)
    for doc in docs:
        line = {"path": doc["path"]}
        try:
            if not eval(doc["skip_unless"], dict(GLOBALS)):
                raise NotImplementedError
        except (ImportError, LookupError, NotImplementedError, AttributeError):
            line["skipped"] = True
            print(json.dumps(line), flush=True)
            continue
        source = doc["url"] if doc["http"] else doc["file"]
        try:
            result = feedparser.parse(source)
            line["types"] = types(result)
            line["passed"] = bool(eval(doc["expect"], dict(GLOBALS), result))
        except Exception as e:  # the expectation's own error is a failure
            line["passed"] = False
            line["error"] = f"{type(e).__name__}: {e}"
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
