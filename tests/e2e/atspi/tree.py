#!/usr/bin/env python3
"""Prints, as JSON, the accessibility tree a screen reader (Orca) gets from
the running Khabarain Reader over AT-SPI: each node's role, name,
description, states and children, from the app's frame down. Run on the
app's D-Bus session (DBUS_SESSION_BUS_ADDRESS) under its X display.

    tree.py APP_NAME [TIMEOUT_SECONDS]

Waits until the app is registered and its document has content. Uses
Debian's python3-pyatspi (the client library Orca itself uses)."""

import json
import sys
import time

import pyatspi

MAX_DEPTH = 60


def node(acc, depth=0):
    try:
        states = sorted(pyatspi.stateToString(s) for s in acc.getState().getStates())
    except Exception:  # a node gone while walking: a list redrawn
        states = []
    out = {
        "role": acc.getRoleName(),
        "name": acc.name or "",
        "description": acc.description or "",
        "states": states,
    }
    try:
        attrs = dict(a.split(":", 1) for a in acc.getAttributes() if ":" in a)
    except Exception:
        attrs = {}
    for key in ("tag", "level", "xml-roles", "id", "posinset", "setsize"):
        if key in attrs:
            out[key] = attrs[key]
    if depth < MAX_DEPTH:
        children = []
        for i in range(acc.childCount):
            try:
                child = acc.getChildAtIndex(i)
            except Exception:
                continue
            if child is not None:
                children.append(node(child, depth + 1))
        out["children"] = children
    return out


def find_app(name):
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        if app is not None and app.name == name:
            return app
    return None


def main():
    name = sys.argv[1]
    timeout = float(sys.argv[2]) if len(sys.argv) > 2 else 30
    deadline = time.time() + timeout
    while True:
        app = find_app(name)
        if app is not None:
            tree = node(app)
            if any(n["role"] == "document web" for n in walk(tree)):
                print(json.dumps(tree, ensure_ascii=False))
                return 0
        if time.time() > deadline:
            desktop = pyatspi.Registry.getDesktop(0)
            names = [desktop.getChildAtIndex(i).name for i in range(desktop.childCount)]
            print(f"no {name} with a document on the accessibility bus; apps: {names}", file=sys.stderr)
            return 1
        time.sleep(0.5)


def walk(tree):
    yield tree
    for c in tree.get("children", []):
        yield from walk(c)


if __name__ == "__main__":
    sys.exit(main())
