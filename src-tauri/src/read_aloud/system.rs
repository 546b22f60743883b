//! The system's speech on macOS (AVFoundation) and Windows (WinRT), through
//! the `tts` crate.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tts::{Tts, UtteranceId, Voice};

use super::engine::{scale, Engine, Events, Missing, Said};

pub struct System {
    tts: Tts,
    arabic: Voice,
    english: Option<Voice>,
    lang: Option<&'static str>,
    keys: Arc<Mutex<Keys>>,
}

#[derive(Default)]
struct Keys {
    of: HashMap<UtteranceId, u64>,
    next: u64,
}

/// The language's plain voice before its variants.
fn pick(voices: &[Voice], lang: &str) -> Option<Voice> {
    let mut of_lang: Vec<&Voice> = voices
        .iter()
        .filter(|v| v.language().primary_language().eq_ignore_ascii_case(lang))
        .collect();
    of_lang.sort_by_key(|v| (v.name().len(), v.name()));
    of_lang.first().map(|v| (*v).clone())
}

pub fn connect(events: Events) -> Result<Box<dyn Engine>, Missing> {
    let no_speech = |detail: String| Missing {
        code: "no_speech",
        detail,
    };
    let tts = Tts::default().map_err(|e| no_speech(e.to_string()))?;
    if !tts.supported_features().utterance_callbacks {
        return Err(no_speech("the engine does not say what it reads".into()));
    }
    let voices = tts.voices().map_err(|e| no_speech(e.to_string()))?;
    let arabic = pick(&voices, "ar").ok_or_else(|| Missing {
        code: "no_arabic_voice",
        detail: format!("{} voices, none Arabic", voices.len()),
    })?;
    let english = pick(&voices, "en");
    let keys = Arc::new(Mutex::new(Keys::default()));
    let tell = |keys: Arc<Mutex<Keys>>, events: Events, said: fn(u64) -> Said| {
        move |id: UtteranceId| {
            if let Some(key) = keys.lock().ok().and_then(|k| k.of.get(&id).copied()) {
                let _ = events.send(said(key));
            }
        }
    };
    tts.on_utterance_begin(Some(Box::new(tell(
        keys.clone(),
        events.clone(),
        Said::Began,
    ))))
    .map_err(|e| no_speech(e.to_string()))?;
    tts.on_utterance_end(Some(Box::new(tell(keys.clone(), events, Said::Ended))))
        .map_err(|e| no_speech(e.to_string()))?;
    Ok(Box::new(System {
        tts,
        arabic,
        english,
        lang: None,
        keys,
    }))
}

impl Engine for System {
    fn say(&mut self, lang: &str, text: &str) -> Result<u64, String> {
        let (name, voice) = match (lang, &self.english) {
            ("en", Some(english)) => ("en", english),
            _ => ("ar", &self.arabic),
        };
        if self.lang != Some(name) {
            self.tts.set_voice(voice).map_err(|e| e.to_string())?;
            self.lang = Some(name);
        }
        // Held while speaking so that a "began" cannot come before its key.
        let mut keys = self.keys.lock().map_err(|e| e.to_string())?;
        let id = self
            .tts
            .speak(text, false)
            .map_err(|e| e.to_string())?
            .ok_or_else(|| "the engine gave no utterance".to_string())?;
        keys.next += 1;
        let key = keys.next;
        keys.of.insert(id, key);
        Ok(key)
    }

    fn cancel(&mut self) -> Result<(), String> {
        if let Ok(mut keys) = self.keys.lock() {
            keys.of.clear();
        }
        self.tts.stop().map(|_| ()).map_err(|e| e.to_string())
    }

    fn set_speed(&mut self, speed: f32) -> Result<(), String> {
        let rate = scale(
            speed,
            self.tts.min_rate(),
            self.tts.normal_rate(),
            self.tts.max_rate(),
        );
        self.tts
            .set_rate(rate)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}
