"""What the app stored, in the shape of feedparser's result, so that the
suite's own expressions can be evaluated on it. How each field maps is in
README.md ("The mapping"); in short:

- headlines and summaries are text in the app (a reader shows them as text):
  they are compared with the expected value read as text (tags dropped,
  entities decoded, whitespace runs as one space) wherever feedparser says
  that value is HTML, and as written where it says it is text;
- the body is sanitised HTML in the app: it is read as text too, and
  compared with `content[…]['value']` read as text;
- a date is compared as the instant it names;
- `encoding` is compared as the WHATWG Encoding Standard resolves the label
  (the labels feedparser prints and the encodings the app decodes with are
  different names for the same encodings: `gb2312` is GBK, `iso-8859-1` is
  windows-1252 to a browser and to the app).
"""

import datetime
import email.utils
import html.parser
import time


class Unjudgeable(Exception):
    """The expectation cannot be put in the app's terms (a date string
    Python's standard library cannot read)."""


BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "img",
}
HIDDEN = {"script", "style", "template", "noscript", "title", "textarea"}


class _Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self.hidden += 1
        elif tag in BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def html_text(fragment: str) -> str:
    """The text a reader sees of an HTML fragment: no markup, no script,
    entities decoded; a block starts a new word, an inline element does not."""
    p = _Text()
    p.feed(fragment)
    p.close()
    return squash("".join(p.parts))


def squash(s: str) -> str:
    return " ".join(s.split())


HTML_TYPES = {"text/html", "application/xhtml+xml"}


class Text(str):
    """A text the app stored; `html` says the expected value is HTML (by
    feedparser's own content type for it) and is compared as text."""

    def __new__(cls, value: str, html: bool):
        obj = super().__new__(cls, value)
        obj.html = html
        return obj

    def __eq__(self, other):
        if not isinstance(other, str):
            return NotImplemented
        expected = html_text(other) if self.html else other
        return squash(str(self)) == squash(expected)

    def __ne__(self, other):
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    __hash__ = str.__hash__


def _instant(s: str) -> int:
    try:
        return int(email.utils.parsedate_to_datetime(s).timestamp())
    except (TypeError, ValueError, IndexError):
        pass
    try:
        d = datetime.datetime.fromisoformat(s)
    except ValueError as e:
        raise Unjudgeable(f"a date Python's standard library cannot read: {s!r}") from e
    if d.tzinfo is None:
        d = d.replace(tzinfo=datetime.timezone.utc)
    return int(d.timestamp())


class DateText(str):
    """`published`/`updated` as a string: feedparser keeps the document's
    own text, the app the instant it names; compared as instants."""

    def __new__(cls, ts: int):
        obj = super().__new__(cls, datetime.datetime.fromtimestamp(ts, datetime.timezone.utc).isoformat())
        obj.ts = ts
        return obj

    def __eq__(self, other):
        if not isinstance(other, str):
            return NotImplemented
        return _instant(other) == self.ts

    def __ne__(self, other):
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    __hash__ = str.__hash__


def parsed(ts: int) -> time.struct_time:
    return time.gmtime(ts)


def same_encoding(a: str, b: str) -> bool:
    return whatwg(a) == whatwg(b)


# The WHATWG Encoding Standard's labels for the encodings the suite names
# (https://encoding.spec.whatwg.org/#names-and-labels).
_LABELS = {
    "utf-8": "utf-8", "utf8": "utf-8", "unicode-1-1-utf-8": "utf-8",
    "us-ascii": "windows-1252", "ascii": "windows-1252", "iso-8859-1": "windows-1252",
    "latin1": "windows-1252", "windows-1252": "windows-1252", "cp1252": "windows-1252",
    "iso-8859-2": "iso-8859-2", "iso-8859-5": "iso-8859-5", "iso-8859-6": "iso-8859-6",
    "iso-8859-7": "iso-8859-7", "iso-8859-8": "iso-8859-8",
    # "The gbk decoder is the gb18030 decoder" (WHATWG Encoding §10.1): one
    # encoding to a reader.
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "big5": "big5",
    "tis-620": "windows-874", "windows-874": "windows-874",
    "euc-jp": "euc-jp", "euc-kr": "euc-kr", "shift_jis": "shift_jis", "sjis": "shift_jis",
    "koi8-r": "koi8-r", "koi8-u": "koi8-u", "windows-1251": "windows-1251",
    "windows-1256": "windows-1256", "utf-16": "utf-16le", "utf-16le": "utf-16le",
    "utf-16be": "utf-16be", "utf-32": "utf-32le", "utf-32le": "utf-32le", "utf-32be": "utf-32be",
}


def whatwg(label: str) -> str:
    label = label.strip().lower()
    return _LABELS.get(label, label)


class Encoding(str):
    def __eq__(self, other):
        if not isinstance(other, str):
            return NotImplemented
        return same_encoding(str(self), other)

    def __ne__(self, other):
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    __hash__ = str.__hash__


class Link(str):
    """An address: its scheme and host compare without case, as every URL
    parser treats them (`http://item.TEST/` is `http://item.test/`)."""

    def __eq__(self, other):
        if not isinstance(other, str):
            return NotImplemented
        return _fold_url(str(self)) == _fold_url(other)

    def __ne__(self, other):
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    __hash__ = str.__hash__


def _fold_url(u: str) -> str:
    import urllib.parse
    p = urllib.parse.urlsplit(u)
    return urllib.parse.urlunsplit((p.scheme.lower(), p.netloc.lower(), p.path or "/", p.query, p.fragment))


class FPDict(dict):
    """feedparser's FeedParserDict key aliases, and attribute access."""

    KEYMAP = {
        "channel": "feed", "items": "entries", "guid": "id", "date": "updated",
        "date_parsed": "updated_parsed", "description": "summary",
        "description_detail": "summary_detail", "url": "href", "modified": "updated",
        "modified_parsed": "updated_parsed", "issued": "published",
        "issued_parsed": "published_parsed",
    }

    def __getitem__(self, key):
        if key == "category":
            try:
                return dict.__getitem__(self, "tags")[0]["term"]
            except (IndexError, KeyError):
                raise KeyError("category") from None
        if key in ("updated", "updated_parsed") and not dict.__contains__(self, key):
            key = key.replace("updated", "published")
        key = self.KEYMAP.get(key, key)
        return dict.__getitem__(self, key)

    def __contains__(self, key):
        try:
            self[key]
        except KeyError:
            return False
        return True

    has_key = __contains__

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def _is_html(types: dict, key: str, default: bool) -> bool:
    t = types.get(key)
    return default if t is None else t in HTML_TYPES


def person(p: dict) -> FPDict:
    d = FPDict()
    for k in ("name", "email"):
        if p.get(k):
            d[k] = p[k]
    if p.get("url"):
        d["href"] = p["url"]
    return d


def byline(p: FPDict) -> str:
    """feedparser's `author`: "name (email)", or the one of them there is."""
    name, mail = p.get("name"), p.get("email")
    if name and mail:
        return f"{name} ({mail})"
    return name or mail or ""


def env(articles: list[dict], source: dict | None, types: dict) -> dict:
    """The names an expectation uses (feed, entries, encoding), filled from
    the app's export of one synced document."""
    feed = FPDict()
    # A source the app read has a title, empty when the feed's says nothing
    # as text (an image alone).
    if source and (source.get("title") or source.get("last_success_at")):
        feed["title"] = Text(source.get("title") or "", _is_html(types, "feed.title", False))
        feed["title_detail"] = FPDict(value=feed["title"])
    entries = []
    for i, a in enumerate(articles):
        e = FPDict()
        # Every stored article has a headline (empty where the item's was a
        # picture alone) and a summary (empty where the feed gave no text).
        e["title"] = Text(a.get("title") or "", _is_html(types, f"entries.{i}.title", False))
        e["title_detail"] = FPDict(value=e["title"])
        if a.get("url"):
            e["link"] = Link(a["url"])
        if a.get("guid"):
            e["id"] = a["guid"]
        if a.get("published_at") is not None:
            e["published"] = DateText(a["published_at"])
            e["published_parsed"] = parsed(a["published_at"])
        if a.get("updated_at") is not None:
            e["updated"] = DateText(a["updated_at"])
            e["updated_parsed"] = parsed(a["updated_at"])
        e["summary"] = Text(a.get("summary") or "", _is_html(types, f"entries.{i}.summary", True))
        e["summary_detail"] = FPDict(value=e["summary"])
        if a.get("body_html"):
            html = _is_html(types, f"entries.{i}.content.0", True)
            e["content"] = [FPDict(value=Text(html_text(a["body_html"]), html))]
        authors = [person(p) for p in a.get("authors") or []]
        if authors:
            e["authors"] = authors
            e["author_detail"] = authors[0]
            e["author"] = byline(authors[0])
        tags = []
        for t in a.get("feed_tags") or []:
            tag = FPDict(term=t.get("term"), scheme=t.get("scheme"), label=t.get("label"))
            tags.append(tag)
        if tags:
            e["tags"] = tags
        entries.append(e)
    out = {"feed": feed, "entries": entries}
    if source and source.get("encoding"):
        out["encoding"] = Encoding(source["encoding"])
    return out
