"""Which of the suite's expectations concern what the app keeps, and why the
others do not. Every expectation is judged by the fields it names (and a
few folders by what they test); README.md lists the same rules.

An expectation's checks of `bozo` (feedparser's flag that a document is not
well-formed XML) are dropped and the rest must hold: the app reads a
document that is not well-formed as far as it can, and a reader sees what
it kept, not a flag."""

import ast

# Fields the app keeps (feedparser's names after its own aliases; `N` is an
# index).
IN_SCOPE = {
    "feed.title", "feed.title_detail.value",
    "entries", "entries.N",
    "entries.N.title", "entries.N.title_detail.value",
    "entries.N.link", "entries.N.id",
    "entries.N.published", "entries.N.published_parsed",
    "entries.N.updated", "entries.N.updated_parsed",
    "entries.N.summary", "entries.N.summary_detail.value",
    "entries.N.content", "entries.N.content.N", "entries.N.content.N.value",
    "entries.N.author", "entries.N.author_detail", "entries.N.author_detail.name",
    "entries.N.author_detail.email", "entries.N.author_detail.href",
    "entries.N.authors", "entries.N.authors.N", "entries.N.authors.N.name",
    "entries.N.authors.N.email", "entries.N.authors.N.href",
    "entries.N.tags", "entries.N.tags.N", "entries.N.tags.N.term",
    "entries.N.tags.N.scheme", "entries.N.tags.N.label", "entries.N.category",
    "encoding",
}

ALIASES = {
    "channel": "feed", "items": "entries", "guid": "id", "date": "updated",
    "date_parsed": "updated_parsed", "description": "summary",
    "description_detail": "summary_detail", "url": "href", "modified": "updated",
    "modified_parsed": "updated_parsed", "issued": "published",
    "issued_parsed": "published_parsed",
}

# Why a field is out of scope, by the first key of it that is not kept.
REASONS = {
    "version": "which format the document is in (rss20, atom10…): the app reads every one and shows none of that",
    "language": "a text's xml:lang: the app sets an article's direction from its text",
    "base": "a text's xml:base as a value: the app resolves links against it, checked through the resolved link",
    "type": "a text's content type: the app keeps headlines and summaries as text and the body as sanitised HTML",
    "subtitle": "the feed's description: not kept (a source is shown by its title)",
    "summary": "the feed's description: not kept (a source is shown by its title)",
    "tagline": "the feed's description: not kept (a source is shown by its title)",
    "info": "the feed's description: not kept (a source is shown by its title)",
    "rights": "rights statements: not kept",
    "rights_detail": "rights statements: not kept",
    "copyright_detail": "rights statements: not kept",
    "tagline_detail": "the feed's description: not kept (a source is shown by its title)",
    "subtitle_detail": "the feed's description: not kept (a source is shown by its title)",
    "info_detail": "the feed's description: not kept (a source is shown by its title)",
    "copyright": "rights statements: not kept",
    "links": "a link's relation, type, title and language: the app keeps an article's one link (checked as `link`)",
    "enclosures": "enclosures: the app keeps an article's pictures from its page, not a feed's enclosures",
    "contributors": "contributors: the app's byline names the authors",
    "source": "an entry's source feed (RSS `source`, Atom `source`): not kept",
    "publisher": "the publisher: not kept",
    "publisher_detail": "the publisher: not kept",
    "generator": "the software that made the feed: not kept",
    "generator_detail": "the software that made the feed: not kept",
    "docs": "the format's documentation address: not kept",
    "cloud": "RSS cloud (push) settings: not used",
    "ttl": "RSS ttl: the app syncs on the reader's own schedule",
    "textinput": "RSS textInput: not kept",
    "image": "the feed's or entry's logo image: not kept",
    "icon": "the feed's icon: not kept",
    "logo": "the feed's logo: not kept",
    "comments": "the address of an item's comments: not kept",
    "license": "a license link: not kept",
    "created": "a creation date: the app keeps published and updated",
    "created_parsed": "a creation date: the app keeps published and updated",
    "expired": "an expiry date: not kept",
    "expired_parsed": "an expiry date: not kept",
    "validity_start": "a validity period: not kept",
    "validity_start_parsed": "a validity period: not kept",
    "validity_end": "a validity period: not kept",
    "validity_end_parsed": "a validity period: not kept",
    "where": "GeoRSS locations: not kept",
    "guidislink": "feedparser's note that it used the guid as link: the link itself is checked",
    "headers": "the HTTP response's headers: details of the fetch, not of the feed",
    "etag": "the HTTP validators: kept by the app, but not a field of the feed",
    "status": "the HTTP status: details of the fetch",
    "href": "the address feedparser ended at: details of the fetch",
    "namespaces": "the document's XML namespaces: not kept",
    "bozo_exception": "the XML parser's error: the app reads on",
    "feed.link": "the feed's own site link: the app names a source by its title and feed address",
    "feed.id": "the feed's own id: the app names a source by its feed address",
    "feed.updated": "the feed's own dates: not kept",
    "feed.updated_parsed": "the feed's own dates: not kept",
    "feed.published": "the feed's own dates: not kept",
    "feed.published_parsed": "the feed's own dates: not kept",
    "feed.author": "the feed's own author: the app's byline is an article's, from its item",
    "feed.author_detail": "the feed's own author: the app's byline is an article's, from its item",
    "feed.authors": "the feed's own author: the app's byline is an article's, from its item",
    "feed.tags": "the feed's own categories: the app files a source under a section of its own",
    "feed.category": "the feed's own categories: the app files a source under a section of its own",
    "feed.N": "feedparser's internals",
    "newlocation": "a feed's word that it moved: not followed (the reader changes a source's address)",
    "src": "the address of a content kept elsewhere (Atom `src`): not fetched",
}

# Why a field is out of scope, by the prefix of its key (namespaced fields).
PREFIX_REASONS = {
    "itunes_": "podcast directory settings (iTunes): not kept",
    "wfw_": "comment API addresses (wfw): not kept",
    "psc_": "podcast chapters (Podlove): not kept",
    "media_": "Media RSS credits, ratings, players and thumbnails: not kept",
    "madeup_": "an element no namespace defines: not kept",
    "abcdefg": "an element no namespace defines: not kept",
}

# Folders and names whose documents test feedparser's own sanitiser
# allow-list, whatever field they name.
SANITIZER = ("acceptable_attribute", "acceptable_element", "style_")
SANITIZER_REASON = ("which HTML attributes, elements and CSS properties feedparser's sanitiser keeps: the app's "
                    "allow-list (ammonia) is its own, and read as text these expect an empty string")
CRAZY_REASON = ("feedparser's sanitiser's output for a document made to break regex sanitisers, comments and all; "
                "the app's text of it is checked for no script by its own tests")


def _mentions_bozo(node) -> bool:
    return any(isinstance(n, ast.Name) and n.id in ("bozo", "bozo_exception") for n in ast.walk(node))


def strip_bozo(expr: str) -> str | None:
    """The expression without its conjuncts on `bozo`; None when nothing
    else is left."""
    tree = ast.parse(expr, mode="eval").body
    if isinstance(tree, ast.BoolOp) and isinstance(tree.op, ast.And):
        rest = [v for v in tree.values if not _mentions_bozo(v)]
        if not rest:
            return None
        if len(rest) == 1:
            return ast.unparse(rest[0])
        return ast.unparse(ast.BoolOp(op=ast.And(), values=rest))
    if _mentions_bozo(tree):
        return None
    return expr


def _chain(node) -> list | None:
    """`entries[0]['title_detail'].value` → ['entries', 'N', 'title_detail', 'value']."""
    parts = []
    while True:
        if isinstance(node, ast.Subscript):
            s = node.slice
            if isinstance(s, ast.Constant) and isinstance(s.value, str):
                parts.append(ALIASES.get(s.value, s.value))
            else:
                parts.append("N")
            node = node.value
        elif isinstance(node, ast.Attribute):
            parts.append(ALIASES.get(node.attr, node.attr))
            node = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("get", "has_key") \
                and node.args and isinstance(node.args[0], ast.Constant):
            parts.append(ALIASES.get(node.args[0].value, node.args[0].value))
            node = node.func.value
        elif isinstance(node, ast.Name):
            parts.append(ALIASES.get(node.id, node.id))
            return list(reversed(parts))
        else:
            return None


ROOTS = {"feed", "entries", "encoding", "version", "headers", "etag", "status", "href", "namespaces",
         "bozo_exception"}


def fields(expr: str) -> set[str]:
    tree = ast.parse(expr, mode="eval")
    inner = set()
    for n in ast.walk(tree):
        if isinstance(n, (ast.Subscript, ast.Attribute)):
            inner.add(id(n.value))
        # `'key' in x` names x.key, not x itself.
        if isinstance(n, ast.Compare) and isinstance(n.left, ast.Constant) \
                and isinstance(n.ops[0], (ast.In, ast.NotIn)):
            inner.add(id(n.comparators[0]))
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute):
            inner.add(id(n.func))
            inner.add(id(n.func.value))
    out = set()
    for n in ast.walk(tree):
        if id(n) in inner:
            continue
        if isinstance(n, ast.Compare) and isinstance(n.left, ast.Constant) and isinstance(n.left.value, str) \
                and isinstance(n.ops[0], (ast.In, ast.NotIn)):
            c = _chain(n.comparators[0])
            if c:
                out.add(".".join(c + [ALIASES.get(n.left.value, n.left.value)]))
            continue
        if isinstance(n, (ast.Subscript, ast.Attribute, ast.Call, ast.Name)):
            c = _chain(n)
            if c and c[0] in ROOTS:
                out.add(".".join(c))
    # A chain's prefixes (entries, entries.N…) are implied by the chain.
    return out


RFC3023_REASON = ("RFC 3023's us-ascii default for text/* served without a charset, which RFC 7303 (§3.2, §9.2) "
                  "withdrew: the app reads such a document by its XML declaration, as RFC 7303 and browsers do")


def _rfc3023_default(expect: str, headers: dict) -> bool:
    """The expectation is us-ascii only because the document is served as
    text/* with no usable charset."""
    if "'us-ascii'" not in expect:
        return False
    ctype = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    media, _, params = ctype.partition(";")
    charset = [p.split("=", 1)[1].strip(" \"'") for p in params.split(";") if "=" in p
               and p.split("=", 1)[0].strip().lower() == "charset"]
    return media.strip().lower().startswith("text/") and (not charset or charset[0].lower() not in
                                                           ("us-ascii", "ascii"))


def judge(path: str, expect: str, headers: dict | None = None) -> tuple[bool, str | None, str | None, set[str]]:
    """(in scope, why not, the expression to evaluate, fields named)."""
    name = path.rsplit("/", 1)[-1]
    if headers and _rfc3023_default(expect, headers):
        return False, RFC3023_REASON, None, set()
    if "/sanitize/" in path and name.startswith(SANITIZER):
        return False, SANITIZER_REASON, None, set()
    if "_crazy" in name:
        return False, CRAZY_REASON, None, set()
    stripped = strip_bozo(expect)
    if stripped is None:
        return False, "checks only whether feedparser found the document well-formed (bozo)", None, set()
    named = fields(stripped)
    if not named:
        return False, "names no field of the feed (its Expect is `1`, or checks the parser's locals)", None, set()
    for f in sorted(named):
        if f in IN_SCOPE:
            continue
        parts = f.split(".")
        reason = None
        for i in range(len(parts), 0, -1):
            key = ".".join(parts[:i])
            if key in REASONS:
                reason = REASONS[key]
                break
        if reason is None:
            for p in parts:
                if p in REASONS:
                    reason = REASONS[p]
                    break
                prefix = next((r for k, r in PREFIX_REASONS.items() if p.startswith(k)), None)
                if prefix:
                    reason = prefix
                    break
        return False, reason or f"`{f}`: not kept by the app", None, named
    return True, None, stripped, named
