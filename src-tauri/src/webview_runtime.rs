//! Windows draws the window with Microsoft's WebView2 runtime. Windows 11
//! and an up-to-date Windows 10 carry it; an older or stripped-down system
//! (and Wine) may not, and then Tauri cannot make the window at all. So it
//! is asked for before the window is made, and the reader is told what is
//! missing and where to get it, in Arabic and English, instead of the app
//! closing without a word.
// The message is Windows' alone; its tests run everywhere.
#![cfg_attr(not(windows), allow(dead_code))]

/// Microsoft's page for the runtime, with its installers.
pub const DOWNLOAD_PAGE: &str = "https://developer.microsoft.com/microsoft-edge/webview2/";

const ARABIC: &str = "لا يستطيع قارئ خبرين فتح نافذته: يحتاج إلى WebView2 Runtime من مايكروسوفت \
(Microsoft Edge WebView2)، وهو غير مثبّت على هذا الحاسوب.\n\
ثبّته من صفحة مايكروسوفت ثم افتح التطبيق من جديد:";
const ENGLISH: &str = "Khabarain Reader cannot open its window: it needs Microsoft's WebView2 \
Runtime (Microsoft Edge WebView2), which is not installed on this computer.\n\
Install it from Microsoft's page, then open the app again:";
const ASK_ARABIC: &str = "هل تفتح صفحة التنزيل الآن؟";
const ASK_ENGLISH: &str = "Open the download page now?";

/// What the reader is told, the reader's own language first. `in_a_box`
/// wraps each paragraph in a directional embedding (RLE or LRE … PDF; the
/// address always left to right): a message box has one base direction for
/// all its text, and an Arabic sentence holding "WebView2 Runtime" laid out
/// left to right reads back to front.
pub fn message(arabic_first: bool, ask_to_open: bool, in_a_box: bool) -> String {
    let part = |text: &str, ask: &str, embed: char| {
        let mut lines: Vec<&str> = text.lines().collect();
        lines.push(DOWNLOAD_PAGE);
        if ask_to_open {
            lines.push("");
            lines.push(ask);
        }
        // The address reads left to right in either language.
        let wrap = |l: &&str| match (in_a_box, l.is_empty(), *l == DOWNLOAD_PAGE) {
            (true, false, true) => format!("\u{202A}{l}\u{202C}"),
            (true, false, false) => format!("{embed}{l}\u{202C}"),
            _ => l.to_string(),
        };
        lines.iter().map(wrap).collect::<Vec<_>>().join("\n")
    };
    let ar = part(ARABIC, ASK_ARABIC, '\u{202B}');
    let en = part(ENGLISH, ASK_ENGLISH, '\u{202A}');
    if arabic_first {
        format!("{ar}\n\n{en}")
    } else {
        format!("{en}\n\n{ar}")
    }
}

/// Ends the process with the message if the runtime is missing (Windows
/// only; the other systems' web views come with the system or the package).
pub fn ensure() {
    #[cfg(windows)]
    {
        if let Err(e) = tauri::webview_version() {
            tracing::error!(%e, "no WebView2 runtime");
            eprintln!("khabarain-reader: {}", message(false, false, false));
            if crate::fatal::ask(&message(crate::fatal::arabic_first(), true, true)) {
                let _ = tauri_plugin_opener::open_url(DOWNLOAD_PAGE, None::<&str>);
            }
            std::process::exit(3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_with_the_page_and_the_readers_first() {
        let ar = message(true, true, false);
        assert!(ar.starts_with("لا يستطيع قارئ خبرين"));
        assert!(ar.contains("Khabarain Reader cannot open its window"));
        assert_eq!(ar.matches(DOWNLOAD_PAGE).count(), 2);
        assert!(ar.contains(ASK_ARABIC) && ar.contains(ASK_ENGLISH));
        let en = message(false, false, false);
        assert!(en.starts_with("Khabarain Reader cannot"));
        assert!(!en.contains(ASK_ENGLISH) && en.contains(ARABIC));
        assert!(!en.contains(['\u{202A}', '\u{202B}', '\u{202C}']));
    }

    #[test]
    fn in_a_box_each_line_keeps_its_own_direction() {
        for line in message(true, true, true).lines().filter(|l| !l.is_empty()) {
            let arabic = line.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
            let url = line.contains(DOWNLOAD_PAGE);
            assert!(line.ends_with('\u{202C}'), "{line}");
            match line.chars().next() {
                Some('\u{202B}') => assert!(arabic && !url, "{line}"),
                Some('\u{202A}') => assert!(!arabic, "{line}"),
                _ => panic!("not embedded: {line}"),
            }
        }
    }
}
