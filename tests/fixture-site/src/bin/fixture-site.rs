//! Serves the fixture site until interrupted:
//! `fixture-site [--port N]` (default 0, a free port). Prints the base URL
//! on its first line so scripts can read it.

use khabarain_fixture_site::FixtureSite;

#[tokio::main]
async fn main() {
    let mut port: u16 = 0;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => match args.next().and_then(|p| p.parse().ok()) {
                Some(p) => port = p,
                None => {
                    eprintln!("--port needs a number");
                    std::process::exit(2);
                }
            },
            "-h" | "--help" => {
                println!("usage: fixture-site [--port N]");
                return;
            }
            other => {
                eprintln!("unknown argument: {other}");
                std::process::exit(2);
            }
        }
    }
    let site = match FixtureSite::start(port).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("cannot listen on 127.0.0.1:{port}: {e}");
            std::process::exit(1);
        }
    };
    println!("{}", site.base_url());
    let _ = tokio::signal::ctrl_c().await;
    site.stop().await;
}
