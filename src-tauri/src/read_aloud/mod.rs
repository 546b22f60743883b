//! Reading an article aloud with the system's speech: Speech Dispatcher on
//! Linux, AVFoundation on macOS, WinRT on Windows (`engine` and one module
//! per platform).
//!
//! The core turns the article into passages of one-language segments
//! (`khabarain_core::speech::script`); here they are queued on the engine,
//! each segment with the voice of its language, and the engine's "began
//! saying utterance N" callbacks tell the window which passage to highlight.
//! The engines have no common pause: pausing stops and remembers the
//! passage, resuming says that passage again from its start. A new speed is
//! applied the same way, from the passage being said.

mod engine;
#[cfg(target_os = "linux")]
mod speechd;
#[cfg(not(target_os = "linux"))]
mod system;

use std::collections::HashMap;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use khabarain_core::speech::script::{script, Part, Passage};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State};

use crate::error::{CmdResult, CommandError};
use crate::state::AppState;
use engine::{Engine, Said};

/// Where the speaking is (payload: [`Status`]).
pub const EVENT: &str = "speech://state";

/// The slowest and fastest speeds offered, as multiples of the voice's own.
const SLOWEST: f32 = 0.5;
const FASTEST: f32 = 2.0;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Status {
    /// "idle", "speaking" or "paused".
    pub state: &'static str,
    pub article: Option<i64>,
    /// The passage being said (or paused at).
    pub part: Option<Part>,
    /// Its place among the article's passages, and how many there are.
    pub index: usize,
    pub total: usize,
    pub rate: f32,
}

struct Run {
    article: i64,
    passages: Vec<Passage>,
    at: usize,
    paused: bool,
}

#[derive(Default)]
struct Queued {
    /// Utterances of the current run and the passage each belongs to.
    passage: HashMap<u64, usize>,
    last: Option<u64>,
}

#[derive(Default)]
struct Inner {
    engine: Option<Box<dyn Engine>>,
    /// Why there is no engine, once that is known.
    missing: Option<&'static str>,
    run: Option<Run>,
    rate: Option<f32>,
}

/// The app's speaker (managed state).
#[derive(Default)]
pub struct Speaker {
    inner: Mutex<Inner>,
    queued: Arc<Mutex<Queued>>,
}

fn failed(code: &'static str, message: impl Into<String>) -> CommandError {
    CommandError {
        code,
        message: message.into(),
    }
}

fn engine_error(message: String) -> CommandError {
    failed("speech_failed", message)
}

impl Speaker {
    /// The engine, made on first use: connecting may start the speech
    /// server, which the window should not wait for at start-up.
    fn engine<'a>(
        &self,
        app: &AppHandle,
        inner: &'a mut Inner,
    ) -> CmdResult<&'a mut Box<dyn Engine>> {
        if inner.engine.is_none() {
            if let Some(code) = inner.missing {
                return Err(failed(code, "no speech"));
            }
            let (tx, rx) = mpsc::channel::<Said>();
            match engine::connect(tx) {
                Ok(engine) => inner.engine = Some(engine),
                Err(missing) => {
                    tracing::warn!(code = missing.code, detail = %missing.detail, "no speech for reading aloud");
                    inner.missing = Some(missing.code);
                    return Err(failed(missing.code, missing.detail));
                }
            }
            let handle = app.clone();
            std::thread::Builder::new()
                .name("read-aloud".into())
                .spawn(move || {
                    for said in rx {
                        handle.state::<Speaker>().heard(&handle, said);
                    }
                })
                .map_err(|e| engine_error(e.to_string()))?;
        }
        inner
            .engine
            .as_mut()
            .ok_or_else(|| failed("no_speech", "no speech engine"))
    }

    fn heard(&self, app: &AppHandle, said: Said) {
        let key = match said {
            Said::Began(k) | Said::Ended(k) | Said::Cancelled(k) => k,
        };
        let (passage, last) = match self.queued.lock() {
            Ok(q) => (q.passage.get(&key).copied(), q.last == Some(key)),
            Err(_) => return,
        };
        let Some(passage) = passage else {
            return; // an utterance of a run that was stopped
        };
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        let Some(run) = inner.run.as_mut() else {
            return;
        };
        match said {
            Said::Ended(_) if last => {
                tracing::info!(article = run.article, "read to the end");
                inner.run = None;
            }
            Said::Began(_) if passage != run.at => run.at = passage,
            Said::Cancelled(_) if !run.paused => {
                // Someone else's speech cut in: wait there for the reader.
                tracing::info!(article = run.article, at = run.at, "reading interrupted");
                run.paused = true;
                if let Ok(mut q) = self.queued.lock() {
                    *q = Queued::default();
                }
            }
            _ => return,
        }
        let status = status_of(&inner);
        drop(inner);
        emit(app, &status);
    }

    /// Queues the run's passages from `run.at` on the engine.
    fn say(&self, app: &AppHandle, inner: &mut Inner) -> CmdResult<()> {
        let speed = inner.rate.unwrap_or(1.0);
        let Some(run) = inner.run.take() else {
            return Ok(());
        };
        let result = self.queue(app, inner, &run, speed);
        inner.run = Some(run);
        result
    }

    fn queue(&self, app: &AppHandle, inner: &mut Inner, run: &Run, speed: f32) -> CmdResult<()> {
        let engine = self.engine(app, inner)?;
        if let Ok(mut q) = self.queued.lock() {
            *q = Queued::default();
        }
        engine.cancel().map_err(engine_error)?;
        engine.set_speed(speed).map_err(engine_error)?;
        let mut last = None;
        for (i, passage) in run.passages.iter().enumerate().skip(run.at) {
            for segment in &passage.segments {
                // Known before the engine can begin it.
                let mut q = self
                    .queued
                    .lock()
                    .map_err(|_| engine_error("the queue's lock is poisoned".into()))?;
                let key = engine
                    .say(segment.lang, &segment.text)
                    .map_err(engine_error)?;
                q.passage.insert(key, i);
                last = Some(key);
            }
        }
        if let Ok(mut q) = self.queued.lock() {
            q.last = last;
        }
        Ok(())
    }

    fn stop_engine(&self, inner: &mut Inner) {
        if let Ok(mut q) = self.queued.lock() {
            *q = Queued::default();
        }
        if let Some(engine) = inner.engine.as_mut() {
            if let Err(e) = engine.cancel() {
                tracing::warn!(error = %e, "could not stop speaking");
            }
        }
    }
}

fn status_of(inner: &Inner) -> Status {
    let rate = inner.rate.unwrap_or(1.0);
    match &inner.run {
        Some(run) => Status {
            state: if run.paused { "paused" } else { "speaking" },
            article: Some(run.article),
            part: run.passages.get(run.at).map(|p| p.part),
            index: run.at,
            total: run.passages.len(),
            rate,
        },
        None => Status {
            state: "idle",
            article: None,
            part: None,
            index: 0,
            total: 0,
            rate,
        },
    }
}

fn emit(app: &AppHandle, status: &Status) {
    if let Err(e) = app.emit(EVENT, status) {
        tracing::warn!(error = %e, "could not tell the window where speech is");
    }
}

fn lock(speaker: &Speaker) -> CmdResult<std::sync::MutexGuard<'_, Inner>> {
    speaker
        .inner
        .lock()
        .map_err(|_| failed("speech_failed", "the speaker's lock is poisoned"))
}

/// Where speaking is now.
#[tauri::command]
pub fn speech_status(speaker: State<'_, Speaker>) -> CmdResult<Status> {
    Ok(status_of(&*lock(&speaker)?))
}

/// Reads article `id` aloud from passage `from` (0: the headline) at
/// `rate` × the voice's speed.
#[tauri::command]
pub async fn speech_start(
    app: AppHandle,
    id: i64,
    from: Option<usize>,
    rate: Option<f32>,
) -> CmdResult<Status> {
    let article = app
        .state::<AppState>()
        .store
        .article(crate::commands::check_id(id)?)?;
    let passages = script(&article.title, &article.summary, &article.body_html);
    if passages.is_empty() {
        return Err(CommandError::invalid("the article has no text to read"));
    }
    change(app, move |app, speaker, inner| {
        if let Some(r) = rate.filter(|r| r.is_finite()) {
            inner.rate = Some(r.clamp(SLOWEST, FASTEST));
        }
        let at = from.unwrap_or(0).min(passages.len() - 1);
        inner.run = Some(Run {
            article: id,
            passages,
            at,
            paused: false,
        });
        if let Err(e) = speaker.say(app, inner) {
            inner.run = None;
            return Err(e);
        }
        tracing::info!(article = id, from = at, "reading aloud");
        Ok(true)
    })
    .await
}

/// Runs `f` on the speaker off the main thread (connecting and queueing
/// talk to the speech server), then tells the window where speech is if
/// `f` says something changed.
async fn change<F>(app: AppHandle, f: F) -> CmdResult<Status>
where
    F: FnOnce(&AppHandle, &Speaker, &mut Inner) -> CmdResult<bool> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(move || {
        let speaker = app.state::<Speaker>();
        let mut inner = lock(&speaker)?;
        let changed = f(&app, &speaker, &mut inner)?;
        let status = status_of(&inner);
        drop(inner);
        if changed {
            emit(&app, &status);
        }
        Ok(status)
    })
    .await
    .map_err(|e| failed("speech_failed", e.to_string()))?
}

/// Pauses (`paused`) or resumes reading; resuming says the interrupted
/// passage again from its start.
#[tauri::command]
pub async fn speech_pause(app: AppHandle, paused: bool) -> CmdResult<Status> {
    change(app, move |app, speaker, inner| {
        let Some(run) = inner.run.as_mut() else {
            return Ok(false);
        };
        if run.paused == paused {
            return Ok(false);
        }
        run.paused = paused;
        if paused {
            speaker.stop_engine(inner);
        } else {
            speaker.say(app, inner)?;
        }
        Ok(true)
    })
    .await
}

/// Stops reading.
#[tauri::command]
pub async fn speech_stop(app: AppHandle) -> CmdResult<Status> {
    change(app, |_, speaker, inner| {
        inner.run = None;
        speaker.stop_engine(inner);
        Ok(true)
    })
    .await
}

/// A new speed; a passage being said is said again at it.
#[tauri::command]
pub async fn speech_rate(app: AppHandle, rate: f32) -> CmdResult<Status> {
    if !rate.is_finite() {
        return Err(CommandError::invalid("the speed is not a number"));
    }
    change(app, move |app, speaker, inner| {
        inner.rate = Some(rate.clamp(SLOWEST, FASTEST));
        if inner.run.as_ref().is_some_and(|r| !r.paused) {
            speaker.say(app, inner)?;
        }
        Ok(true)
    })
    .await
}

/// Stops speech when the app quits, so the speech server does not go on
/// reading after the window is gone.
pub fn on_exit(app: &AppHandle) {
    if let Some(speaker) = app.try_state::<Speaker>() {
        if let Ok(mut inner) = speaker.inner.lock() {
            inner.run = None;
            speaker.stop_engine(&mut inner);
        }
    }
}
