//! Speech Dispatcher, the speech service of Linux desktops, through its
//! client library. The server is started by the library when none runs.

use speech_dispatcher::{Connection, Mode, Priority};

use super::engine::{scale, Engine, Events, Missing, Said};

pub struct Speechd {
    conn: Connection,
    lang: Option<String>,
}

pub fn connect(events: Events) -> Result<Box<dyn Engine>, Missing> {
    let no_speech = |detail: String| Missing {
        code: "no_speech",
        detail,
    };
    let conn = Connection::open("khabarain-reader", "read-aloud", "user", Mode::Threaded)
        .map_err(|e| no_speech(format!("Speech Dispatcher: {e:?}")))?;
    let voices = conn
        .list_synthesis_voices()
        .map_err(|e| no_speech(format!("no voices: {e:?}")))?;
    if !voices
        .iter()
        .any(|v| v.language.split(['-', '_']).next() == Some("ar"))
    {
        return Err(Missing {
            code: "no_arabic_voice",
            detail: format!("{} voices, none Arabic", voices.len()),
        });
    }
    tracing::info!(voices = voices.len(), "Speech Dispatcher ready");
    // Callbacks run on the library's thread, which must not wait on the
    // app's locks (a cancel waits for that thread's reply): they only send.
    let (began, ended, cancelled) = (events.clone(), events.clone(), events);
    conn.on_begin(Some(Box::new(move |msg, _client| {
        let _ = began.send(Said::Began(msg as u64));
    })));
    conn.on_end(Some(Box::new(move |msg, _client| {
        let _ = ended.send(Said::Ended(msg as u64));
    })));
    conn.on_cancel(Some(Box::new(move |msg, _client| {
        let _ = cancelled.send(Said::Cancelled(msg as u64));
    })));
    Ok(Box::new(Speechd { conn, lang: None }))
}

impl Engine for Speechd {
    fn say(&mut self, lang: &str, text: &str) -> Result<u64, String> {
        if self.lang.as_deref() != Some(lang) {
            // The module's voice for the language: no list to search.
            self.conn
                .set_language(lang)
                .map_err(|e| format!("language {lang}: {e:?}"))?;
            self.lang = Some(lang.to_string());
        }
        // Message priority: queued behind one another. (Text priority keeps
        // only the newest of a client's queued texts.)
        self.conn
            .say(Priority::Message, text.replace('\0', ""))
            .ok_or_else(|| "Speech Dispatcher refused the text".to_string())
    }

    fn cancel(&mut self) -> Result<(), String> {
        self.conn.cancel().map_err(|e| format!("cancel: {e:?}"))
    }

    fn set_speed(&mut self, speed: f32) -> Result<(), String> {
        let rate = scale(speed, -100.0, 0.0, 100.0).round() as i32;
        self.conn
            .set_voice_rate(rate)
            .map_err(|e| format!("rate {rate}: {e:?}"))
    }
}

impl Drop for Speechd {
    fn drop(&mut self) {
        let _ = self.conn.cancel();
        self.conn.close();
    }
}
