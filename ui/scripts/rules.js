// Reading rules in the window: the editor (a count of what the rule would
// catch, and its first headlines, as the reader types), the list in the
// settings, a mute made from words selected in an article, and the note on
// a hidden article with a button that shows it again. The core matches the
// words as search does and checks every rule.
import { api } from "./api.js";
import { t, errorMessage } from "./i18n.js";
import { openDialog, closeDialog } from "./dialog.js";
import { toast } from "./toast.js";

const $ = (id) => document.getElementById(id);
const overlay = $("rule-editor");
const form = $("rule-form");
const words = $("rule-words");
const action = $("rule-action");
const field = $("rule-field");
const section = $("rule-section");
const source = $("rule-source");
const author = $("rule-author");
const feedTag = $("rule-feed-tag");
const tag = $("rule-tag");
const count = $("rule-count");
const first = $("rule-first");
const UNDO_MS = 8000;
// The rule being changed (null: a new one).
let editing = null;

// Called after a rule changed what the lists hold (the list and the
// navigation's counts are drawn again).
let changed = () => {};

function spec() {
  return {
    words: words.value.trim(),
    action: action.value,
    field: field.value,
    category: section.value || null,
    source_id: source.value ? Number(source.value) : null,
    author: author.value.trim() || null,
    feed_tag: feedTag.value.trim() || null,
    tag: action.value === "bookmark" ? tag.value.trim() || null : null,
  };
}

/** What is missing before the rule can be kept, in the reader's words. */
function missing(s) {
  if (!s.words) return "";
  if (s.action === "bookmark" && !s.tag) return t.ruleNeedsTag;
  if (s.action === "only" && !s.category && s.source_id === null) return t.ruleNeedsSection;
  return null;
}

/** An <option>: `value`, shown as `label` (a datalist's shows its value). */
function option(value, label = null) {
  const o = document.createElement("option");
  o.value = value;
  if (label !== null) o.textContent = label;
  return o;
}

let previewGen = 0;
let previewTimer = null;
async function preview() {
  const gen = ++previewGen;
  const s = spec();
  tag.closest(".field").hidden = s.action !== "bookmark";
  const why = missing(s);
  $("rule-save").disabled = why !== null;
  if (!s.words) {
    count.textContent = "";
    first.replaceChildren();
    return;
  }
  try {
    // The count is of what the words catch: a rule that still misses its
    // tag or section is previewed as a hiding one.
    const p = await api.previewRule(why ? { ...s, action: "hide", tag: null } : s);
    if (gen !== previewGen) return;
    count.textContent = why || t.ruleCatches(p.count);
    first.replaceChildren(
      ...p.first.map(([, title]) => {
        const li = document.createElement("li");
        li.dir = "auto";
        li.textContent = title;
        return li;
      }),
    );
  } catch (err) {
    if (gen === previewGen) count.textContent = errorMessage(err);
  }
}

const schedule = () => {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(preview, 150);
};

/** Opens the editor, with `text` (words selected in an article) typed in,
 *  or with the rule `rule` to change. */
export async function openRuleEditor(text = "", rule = null) {
  editing = rule;
  // What the rule can be narrowed to: the sections, the sources, and the
  // authors and feed tags the stored stories name (offered as one types).
  const [cats, sources, names] = await Promise.all([
    api.categories().catch(() => []),
    api.sources().catch(() => []),
    api.bylineNames().catch(() => ({ authors: [], feed_tags: [] })),
  ]);
  section.replaceChildren(
    option("", t.allSections),
    ...cats.map((c) => option(c.slug, c.name)),
  );
  source.replaceChildren(
    option("", t.allSources),
    ...sources.map((s) => option(String(s.id), s.title || s.url)),
  );
  $("rule-authors").replaceChildren(...names.authors.map((n) => option(n)));
  $("rule-feed-tags").replaceChildren(...names.feed_tags.map((n) => option(n)));
  form.reset();
  words.value = rule ? rule.words : text;
  if (rule) {
    action.value = rule.action;
    field.value = rule.field;
    section.value = rule.category || "";
    source.value = rule.source_id === null ? "" : String(rule.source_id);
    author.value = rule.author || "";
    feedTag.value = rule.feed_tag || "";
    tag.value = rule.tag || "";
  }
  $("rule-title").textContent = rule ? t.ruleChange : t.ruleNew;
  openDialog(overlay, words);
  words.select();
  preview();
}

async function save(e) {
  e.preventDefault();
  const s = spec();
  if (missing(s) !== null) return;
  try {
    // A change is applied anew to what is stored; its undo puts the rule
    // back as it was.
    const previous = editing;
    const applied = previous ? await api.updateRule(previous.id, s) : await api.addRule(s);
    closeDialog();
    toast(t.ruleApplied[s.action](applied.count), UNDO_MS, {
      label: t.undo,
      run: async () => {
        await api.undoRule(applied.batch, previous).catch((err) => toast(errorMessage(err)));
        changed();
        renderRules().catch(() => {});
      },
    });
    changed();
    renderRules().catch(() => {});
  } catch (err) {
    count.textContent = errorMessage(err);
  }
}

/** The settings' list of rules: what each does to which words, how many
 *  stored stories it catches, and a button to remove it. */
export async function renderRules() {
  const list = $("rule-list");
  const [rules, cats, sources] = await Promise.all([
    api.rules(),
    api.categories().catch(() => []),
    api.sources().catch(() => []),
  ]);
  const sectionName = new Map(cats.map((c) => [c.slug, c.name]));
  const sourceName = new Map(sources.map((s) => [s.id, s.title || s.url]));
  if (!rules.length) {
    const li = document.createElement("li");
    li.className = "hint";
    li.textContent = t.ruleNone;
    list.replaceChildren(li);
    return;
  }
  list.replaceChildren(
    ...rules.map((r) => {
      const li = document.createElement("li");
      li.className = "rule";
      li.dataset.id = r.id;
      const text = document.createElement("span");
      text.className = "source-text";
      const name = document.createElement("span");
      name.className = "source-name";
      name.dir = "auto";
      name.textContent = r.words;
      const state = document.createElement("span");
      state.className = "source-state";
      state.textContent = [
        t.ruleActions[r.action],
        r.tag ? `«${r.tag}»` : null,
        r.field !== "any" ? t.ruleFields[r.field] : null,
        r.category ? sectionName.get(r.category) || r.category : null,
        r.source_id === null ? null : sourceName.get(r.source_id),
        r.author ? t.ruleByAuthor(r.author) : null,
        r.feed_tag ? t.ruleWithFeedTag(r.feed_tag) : null,
        t.ruleStored(r.hits),
      ]
        .filter(Boolean)
        .join(" · ");
      text.append(name, state);
      const change = document.createElement("button");
      change.type = "button";
      change.className = "button small";
      change.textContent = t.ruleEdit;
      change.setAttribute("aria-label", `${t.ruleEdit}: ${r.words}`);
      change.addEventListener("click", () => openRuleEditor("", r).catch((err) => toast(errorMessage(err))));
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "button small";
      remove.textContent = t.ruleRemove;
      remove.setAttribute("aria-label", `${t.ruleRemove}: ${r.words}`);
      remove.addEventListener("click", async () => {
        try {
          await api.removeRule(r.id);
          toast(t.ruleRemoved);
          changed();
        } catch (err) {
          toast(errorMessage(err));
        }
        await renderRules();
      });
      const buttons = document.createElement("span");
      buttons.className = "row-actions";
      buttons.append(change, remove);
      li.append(text, buttons);
      return li;
    }),
  );
}

/** The settings' list of saved searches, each with a button to remove it. */
export async function renderSavedSearches() {
  const list = $("saved-search-list");
  const saved = await api.savedSearches();
  if (!saved.length) {
    const li = document.createElement("li");
    li.className = "hint";
    li.textContent = t.savedSearchNone;
    list.replaceChildren(li);
    return;
  }
  list.replaceChildren(
    ...saved.map((s) => {
      const li = document.createElement("li");
      li.className = "rule";
      const text = document.createElement("span");
      text.className = "source-text";
      const name = document.createElement("span");
      name.className = "source-name";
      name.dir = "auto";
      name.textContent = s.name;
      const state = document.createElement("span");
      state.className = "source-state";
      state.dir = "auto";
      state.textContent = [s.query !== s.name ? s.query : null, s.category, s.unread_only ? t.unread : null]
        .filter(Boolean)
        .join(" · ");
      text.append(name, state);
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "button small";
      remove.textContent = t.savedSearchRemove;
      remove.setAttribute("aria-label", `${t.savedSearchRemove}: ${s.name}`);
      remove.addEventListener("click", async () => {
        try {
          await api.removeSavedSearch(s.id);
          changed();
        } catch (err) {
          toast(errorMessage(err));
        }
        await renderSavedSearches();
      });
      li.append(text, remove);
      return li;
    }),
  );
}

/** A note over a hidden article: the rule, and a button that shows the
 *  article again (with an undo). */
export async function noteIfHidden(id) {
  const by = await api.hiddenBy(id).catch(() => null);
  const article = $("article");
  $("reader").querySelector(".hidden-note")?.remove();
  if (!by) return;
  const note = document.createElement("p");
  note.className = "hidden-note";
  note.setAttribute("role", "note");
  const words = document.createElement("bdi");
  words.textContent = `«${by.words}»`;
  const show = document.createElement("button");
  show.type = "button";
  show.className = "button small";
  show.id = "show-again";
  show.textContent = t.showAgain;
  show.addEventListener("click", async () => {
    try {
      const rules = await api.showAgain(id);
      note.remove();
      toast(t.shownAgain, UNDO_MS, {
        label: t.undo,
        run: async () => {
          await api.hideAgain(id, rules).catch((err) => toast(errorMessage(err)));
          changed();
        },
      });
      changed();
    } catch (err) {
      toast(errorMessage(err));
    }
  });
  note.append(`${t.hiddenBy} `, words, " ", show);
  // A bar under the toolbar, not the article's first line: the article
  // opens where the reader left it, and the note must be seen wherever.
  article.before(note);
}

export function initRules(onChange, selected) {
  changed = onChange;
  form.addEventListener("submit", save);
  $("rule-cancel").addEventListener("click", closeDialog);
  for (const el of [words, tag, author, feedTag]) el.addEventListener("input", schedule);
  for (const el of [action, field, section, source]) el.addEventListener("change", preview);
  $("rule-add").addEventListener("click", () => openRuleEditor().catch((err) => toast(errorMessage(err))));
  const say = (text, isError = false) => {
    $("rules-status").textContent = text;
    $("rules-status").classList.toggle("error", isError);
  };
  $("rules-export").addEventListener("click", async () => {
    try {
      const path = await api.exportRules();
      say(t.rulesExported(path));
      toast(t.rulesExported(path), 8000, { label: t.openFolder, run: () => api.showExportFolder().catch(() => {}) });
    } catch (err) {
      say(errorMessage(err), true);
    }
  });
  const input = $("rules-import");
  input.addEventListener("change", async () => {
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    try {
      // The core refuses more than this before reading it.
      if (file.size > 1024 * 1024) throw { code: "too_large" };
      say(t.rulesImported(await api.importRules(await file.text())));
      changed();
      await Promise.all([renderRules(), renderSavedSearches()]);
    } catch (err) {
      say(errorMessage(err), true);
    }
  });
  const mute = $("mute-btn");
  // Pressing the button must not lose the selection it reads.
  mute.addEventListener("mousedown", (e) => e.preventDefault());
  mute.addEventListener("click", () => {
    const text = selected() || "";
    $("selection-tools").hidden = true;
    // A few words, without the punctuation a selection takes along.
    const picked = text
      .replace(/[.,:;!?،؛؟"'«»()[\]{}\u2018-\u201f]/g, " ")
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 4)
      .join(" ");
    openRuleEditor(picked).catch((err) => toast(errorMessage(err)));
  });
}
