// Reading aloud (استمع): the button and key start the open article, the bar
// pauses, resumes, stops and sets the speed, and the passage being said is
// highlighted and kept in view. The speaking itself is the system's, in
// Rust; it tells where it is through `speech://state`.
import { api, listen } from "./api.js";
import { t, num, errorMessage } from "./i18n.js";
import { icon } from "./icons.js";
import { prefs, setPref } from "./prefs.js";
import { currentArticle } from "./reader.js";
import { toast } from "./toast.js";

// The body's text blocks, numbered as the core's script numbers them
// (khabarain_core::speech::script::BLOCKS).
export const BLOCKS = "p, h2, h3, h4, h5, h6, li, blockquote";
export const SPEEDS = [0.75, 1, 1.25, 1.5, 2];

const listenBtn = document.getElementById("listen-btn");
const bar = document.getElementById("speech-bar");
const pauseBtn = document.getElementById("speech-pause");
const stopBtn = document.getElementById("speech-stop");
const rateSelect = document.getElementById("speech-rate");
const where = document.getElementById("speech-where");

let status = { state: "idle", article: null, part: null, index: 0, total: 0 };
// Why speech cannot be had here, once a try said so.
let missing = null;

/** The element of the reading view that a passage's part names. */
export function partElement(article, part) {
  if (!article || !part) return null;
  if (part.kind === "title") return article.querySelector("#article-title");
  if (part.kind === "summary") return article.querySelector("header .summary");
  if (part.kind === "block") return article.querySelector(".body")?.querySelectorAll(BLOCKS)[part.index] || null;
  return null;
}

function highlight() {
  const article = document.getElementById("article");
  for (const old of article.querySelectorAll(".speaking")) old.classList.remove("speaking");
  const open = currentArticle();
  if (status.state === "idle" || !open || open.id !== status.article) return;
  const el = partElement(article, status.part);
  if (!el) return;
  el.classList.add("speaking");
  if (status.state !== "speaking") return;
  const reader = document.getElementById("reader");
  const box = el.getBoundingClientRect();
  const view = reader.getBoundingClientRect();
  if (box.top < view.top + 48 || box.bottom > view.bottom) {
    const smooth = !matchMedia("(prefers-reduced-motion: reduce)").matches;
    el.scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" });
  }
}

function draw() {
  const active = status.state !== "idle";
  bar.hidden = !active;
  const open = currentArticle();
  const here = active && open && open.id === status.article;
  listenBtn.setAttribute("aria-pressed", String(Boolean(here)));
  const paused = status.state === "paused";
  pauseBtn.replaceChildren(icon(paused ? "play" : "pause"));
  pauseBtn.setAttribute("aria-label", paused ? t.speech.resume : t.speech.pause);
  pauseBtn.title = pauseBtn.getAttribute("aria-label");
  where.textContent = active ? t.speech.where(num(status.index + 1), num(status.total), paused) : "";
  bar.dataset.state = status.state;
  highlight();
}

function failed(err) {
  const code = err && err.code;
  if (code === "no_speech" || code === "no_arabic_voice") {
    missing = code;
    listenBtn.dataset.missing = code;
    listenBtn.title = t.errors[code];
  }
  toast(errorMessage(err), 6000);
}

async function run(call) {
  try {
    status = await call();
    draw();
  } catch (err) {
    failed(err);
  }
}

/** Listen: starts the open article, or pauses and resumes it. */
export function toggle() {
  const open = currentArticle();
  if (!open) return;
  if (missing) {
    toast(t.errors[missing], 6000);
    return;
  }
  if (status.article === open.id && status.state === "speaking") return run(() => api.speechPause(true));
  if (status.article === open.id && status.state === "paused") return run(() => api.speechPause(false));
  return run(() => api.speechStart(open.id, 0, prefs.speechRate));
}

/** The article shown changed: its highlight, if it is the one being read. */
export const articleShown = draw;

export async function initReadAloud() {
  listenBtn.addEventListener("click", toggle);
  pauseBtn.addEventListener("click", () => run(() => api.speechPause(status.state !== "paused")));
  stopBtn.replaceChildren(icon("stop"));
  stopBtn.addEventListener("click", () => run(() => api.speechStop()));
  rateSelect.replaceChildren(
    ...SPEEDS.map((s) => {
      const o = document.createElement("option");
      o.value = String(s);
      o.textContent = `${num(s)}×`;
      return o;
    }),
  );
  rateSelect.value = String(SPEEDS.includes(prefs.speechRate) ? prefs.speechRate : 1);
  rateSelect.addEventListener("change", async () => {
    const rate = Number(rateSelect.value);
    await setPref("speechRate", rate);
    if (status.state !== "idle") await run(() => api.speechRate(rate));
  });
  await listen("speech://state", (s) => {
    status = s;
    draw();
  });
  status = await api.speechStatus();
  draw();
}
