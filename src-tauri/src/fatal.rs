//! Errors that stop the app before or instead of its window. On Windows a
//! release build has no console (`windows_subsystem = "windows"`), so what
//! goes to standard error alone is never seen: there a message box says it.

/// Says `text` on standard error (and in a box on Windows), then exits.
pub fn exit(code: i32, text: &str) -> ! {
    eprintln!("khabarain-reader: {text}");
    #[cfg(windows)]
    show(text, false);
    std::process::exit(code)
}

/// A Yes/No question in a box (Windows); whether the reader said yes.
#[cfg(windows)]
pub fn ask(text: &str) -> bool {
    show(text, true)
}

/// Whether the reader's Windows speaks Arabic: the message's order and
/// direction follow it.
#[cfg(windows)]
pub fn arabic_first() -> bool {
    const LANG_ARABIC: u16 = 0x01;
    // SAFETY: no arguments; reads the user's interface language.
    let lang = unsafe { windows::Win32::Globalization::GetUserDefaultUILanguage() };
    lang & 0x3ff == LANG_ARABIC
}

#[cfg(windows)]
fn show(text: &str, yes_no: bool) -> bool {
    use windows::core::HSTRING;
    use windows::Win32::UI::WindowsAndMessaging::{
        MessageBoxW, IDYES, MB_ICONERROR, MB_OK, MB_RIGHT, MB_RTLREADING, MB_SETFOREGROUND,
        MB_YESNO,
    };
    let mut style = MB_ICONERROR | MB_SETFOREGROUND | if yes_no { MB_YESNO } else { MB_OK };
    if arabic_first() {
        style |= MB_RTLREADING | MB_RIGHT;
    }
    let (text, caption) = (
        HSTRING::from(text),
        HSTRING::from("قارئ خبرين — Khabarain Reader"),
    );
    // SAFETY: two live wide strings and no owner window.
    unsafe { MessageBoxW(None, &text, &caption, style) == IDYES }
}
