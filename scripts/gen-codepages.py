#!/usr/bin/env python3
"""Writes core/src/fetch/codepages.rs: the single-byte code pages that feeds
declare and that the WHATWG Encoding Standard (encoding_rs) does not read —
DOS (437, 720 and 864 for Arabic, 850…), Mac (Arabic, Farsi, Greek…) and
EBCDIC (037, 500…) — as 256-character tables, with every name Python's
codec registry knows them by. The tables are the Unicode Consortium's
vendor mappings as CPython's codecs carry them.

    python3 scripts/gen-codepages.py > core/src/fetch/codepages.rs
"""

import codecs
import encodings.aliases

PAGES = ["cp037", "cp273", "cp500", "cp875", "cp1026", "cp1140",
         "cp437", "cp720", "cp737", "cp775", "cp850", "cp852", "cp855", "cp856", "cp857", "cp858",
         "cp860", "cp861", "cp862", "cp863", "cp864", "cp865", "cp869", "cp1125", "koi8_t",
         "mac_arabic", "mac_croatian", "mac_farsi", "mac_greek", "mac_iceland", "mac_latin2",
         "mac_romanian", "mac_turkish"]


def label(s: str) -> str:
    return s.lower().replace("_", "-")


def main():
    out = [
        "//! Single-byte code pages feeds declare that the WHATWG Encoding Standard",
        "//! (encoding_rs) does not read: DOS (437; 720 and 864, Arabic; 850…), Mac",
        "//! (Arabic, Farsi, Greek…) and EBCDIC (037, 500…). Made by",
        "//! `scripts/gen-codepages.py` from the Unicode Consortium's vendor",
        "//! mappings as CPython's codecs carry them; do not edit by hand.",
        "",
        "/// A code page: its names (lower case, `-` for `_`) and what each byte is",
        "/// (U+FFFD where the page leaves a byte undefined).",
        "pub(super) struct CodePage {",
        "    pub name: &'static str,",
        "    pub labels: &'static [&'static str],",
        "    pub chars: &'static [u16; 256],",
        "}",
        "",
        "#[rustfmt::skip]",
        "pub(super) static PAGES: &[CodePage] = &[",
    ]
    for name in PAGES:
        info = codecs.lookup(name)
        chars = [ord(bytes([b]).decode(name, errors="replace")) for b in range(256)]
        assert all(c <= 0xFFFF for c in chars)
        labels = {label(name), label(info.name)}
        labels |= {label(k) for k, v in encodings.aliases.aliases.items() if v == name}
        if name.startswith("cp") and name[2:].isdigit():
            labels |= {name[2:], "ibm" + name[2:], "ibm-" + name[2:], "cp-" + name[2:]}
        out.append("    CodePage {")
        out.append(f'        name: "{info.name}",')
        out.append("        labels: &[" + ", ".join(f'"{l}"' for l in sorted(labels)) + "],")
        out.append("        chars: &[")
        for row in range(0, 256, 12):
            out.append("            " + ", ".join(f"0x{c:04x}" for c in chars[row:row + 12]) + ",")
        out.append("        ],")
        out.append("    },")
    out.append("];")
    print("\n".join(out))


if __name__ == "__main__":
    main()
