// The only module that talks to the Rust side.
const tauri = window.__TAURI__;

export const invoke = (cmd, args) => tauri.core.invoke(cmd, args);
export const listen = (event, handler) => tauri.event.listen(event, (e) => handler(e.payload));

/** URL of a cached image, served by the app's `kimg` scheme (never the network). */
export const imageUrl = (hash) => (hash ? tauri.core.convertFileSrc(hash, "kimg") : null);

export const api = {
  appInfo: () => invoke("app_info"),
  // The page's own clock (ms since its navigation began) goes along, so the
  // log splits start-up into the native part and the page's part.
  milestone: (name, count) => invoke("milestone", { name, count, pageMs: performance.now() }),
  categories: () => invoke("categories"),
  listArticles: (args) => invoke("list_articles", { args }),
  countArticles: (args) => invoke("count_articles", { args }),
  listPosition: (args, id) => invoke("list_position", { args, id }),
  article: (id) => invoke("get_article", { id }),
  setRead: (id, read) => invoke("set_read", { id, read }),
  // Removing returns the bookmark removed (for undo).
  setBookmark: (id, bookmarked) => invoke("set_bookmark", { id, bookmarked }),
  restoreBookmark: (bookmark) => invoke("restore_bookmark", { bookmark }),
  annotateBookmark: (id, note, tags) => invoke("annotate_bookmark", { id, note, tags }),
  bookmarkTags: () => invoke("bookmark_tags"),
  exportBookmarks: (format) => invoke("export_bookmarks", { format }),
  showExportFolder: () => invoke("show_export_folder"),
  importBookmarks: (text) => invoke("import_bookmarks", { text }),
  backups: () => invoke("backups"),
  restoreBackup: (name) => invoke("restore_backup", { name }),
  markAllRead: (args) => invoke("mark_all_read", { args }),
  markUnread: (ids) => invoke("mark_unread", { ids }),
  setReadingPosition: (id, position) => invoke("set_reading_position", { id, position }),
  syncNow: () => invoke("sync_now"),
  speechStart: (id, from, rate) => invoke("speech_start", { id, from, rate }),
  speechPause: (paused) => invoke("speech_pause", { paused }),
  speechStop: () => invoke("speech_stop"),
  speechRate: (rate) => invoke("speech_rate", { rate }),
  speechStatus: () => invoke("speech_status"),
  prefs: () => invoke("get_prefs"),
  setPref: (key, value) => invoke("set_pref", { key, value: String(value) }),
  setZoom: (level) => invoke("set_zoom", { level }),
  cancelSync: () => invoke("cancel_sync"),
  sources: () => invoke("sources"),
  addSource: (address) => invoke("add_source", { address }),
  importOpml: (text) => invoke("import_opml", { text }),
  accounts: () => invoke("accounts"),
  testAccount: (kind, server, user, secret) => invoke("test_account", { kind, server, user, secret }),
  addAccount: (kind, server, user, secret, place) => invoke("add_account", { kind, server, user, secret, place }),
  setAccountSecret: (id, secret) => invoke("set_account_secret", { id, secret }),
  removeAccount: (id) => invoke("remove_account", { id }),
  restoreRemovedBookmark: (id) => invoke("restore_removed_bookmark", { id }),
  exportOpml: () => invoke("export_opml"),
  setSourceEnabled: (id, enabled) => invoke("set_source_enabled", { id, enabled }),
  removeSource: (id) => invoke("remove_source", { id }),
  syncInterval: () => invoke("sync_interval"),
  setSyncInterval: (minutes) => invoke("set_sync_interval", { minutes }),
  alertSettings: () => invoke("alert_settings"),
  setAlertSettings: (settings) => invoke("set_alert_settings", { settings }),
  background: () => invoke("background"),
  setBackground: (settings) => invoke("set_background", { settings }),
  retention: () => invoke("retention"),
  setRetention: (maxAgeDays, maxArticles) => invoke("set_retention", { maxAgeDays, maxArticles }),
  shareLinks: (id, quote = null) => invoke("share_links", { id, quote }),
  copyLink: (id, withTitle, quote = null) => invoke("copy_link", { id, withTitle, quote }),
  openExternal: (url) => invoke("open_external", { url }),
};
