//! What reading aloud needs of a speech engine, whatever the platform's.

use std::sync::mpsc::Sender;

/// What the engine reports of an utterance it was given (by the key
/// [`Engine::say`] returned), from its own thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Said {
    Began(u64),
    Ended(u64),
    /// Stopped by someone else (a screen reader, `spd-say -C`). Only
    /// Speech Dispatcher says so; the `tts` crate's engines do not.
    #[cfg_attr(not(target_os = "linux"), allow(dead_code))]
    Cancelled(u64),
}

/// Why there is no speech: an error code the window translates, and details.
#[derive(Debug)]
pub struct Missing {
    /// "no_speech" or "no_arabic_voice".
    pub code: &'static str,
    pub detail: String,
}

pub trait Engine: Send {
    /// Queues `text` in `lang` ("ar" or "en") after what is queued.
    fn say(&mut self, lang: &str, text: &str) -> Result<u64, String>;
    /// Stops speaking and forgets the queue.
    fn cancel(&mut self) -> Result<(), String>;
    /// `speed` × the voice's own; applies to what is queued after.
    fn set_speed(&mut self, speed: f32) -> Result<(), String>;
}

/// Where `speed` (0.5..=2.0, 1.0 the voice's own) falls on an engine's
/// scale of `min`, `normal`, `max`.
pub fn scale(speed: f32, min: f32, normal: f32, max: f32) -> f32 {
    let speed = speed.clamp(super::SLOWEST, super::FASTEST);
    if speed >= 1.0 {
        normal + (speed - 1.0) / (super::FASTEST - 1.0) * (max - normal)
    } else {
        normal - (1.0 - speed) / (1.0 - super::SLOWEST) * (normal - min)
    }
}

#[cfg(target_os = "linux")]
pub use super::speechd::connect;
#[cfg(not(target_os = "linux"))]
pub use super::system::connect;

/// For the platform modules' signatures.
pub type Events = Sender<Said>;

#[cfg(test)]
mod tests {
    use super::scale;

    #[test]
    fn speeds_map_onto_the_engine_scale_around_its_normal() {
        // Speech Dispatcher: -100..=100, 0 normal.
        assert_eq!(scale(1.0, -100.0, 0.0, 100.0), 0.0);
        assert_eq!(scale(2.0, -100.0, 0.0, 100.0), 100.0);
        assert_eq!(scale(0.5, -100.0, 0.0, 100.0), -100.0);
        assert_eq!(scale(1.5, -100.0, 0.0, 100.0), 50.0);
        assert_eq!(scale(0.75, -100.0, 0.0, 100.0), -50.0);
        // AVFoundation: 0..=1, 0.5 normal; out of range is clamped.
        assert_eq!(scale(9.0, 0.0, 0.5, 1.0), 1.0);
        assert_eq!(scale(0.1, 0.0, 0.5, 1.0), 0.0);
    }
}
