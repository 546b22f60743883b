//! Reading aloud in the real app, with the real speech stack: the app's
//! Speech Dispatcher (started by the app) speaks with espeak-ng's Arabic
//! voice into a PulseAudio null sink that the test records. The article is
//! one of the fixture site's own, cut by a rule to two paragraphs with a
//! subheading and a see-also line between them (the see-also is not said).
//! The test pauses at the summary with the bar's button, resumes with the
//! `l` key, and checks: the highlighted passage goes headline → summary →
//! each paragraph in order; the recording is not silent, is silent while
//! paused, and its spoken length fits the number of words said.

use std::time::{Duration, Instant};

use chrono::Utc;
use khabarain_core::speech::segments;
use khabarain_e2e::audio::{stop_speech_dispatcher, NullSink, VOICED};
use khabarain_e2e::session_bus::SessionBus;
use khabarain_e2e::{click, js, key, screenshot_dir, wait_until, Driver};
use khabarain_fixture_site::corpus::Block;
use khabarain_fixture_site::FixtureSite;

/// espeak-ng's Arabic voice at Speech Dispatcher's fastest rate (the app's
/// 2× speed): 44 words of a fixture paragraph took 9.4 s (`spd-say -r 100`).
const SECS_PER_WORD: f64 = 9.4 / 44.0;

fn words(text: &str) -> usize {
    segments(text)
        .iter()
        .map(|s| s.text.split_whitespace().count())
        .sum()
}

/// The passage highlighted now, as "title", "summary" or "block:N: text",
/// and the bar's state.
const WHERE: &str = r#"
    const el = document.querySelector('#article .speaking');
    let label = null;
    if (el && el.id === 'article-title') label = 'title';
    else if (el && el.classList.contains('summary')) label = 'summary';
    else if (el) {
      const blocks = [...document.querySelectorAll('#article .body')[0].querySelectorAll('p, h2, h3, h4, h5, h6, li, blockquote')];
      label = `block:${blocks.indexOf(el)}: ${el.textContent.trim().slice(0, 40)}`;
    }
    return [label, document.getElementById('speech-bar').hidden ? 'idle' : document.getElementById('speech-bar').dataset.state];
"#;

#[tokio::test]
#[ignore = "needs Xvfb, dbus-daemon, PulseAudio, Speech Dispatcher with espeak-ng, tauri-driver and the built app; run by scripts/test.sh"]
async fn an_article_is_read_aloud_with_its_passage_highlighted() {
    let site = FixtureSite::start(0).await.expect("fixture site");
    // The first article of the corpus with two paragraphs and a see-also
    // line between them; the body is cut to those, and its subheadings.
    let corpus = site.corpus();
    let base = corpus
        .articles
        .iter()
        .find(|a| {
            let mut kinds = a.body.iter().map(|b| match b {
                Block::P(_) => 'p',
                Block::H2(_) => 'h',
                Block::SeeAlso(_) => 's',
            });
            kinds.by_ref().position(|k| k == 'p').is_some()
                && kinds.by_ref().position(|k| k == 's').is_some()
                && kinds.any(|k| k == 'p')
        })
        .expect("an article with paragraphs around a see-also line")
        .clone();
    let mut paragraphs = Vec::new();
    let mut body = Vec::new();
    for block in &base.body {
        if paragraphs.len() == 2 {
            break;
        }
        if let Block::P(p) = block {
            paragraphs.push(p.clone());
        }
        body.push(block.clone());
    }
    let mut article = base.clone();
    article.slug = "read-aloud-test".into();
    article.published = Utc::now();
    article.updated = None;
    article.body = body;
    let said_words = words(&article.title)
        + words(&article.summary)
        + paragraphs.iter().map(|p| words(p)).sum::<usize>();
    site.publish(article.clone());

    let home = tempfile::tempdir().expect("tempdir");
    let runtime = home.path().join("run");
    std::fs::create_dir_all(&runtime).expect("runtime dir");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700))
            .expect("runtime dir mode");
    }
    let bus = SessionBus::start(home.path());
    let sink = NullSink::start(home.path());
    let mut env = khabarain_e2e::app_env(home.path(), &site.base_url());
    env.push(("DBUS_SESSION_BUS_ADDRESS", bus.address.clone()));
    env.push(("XDG_RUNTIME_DIR", runtime.display().to_string()));
    env.push(("PULSE_SERVER", sink.server.clone()));
    let driver = Driver::start(&env, home.path());
    let c = driver.session().await;

    wait_until(
        &c,
        "document.getElementById('sync-status').textContent === 'تمت المزامنة: 37 خبراً جديداً'",
        60,
    )
    .await;
    let title = serde_json::to_string(&article.title).expect("json");
    js(
        &c,
        &format!(
            "[...document.querySelectorAll('.article-row')].find(r => r.textContent.includes({title})).click(); return 0"
        ),
    )
    .await;
    wait_until(
        &c,
        &format!("document.getElementById('article-title')?.textContent === {title}"),
        10,
    )
    .await;
    // The fastest speed, chosen before listening (and kept as a preference).
    js(
        &c,
        "const s = document.getElementById('speech-rate'); s.value = '2'; s.dispatchEvent(new Event('change')); return 0",
    )
    .await;

    let recorder = sink.record();
    click(&c, "#listen-btn").await;
    let mut seen: Vec<String> = Vec::new();
    let (mut paused_at, mut resumed_at) = (None, None);
    let mut shot = false;
    let deadline = Instant::now() + Duration::from_secs(150);
    loop {
        assert!(Instant::now() < deadline, "still reading: {seen:?}");
        let now: (Option<String>, String) =
            serde_json::from_value(js(&c, WHERE).await).expect("where");
        if let Some(label) = &now.0 {
            if seen.last() != Some(label) {
                eprintln!("{:5.1}s {label} ({})", recorder.at(), now.1);
                seen.push(label.clone());
            }
        }
        if now.1 == "idle" && !seen.is_empty() {
            break;
        }
        if now.0.as_deref() == Some("summary") && paused_at.is_none() {
            // Let the summary be heard for a moment, then pause.
            tokio::time::sleep(Duration::from_millis(1500)).await;
            click(&c, "#speech-pause").await;
            wait_until(
                &c,
                "document.getElementById('speech-bar').dataset.state === 'paused'",
                5,
            )
            .await;
            paused_at = Some(recorder.at());
            tokio::time::sleep(Duration::from_secs(3)).await;
            assert_eq!(
                js(&c, WHERE).await,
                serde_json::json!(["summary", "paused"]),
                "paused on the summary"
            );
            resumed_at = Some(recorder.at());
            // The key resumes as the button does.
            key(&c, "l").await;
        }
        if !shot && now.0.as_deref().is_some_and(|l| l.starts_with("block:")) {
            let png = c.screenshot().await.expect("screenshot");
            std::fs::write(screenshot_dir().join("read-aloud.png"), png).expect("png");
            shot = true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let recording = recorder.stop();
    let _ = c.close().await;
    drop(driver);
    stop_speech_dispatcher(&runtime);

    // Headline, summary, then the two paragraphs, in order; not the
    // see-also line or the subheading's neighbours out of turn.
    assert_eq!(seen[0], "title", "{seen:?}");
    assert_eq!(seen[1], "summary", "{seen:?}");
    let blocks: Vec<(usize, &str)> = seen[2..]
        .iter()
        .map(|l| {
            let rest = l.strip_prefix("block:").expect("a body block");
            let (n, text) = rest.split_once(": ").expect("block label");
            (n.parse().expect("index"), text)
        })
        .collect();
    assert!(
        blocks.windows(2).all(|w| w[0].0 < w[1].0),
        "the highlight moves forward: {seen:?}"
    );
    for p in &paragraphs {
        let start: String = p.trim().chars().take(40).collect();
        assert!(
            blocks.iter().any(|(_, text)| start.starts_with(text)),
            "paragraph «{start}» was highlighted: {seen:?}"
        );
    }

    let (paused_at, resumed_at) = (paused_at.expect("paused"), resumed_at.expect("resumed"));
    let (first, last) = recording
        .spoken_span()
        .expect("the recording is not silent");
    eprintln!(
        "recorded {:.1}s, speech {first:.1}–{last:.1}s, voiced {:.1}s, paused {paused_at:.1}–{resumed_at:.1}s, {said_words} words",
        recording.secs(),
        recording.voiced_secs(),
    );
    assert!(recording.voiced_secs() > 5.0, "too little speech");
    // Silent while paused (the first half second is the stop reaching the sink).
    let quiet = recording.rms(paused_at + 0.5, resumed_at - 0.1);
    assert!(quiet < VOICED, "sound while paused: {quiet}");
    // The time spent speaking fits the words said: resuming says the
    // summary again from its start, so up to its words come twice.
    let speaking = (last - first) - (resumed_at - paused_at);
    let low = said_words as f64 * SECS_PER_WORD * 0.6;
    let high = (said_words + words(&article.summary)) as f64 * SECS_PER_WORD * 1.6;
    assert!(
        (low..high).contains(&speaking),
        "{speaking:.1}s of speech for {said_words} words (expected {low:.1}–{high:.1}s)"
    );
}

/// Without a speech service the listen button says so: the app's speech
/// client is pointed at a socket no server can take (`SPEECHD_ADDRESS`),
/// so connecting and starting one both fail.
#[tokio::test]
#[ignore = "needs Xvfb, dbus-daemon, tauri-driver and the built app; run by scripts/test.sh"]
async fn without_speech_the_listen_button_says_what_to_install() {
    let site = FixtureSite::start(0).await.expect("fixture site");
    let home = tempfile::tempdir().expect("tempdir");
    let bus = SessionBus::start(home.path());
    let runtime = home.path().join("run");
    std::fs::create_dir_all(&runtime).expect("runtime dir");
    let mut env = khabarain_e2e::app_env(home.path(), &site.base_url());
    env.push(("DBUS_SESSION_BUS_ADDRESS", bus.address.clone()));
    env.push(("XDG_RUNTIME_DIR", runtime.display().to_string()));
    env.push((
        "SPEECHD_ADDRESS",
        format!(
            "unix_socket:{}/no-such-dir/speechd.sock",
            home.path().display()
        ),
    ));
    let driver = Driver::start(&env, home.path());
    let c = driver.session().await;
    wait_until(
        &c,
        "document.getElementById('sync-status').textContent === 'تمت المزامنة: 36 خبراً جديداً'",
        60,
    )
    .await;
    click(&c, ".article-row").await;
    wait_until(&c, "!document.getElementById('reader-toolbar').hidden", 10).await;
    js(
        &c,
        "document.getElementById('toast').hidden = true; return 0",
    )
    .await;
    click(&c, "#listen-btn").await;
    let said = wait_until(
        &c,
        "!document.getElementById('toast').hidden && document.getElementById('toast').textContent",
        20,
    )
    .await;
    assert_eq!(
        said,
        serde_json::json!("لا يتوفر نطق على هذا النظام: ثبّت Speech Dispatcher وespeak-ng (الحزمتان speech-dispatcher وspeech-dispatcher-espeak-ng)")
    );
    assert_eq!(
        js(
            &c,
            "return [document.getElementById('listen-btn').dataset.missing, document.getElementById('speech-bar').hidden]"
        )
        .await,
        serde_json::json!(["no_speech", true])
    );
    let _ = c.close().await;
    drop(driver);
    stop_speech_dispatcher(&runtime);
}
