"""feedparser's own test documents: fetched from PyPI by hash, listed as
feedparser's harness (tests/runtests.py) lists them, each with its
`Expect:` expression."""

import dataclasses
import pathlib
import re
import subprocess
import sys
import tarfile

HERE = pathlib.Path(__file__).resolve().parent
VERSION = "6.0.14"
HOST, PORT = "127.0.0.1", 8097  # fixed: the documents name this address


@dataclasses.dataclass
class Doc:
    path: str  # relative to the sdist's root, as `tests/…/x.xml`
    description: str
    expect: str
    skip_unless: str
    http: bool  # served with the headers it names, as feedparser's harness does

    @property
    def folder(self) -> str:
        parts = self.path.split("/")
        return "/".join(parts[1:-1]) or parts[1]

    @property
    def url(self) -> str:
        return f"http://{HOST}:{PORT}/{self.path}"


def venv(work: pathlib.Path) -> pathlib.Path:
    """A virtual environment of the harness's own (Debian's system Python
    takes no packages from pip): its Python."""
    python = work / "venv" / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(work / "venv")], check=True)
    return python


def fetch(work: pathlib.Path, python: pathlib.Path) -> pathlib.Path:
    """The sdist and the peer's wheels in `work/dist` (downloaded once,
    hash-checked by pip); the sdist unpacked; returns its root."""
    dist = work / "dist"
    sdist = dist / f"feedparser-{VERSION}.tar.gz"
    if not sdist.exists():
        dist.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [str(python), "-m", "pip", "download", "--quiet", "--no-deps",
             "--no-binary", "feedparser", "--require-hashes",
             "-r", str(HERE / "requirements.txt"), "-d", str(dist)],
            check=True)
    root = work / f"feedparser-{VERSION}"
    if not (root / "tests").is_dir():
        with tarfile.open(sdist) as tar:
            tar.extractall(work, filter="data")
    return root


def peer_python(work: pathlib.Path, python: pathlib.Path) -> pathlib.Path:
    """The harness's venv with feedparser's sgmllib and chardet installed
    from the hash-checked wheels; feedparser itself runs from the sdist's
    source (pure Python, on PYTHONPATH)."""
    lib = work / "venv-ready"
    if not lib.exists():
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
             "--find-links", str(work / "dist"), "feedparser-sgmllib", "chardet"],
            check=True)
        lib.touch()
    return python


def to_utf8(data: bytes) -> bytes:
    """runtests.py's convert_to_utf8: only to read the comment of a document
    written in UTF-16, UTF-32 or EBCDIC; the document is served as it is."""
    boms = [
        (b"\x4c\x6f\xa7\x94", "cp037", 0), (b"\x00\x00\xfe\xff", "utf-32be", 0),
        (b"\xff\xfe\x00\x00", "utf-32le", 0), (b"\x00\x00\x00\x3c", "utf-32be", 0),
        (b"\x3c\x00\x00\x00", "utf-32le", 0), (b"\x00\x3c\x00\x3f", "utf-16be", 0),
        (b"\x3c\x00\x3f\x00", "utf-16le", 0),
    ]
    for prefix, codec, skip in boms:
        if data[:4] == prefix:
            return data[skip:].decode(codec).encode("utf-8")
    if data[:2] == b"\xfe\xff" and data[2:4] != b"\x00\x00":
        return data[2:].decode("utf-16be").encode("utf-8")
    if data[:2] == b"\xff\xfe" and data[2:4] != b"\x00\x00":
        return data[2:].decode("utf-16le").encode("utf-8")
    if data[:3] == b"\xef\xbb\xbf":
        return data[3:]
    return data


SKIP_RE = re.compile(rb"SkipUnless:\s*(.*?)\n")
DESC_RE = re.compile(rb"Description:\s*(.*?)\s*Expect:\s*(.*)\s*-->")


def documents(root: pathlib.Path) -> list[Doc]:
    """The documents runtests.py makes test cases of (its globs: two folders
    deep, plus encoding/, illformed/ and entities/), in a stable order."""
    tests = root / "tests"
    paths = set(tests.glob("*/*/*.xml"))
    for folder in ("encoding", "illformed", "entities"):
        paths |= set((tests / folder).glob("*.xml"))
    docs = []
    for p in sorted(paths):
        rel = p.relative_to(root).as_posix()
        data = p.read_bytes()
        if "encoding" in rel:
            data = to_utf8(data)
        m = DESC_RE.search(data)
        if not m:
            raise RuntimeError(f"no Description/Expect in {rel}")
        skip = SKIP_RE.search(data)
        docs.append(Doc(
            path=rel,
            description=m.group(1).decode("utf-8").strip(),
            expect=m.group(2).decode("utf-8").strip(),
            skip_unless=skip.group(1).decode("utf-8").strip() if skip else "1",
            http="http" in rel,
        ))
    return docs
