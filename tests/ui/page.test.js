// The page's structure, under Node: what index.html loads.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";

const ui = new URL("../../ui/", import.meta.url);

test("index.html preloads every module, and only modules that exist", () => {
  const html = readFileSync(new URL("index.html", ui), "utf8");
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]).sort();
  const modules = ["scripts", "i18n"]
    .flatMap((d) => readdirSync(new URL(`${d}/`, ui)).filter((f) => f.endsWith(".js")).map((f) => `${d}/${f}`))
    .filter((m) => m !== "scripts/main.js")
    .sort();
  assert.deepEqual(preloaded, modules);
});
