"""The documents on loopback, as feedparser's harness serves them: a document
under a path with `http` gets the `Header:` lines written in it (status,
Content-type, ETag, Location…), with a 304 for a matching validator; every
other one is served as `application/xml` with no charset, so that, as for a
file read from disk, the document itself says how it is encoded."""

import http.server
import io
import os
import re
import threading

HEADERS_RE = re.compile(rb"^Header:\s+([^:]+):(.+)$", re.MULTILINE)


def headers_of(path) -> dict:
    """The `Header:` lines a document names."""
    with open(path, "rb") as f:
        blob = f.read()
    return {k.decode("utf-8"): v.decode("utf-8").strip() for k, v in HEADERS_RE.findall(blob)}


class Handler(http.server.SimpleHTTPRequestHandler):
    def send_head(self):
        if self.path == "/-/return-304.xml":
            self.send_response(304)
            self.send_header("Content-type", "text/xml")
            self.end_headers()
            return None
        path = self.translate_path(self.path)
        if not os.path.isfile(path):
            self.send_error(404)
            return None
        with open(path, "rb") as f:
            blob = f.read()
        headers = {}
        if "http" in self.path:
            headers = {k.decode("utf-8"): v.decode("utf-8").strip()
                       for k, v in HEADERS_RE.findall(blob)}
        # Header names as the documents write them (Content-type): one key.
        ctype = next((v for k, v in headers.items() if k.lower() == "content-type"),
                     "application/xml")
        headers = {k: v for k, v in headers.items() if k.lower() != "content-type"}
        fresh = (self.headers.get("if-modified-since") == headers.get("Last-Modified", "nom")
                 or self.headers.get("if-none-match") == headers.get("ETag", "nomatch"))
        status = 304 if fresh else int(headers.pop("Status", 200))
        headers.pop("Status", None)
        self.send_response(status)
        self.send_header("Content-type", ctype)
        body = b"" if status == 304 else blob
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


def start(root: str, host: str, port: int) -> http.server.ThreadingHTTPServer:
    handler = lambda *a, **kw: Handler(*a, directory=root, **kw)  # noqa: E731
    try:
        server = http.server.ThreadingHTTPServer((host, port), handler)
    except OSError as e:
        raise SystemExit(
            f"cannot serve the suite on {host}:{port} ({e}); the documents name "
            "this address, so it must be free") from e
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
