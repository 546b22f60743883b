// The settings dialog: appearance, reading, sync interval, notifications, reading rules,
// retention, sync accounts and sources. Each control saves as soon as it changes.
import { api } from "./api.js";
import { t, errorMessage } from "./i18n.js";
import { prefs, setPref, stepFont, onPrefChange, MIN_SIZE, MAX_SIZE } from "./prefs.js";
import { openDialog, closeDialog } from "./dialog.js";
import { renderSources } from "./sources.js";
import { renderAccounts } from "./accounts.js";
import { renderBackups } from "./bookmark-files.js";
import { initAlertSettings, renderAlertSettings } from "./alert-settings.js";
import { toast } from "./toast.js";
import { renderRules, renderSavedSearches } from "./rules.js";

const overlay = document.getElementById("settings");
const $ = (id) => document.getElementById(id);

export function openSettings() {
  openDialog(overlay, $("theme-select"));
  renderSources().catch((err) => toast(errorMessage(err)));
  renderAccounts().catch((err) => toast(errorMessage(err)));
  renderBackups().catch((err) => toast(errorMessage(err)));
  renderAlertSettings().catch((err) => toast(errorMessage(err)));
  renderRules().catch((err) => toast(errorMessage(err)));
  renderSavedSearches().catch((err) => toast(errorMessage(err)));
}

function showValues() {
  $("theme-select").value = prefs.theme;
  $("language-select").value = prefs.language;
  $("numerals-select").value = prefs.numerals;
  $("calendar-select").value = prefs.calendar;
  $("mark-read-on-open").checked = prefs.markReadOnOpen;
  $("font-size-value").textContent = String(prefs.fontSize);
  $("settings-smaller").disabled = prefs.fontSize <= MIN_SIZE;
  $("settings-larger").disabled = prefs.fontSize >= MAX_SIZE;
}

const save = (promise) => promise.catch((err) => toast(errorMessage(err)));

/** The dialog's controls, ready before the first list is drawn (a click on
 *  the settings button then always opens them). */
export function initSettings() {
  $("settings-btn").addEventListener("click", openSettings);
  $("settings-close").addEventListener("click", closeDialog);
  initAlertSettings();
  for (const [id, name] of [
    ["theme-select", "theme"],
    ["language-select", "language"],
    ["numerals-select", "numerals"],
    ["calendar-select", "calendar"],
  ]) {
    $(id).addEventListener("change", (e) => save(setPref(name, e.target.value)));
  }
  $("mark-read-on-open").addEventListener("change", (e) => save(setPref("markReadOnOpen", e.target.checked)));
  $("settings-smaller").addEventListener("click", () => save(stepFont(-1)));
  $("settings-larger").addEventListener("click", () => save(stepFont(1)));
  onPrefChange(showValues);
  showValues();

  const interval = $("sync-interval");
  interval.addEventListener("change", () => save(api.setSyncInterval(Number(interval.value))));
  const days = $("retention-days");
  const count = $("retention-count");
  const saveRetention = async () => {
    try {
      const report = await api.setRetention(Number(days.value), Number(count.value));
      toast(t.retentionApplied(report.articles_removed));
    } catch (err) {
      toast(errorMessage(err));
    }
  };
  days.addEventListener("change", saveRetention);
  count.addEventListener("change", saveRetention);
}

/** The values kept on the Rust side, fetched once the list is drawn. */
export async function loadSettingValues() {
  const [minutes, retention] = await Promise.all([api.syncInterval(), api.retention()]);
  $("sync-interval").value = String(minutes);
  selectValue($("retention-days"), retention.max_age_days ?? 0);
  selectValue($("retention-count"), retention.max_articles ?? 0);
}

/** Selects a value, adding it as an option when it is not one of the
 *  offered ones (set from the command line, say). */
function selectValue(select, value) {
  const v = String(value);
  if (![...select.options].some((o) => o.value === v)) {
    const o = document.createElement("option");
    o.value = v;
    o.textContent = v;
    select.append(o);
  }
  select.value = v;
}
