//! Sound for one test: a PulseAudio server of its own whose only output is
//! a null sink, a recorder on that sink's monitor, and what the recording
//! holds (loudness over time). The app's speech server, started by the
//! app, plays into it through `PULSE_SERVER`.

use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Samples a second in recordings: plenty for speech.
pub const RATE: u32 = 16_000;
const SINK: &str = "khabarain_null";

/// `pulseaudio` with a null sink, on a socket in the test's folder.
pub struct NullSink {
    child: Child,
    /// For `PULSE_SERVER`.
    pub server: String,
}

impl NullSink {
    pub fn start(dir: &Path) -> Self {
        let runtime = dir.join("pulse");
        std::fs::create_dir_all(&runtime).expect("pulse dir");
        let socket = runtime.join("native");
        let child = Command::new("pulseaudio")
            .args([
                "-n",
                "--daemonize=no",
                "--exit-idle-time=-1",
                "--use-pid-file=no",
                "--disallow-module-loading",
                "--log-target=stderr",
                "-L",
                &format!("module-null-sink sink_name={SINK}"),
                "-L",
                &format!("module-native-protocol-unix socket={}", socket.display()),
            ])
            .env("PULSE_RUNTIME_PATH", &runtime)
            .env("PULSE_STATE_PATH", &runtime)
            .env("HOME", dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("pulseaudio starts (package pulseaudio)");
        let deadline = Instant::now() + Duration::from_secs(15);
        while std::os::unix::net::UnixStream::connect(&socket).is_err() {
            assert!(Instant::now() < deadline, "no PulseAudio at {socket:?}");
            std::thread::sleep(Duration::from_millis(50));
        }
        Self {
            child,
            server: format!("unix:{}", socket.display()),
        }
    }

    /// Records what the sink plays until [`Recorder::stop`]. Returns once
    /// sound flows (the monitor sends silence while nothing plays), so that
    /// [`Recorder::at`] is a place in the recording.
    pub fn record(&self) -> Recorder {
        let mut child = Command::new("parec")
            .arg(format!("--server={}", self.server))
            .arg(format!("--device={SINK}.monitor"))
            .args(["--raw", "--format=s16le", "--channels=1"])
            .arg(format!("--rate={RATE}"))
            .arg("--latency-msec=20")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("parec starts (package pulseaudio-utils)");
        let mut out = child.stdout.take().expect("parec's output");
        let bytes = Arc::new(Mutex::new(Vec::new()));
        let (first, arrived) = std::sync::mpsc::channel();
        let into = bytes.clone();
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            let mut first = Some(first);
            while let Ok(n) = out.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Some(tx) = first.take() {
                    let _ = tx.send(Instant::now());
                }
                if let Ok(mut b) = into.lock() {
                    b.extend_from_slice(&buf[..n]);
                }
            }
        });
        let arrived = arrived
            .recv_timeout(Duration::from_secs(10))
            .expect("sound from the sink's monitor");
        // The first bytes were already that long in the making.
        let held = bytes.lock().map(|b| b.len()).unwrap_or(0) as f64 / 2.0 / RATE as f64;
        Recorder {
            child,
            reader,
            bytes,
            started: arrived - Duration::from_secs_f64(held),
        }
    }
}

impl Drop for NullSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Recorder {
    child: Child,
    reader: std::thread::JoinHandle<()>,
    bytes: Arc<Mutex<Vec<u8>>>,
    /// The time of the recording's first sample.
    started: Instant,
}

impl Recorder {
    /// Seconds into the recording now.
    pub fn at(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }

    pub fn stop(mut self) -> Recording {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = self.reader.join();
        let bytes = self.bytes.lock().map(|b| b.clone()).unwrap_or_default();
        Recording {
            samples: bytes
                .chunks_exact(2)
                .map(|b| i16::from_le_bytes([b[0], b[1]]))
                .collect(),
        }
    }
}

pub struct Recording {
    pub samples: Vec<i16>,
}

/// Loudness (RMS, of full scale) over which a 50 ms window counts as voiced:
/// far above the null sink's digital silence, far below speech (espeak-ng
/// speaks at about 0.1).
pub const VOICED: f64 = 0.005;
const WINDOW: usize = RATE as usize / 20;

impl Recording {
    pub fn secs(&self) -> f64 {
        self.samples.len() as f64 / RATE as f64
    }

    /// RMS loudness of `[from, to)` seconds, 0.0..=1.0.
    pub fn rms(&self, from: f64, to: f64) -> f64 {
        let at = |s: f64| ((s.max(0.0) * RATE as f64) as usize).min(self.samples.len());
        let part = &self.samples[at(from)..at(to)];
        if part.is_empty() {
            return 0.0;
        }
        let sum: f64 = part.iter().map(|s| (*s as f64 / 32768.0).powi(2)).sum();
        (sum / part.len() as f64).sqrt()
    }

    /// Seconds of voiced 50 ms windows.
    pub fn voiced_secs(&self) -> f64 {
        self.windows().filter(|(_, rms)| *rms > VOICED).count() as f64 / 20.0
    }

    /// From the first voiced window to the end of the last, in seconds.
    pub fn spoken_span(&self) -> Option<(f64, f64)> {
        let voiced: Vec<f64> = self
            .windows()
            .filter(|(_, rms)| *rms > VOICED)
            .map(|(t, _)| t)
            .collect();
        Some((*voiced.first()?, voiced.last()? + 0.05))
    }

    fn windows(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        self.samples.chunks(WINDOW).enumerate().map(|(i, w)| {
            let sum: f64 = w.iter().map(|s| (*s as f64 / 32768.0).powi(2)).sum();
            (i as f64 / 20.0, (sum / w.len() as f64).sqrt())
        })
    }
}

/// Ends the speech server the app started in `runtime` (its
/// `XDG_RUNTIME_DIR`): it outlives its clients for a while by design.
pub fn stop_speech_dispatcher(runtime: &Path) {
    let pid_file = runtime.join("speech-dispatcher/pid/speech-dispatcher.pid");
    if let Ok(pid) = std::fs::read_to_string(pid_file) {
        let _ = Command::new("kill")
            .arg(pid.trim())
            .stderr(Stdio::null())
            .status();
    }
}
