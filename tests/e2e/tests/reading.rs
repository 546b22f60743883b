//! The reader's controls in the real app: keys move through the list and
//! mark articles, the help overlay opens and closes, and the theme and font
//! size chosen stay after a restart. Screenshots of the light and dark
//! themes are saved under target/e2e/.

use khabarain_e2e::{
    click, fantoccini::Locator, key, screenshot_dir, wait_for, wait_title, wait_until, Driver,
};
use khabarain_fixture_site::FixtureSite;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and the built app; run by scripts/test.sh"]
async fn keys_theme_and_font_size() {
    let site = FixtureSite::start(0).await.expect("fixture site");
    let corpus = site.corpus();
    let titles: Vec<String> = corpus
        .newest()
        .iter()
        .map(|(_, a)| a.title.clone())
        .collect();
    let home = tempfile::tempdir().expect("tempdir");
    let env = khabarain_e2e::app_env(home.path(), &site.base_url());
    let shots = screenshot_dir();

    {
        let driver = Driver::start(&env, home.path());
        let c = driver.session().await;
        wait_until(
            &c,
            "document.getElementById('list-count').textContent === '36 خبراً' && document.querySelectorAll('.article-row').length > 0",
            60,
        )
        .await;
        assert_eq!(
            c.execute("return document.documentElement.dataset.theme", vec![])
                .await
                .expect("theme"),
            "system"
        );
        click(&c, ".article-row").await;
        wait_title(&c, &titles[0]).await;

        // j goes to the next article, k back; m marks the open one unread.
        key(&c, "j").await;
        wait_title(&c, &titles[1]).await;
        key(&c, "k").await;
        wait_title(&c, &titles[0]).await;
        wait_until(
            &c,
            "document.querySelector('.article-row').classList.contains('read')",
            5,
        )
        .await;
        key(&c, "m").await;
        wait_until(
            &c,
            "!document.querySelector('.article-row').classList.contains('read')",
            5,
        )
        .await;

        // ? opens the shortcuts, Escape closes them.
        key(&c, "?").await;
        wait_until(&c, "!document.getElementById('help').hidden", 5).await;
        key(&c, "\u{E00C}").await; // WebDriver's Escape
        wait_until(&c, "document.getElementById('help').hidden", 5).await;

        // s opens the share menu.
        key(&c, "s").await;
        wait_until(&c, "!document.getElementById('share-menu').hidden", 5).await;
        c.execute("document.getElementById('share-btn').click()", vec![])
            .await
            .expect("close menu");

        // Arabic-Indic numerals and the Hijri calendar, when chosen.
        c.execute(
            "const n = document.getElementById('numerals-select'); n.value = 'arab'; n.dispatchEvent(new Event('change')); \
             const k = document.getElementById('calendar-select'); k.value = 'islamic'; k.dispatchEvent(new Event('change'));",
            vec![],
        )
        .await
        .expect("numerals and calendar");
        wait_until(
            &c,
            "document.getElementById('list-count').textContent === '٣٦ خبراً'",
            5,
        )
        .await;
        wait_until(
            &c,
            "document.querySelector('#article .meta time').textContent.includes('هـ')",
            5,
        )
        .await;
        let date = c
            .execute(
                "return document.querySelector('#article .meta time').textContent",
                vec![],
            )
            .await
            .expect("date");
        assert!(
            date.as_str()
                .is_some_and(|d| !d.chars().any(|ch| ch.is_ascii_digit())),
            "{date}"
        );

        // A site added by its address in the settings: its feed is found
        // and listed.
        c.find(Locator::Id("settings-btn"))
            .await
            .expect("settings button")
            .click()
            .await
            .expect("open settings");
        wait_until(&c, "!document.getElementById('settings').hidden", 5).await;
        let input = wait_for(&c, "#add-source-input", 5).await;
        // The home page names the site-wide feed, which is not a source yet.
        input.send_keys(&site.base_url()).await.expect("type");
        wait_for(&c, "#add-source button[type=submit]", 5)
            .await
            .click()
            .await
            .expect("add");
        wait_until(
            &c,
            "document.querySelectorAll('#source-list li').length === 10",
            10,
        )
        .await;
        let status = wait_until(
            &c,
            "document.getElementById('sources-status').textContent",
            5,
        )
        .await;
        assert!(
            status
                .as_str()
                .is_some_and(|s| s.starts_with("أُضيف المصدر")),
            "{status}"
        );
        wait_for(&c, "#source-list li:last-child input[type=checkbox]", 5)
            .await
            .click()
            .await
            .expect("disable");
        wait_until(
            &c,
            "document.querySelector('#source-list li:last-child').classList.contains('disabled')",
            5,
        )
        .await;
        c.execute(
            "document.querySelector('#source-list li:last-child .remove').click()",
            vec![],
        )
        .await
        .expect("remove");
        wait_until(
            &c,
            "document.querySelectorAll('#source-list li').length === 9",
            5,
        )
        .await;

        key(&c, "\u{E00C}").await; // Escape closes the settings
        wait_until(&c, "document.getElementById('settings').hidden", 5).await;

        // Mark all as read, then undo.
        wait_for(&c, "#mark-all-read", 5)
            .await
            .click()
            .await
            .expect("mark all");
        wait_until(&c, "[...document.querySelectorAll('.article-row')].every(r => r.classList.contains('read'))", 5).await;
        wait_until(
            &c,
            "document.getElementById('toast').textContent.startsWith('عُلِّم')",
            5,
        )
        .await;
        wait_for(&c, "#toast-action", 5)
            .await
            .click()
            .await
            .expect("undo");
        wait_until(
            &c,
            "document.querySelectorAll('.article-row').length > 2 && [...document.querySelectorAll('.article-row')].slice(2).every(r => !r.classList.contains('read'))",
            5,
        )
        .await;

        let png = c.screenshot().await.expect("screenshot");
        std::fs::write(shots.join("theme-light.png"), png).expect("save");

        // The list pane is wider after two steps of its edge (keyboard).
        let before = c
            .execute(
                "return document.querySelector('.pane.list').getBoundingClientRect().width",
                vec![],
            )
            .await
            .expect("width");
        c.execute(
            "document.querySelector('.resizer[data-pane=list]').focus()",
            vec![],
        )
        .await
        .expect("focus");
        key(&c, "\u{E012}").await; // ArrowLeft: in RTL the list grows
        key(&c, "\u{E012}").await;
        wait_until(
            &c,
            &format!(
                "document.querySelector('.pane.list').getBoundingClientRect().width === {} + 32",
                before
            ),
            5,
        )
        .await;

        // Bigger text twice, and the dark theme.
        wait_for(&c, "#font-larger", 5)
            .await
            .click()
            .await
            .expect("larger");
        wait_for(&c, "#font-larger", 5)
            .await
            .click()
            .await
            .expect("larger");
        wait_until(
            &c,
            "getComputedStyle(document.querySelector('#article .body')).fontSize === '21px'",
            5,
        )
        .await;
        c.execute(
            "const s = document.getElementById('theme-select'); s.value = 'dark'; s.dispatchEvent(new Event('change'));",
            vec![],
        )
        .await
        .expect("dark");
        wait_until(
            &c,
            "getComputedStyle(document.body).backgroundColor === 'rgb(28, 27, 26)'",
            5,
        )
        .await;
        // Let the new colours reach the screen before taking the picture.
        tokio::time::sleep(std::time::Duration::from_millis(600)).await;
        let png = c.screenshot().await.expect("screenshot");
        std::fs::write(shots.join("theme-dark.png"), png).expect("save");
        c.close().await.expect("close");
    }

    // After a restart: still dark, still 21 px.
    {
        let driver = Driver::start(&env, home.path());
        let c = driver.session().await;
        wait_until(&c, "document.documentElement.dataset.theme === 'dark'", 30).await;
        let list_width = c
            .execute(
                "return document.documentElement.style.getPropertyValue('--list-width')",
                vec![],
            )
            .await
            .expect("width");
        assert_eq!(list_width, "392px", "the list keeps the width it was given");
        assert_eq!(
            c.execute(
                "return document.getElementById('theme-select').value",
                vec![]
            )
            .await
            .expect("select"),
            "dark"
        );
        wait_until(
            &c,
            "['36 خبراً', '٣٦ خبراً'].includes(document.getElementById('list-count').textContent) && document.querySelectorAll('.article-row').length > 0",
            60,
        )
        .await;
        click(&c, ".article-row").await;
        wait_for(&c, "#article-title", 10).await;
        wait_until(
            &c,
            "getComputedStyle(document.querySelector('#article .body')).fontSize === '21px'",
            5,
        )
        .await;
        c.close().await.expect("close");
    }
}
