// The settings' notifications section: urgent items, sections followed,
// quiet hours (alert_settings), and the app in the tray and at login
// (background). Kept on the Rust side; each change saves its whole part.
import { api } from "./api.js";
import { errorMessage } from "./i18n.js";
import { toast } from "./toast.js";

const $ = (id) => document.getElementById(id);
const DEFAULT_QUIET = { start: 22 * 60, end: 7 * 60 };
let quiet = DEFAULT_QUIET;

const hhmm = (m) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
const minutes = (v) => {
  const [h, m] = v.split(":").map(Number);
  return Number.isInteger(h) && Number.isInteger(m) ? h * 60 + m : null;
};

function collect() {
  const start = minutes($("alerts-quiet-start").value);
  const end = minutes($("alerts-quiet-end").value);
  const on = $("alerts-quiet").checked && start !== null && end !== null && start !== end;
  return {
    urgent: $("alerts-urgent").checked,
    sections: [...$("alerts-sections").querySelectorAll("input:checked")].map((i) => i.value),
    quiet: on ? { start, end } : null,
  };
}

async function save() {
  try {
    await api.setAlertSettings(collect());
  } catch (err) {
    toast(errorMessage(err));
  }
}

async function saveBackground() {
  try {
    await api.setBackground({ tray: $("background-tray").checked, autostart: $("background-autostart").checked });
  } catch (err) {
    toast(errorMessage(err));
    await renderBackground().catch(() => {});
  }
}

async function renderBackground() {
  const b = await api.background();
  $("background-tray").checked = b.tray;
  $("background-autostart").checked = b.autostart;
}

export function initAlertSettings() {
  $("background-tray").addEventListener("change", saveBackground);
  $("background-autostart").addEventListener("change", saveBackground);
  for (const id of ["alerts-urgent", "alerts-quiet", "alerts-quiet-start", "alerts-quiet-end"]) {
    $(id).addEventListener("change", save);
  }
  $("alerts-sections").addEventListener("change", save);
}

/** Draws the section from what is stored, one box per category. */
export async function renderAlertSettings() {
  const [settings, categories] = await Promise.all([api.alertSettings(), api.categories(), renderBackground()]);
  $("alerts-urgent").checked = settings.urgent;
  const box = $("alerts-sections");
  box.querySelectorAll("label").forEach((l) => l.remove());
  for (const c of categories) {
    const label = document.createElement("label");
    label.className = "check";
    const input = document.createElement("input");
    input.type = "checkbox";
    input.value = c.slug;
    input.checked = settings.sections.includes(c.slug);
    const name = document.createElement("bdi");
    name.textContent = c.name;
    label.append(input, name);
    box.append(label);
  }
  quiet = settings.quiet ?? quiet;
  $("alerts-quiet").checked = settings.quiet !== null;
  $("alerts-quiet-start").value = hhmm(quiet.start);
  $("alerts-quiet-end").value = hhmm(quiet.end);
}
