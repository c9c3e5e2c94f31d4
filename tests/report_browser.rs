//! The HTML report in a real browser: headless Chromium renders `stance evaluate --report`,
//! and we assert from the rendered DOM that the per-class table and both plots are there, and
//! that a screenshot was produced. Needs `chromium` (Debian package): without one the test is
//! skipped with a notice, unless `STANCE_REQUIRE_BROWSER=1` (set by `.ci/run`, which installs
//! it) makes a missing browser a failure.

use assert_cmd::Command;
use std::path::Path;
use std::process::Command as Process;

fn chromium() -> Option<&'static str> {
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .into_iter()
    .find(|p| Path::new(p).exists())
}

fn headless(profile: &Path) -> Vec<String> {
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([format!("--user-data-dir={}", profile.display())])
    .collect()
}

#[test]
fn report_renders_table_and_plots_in_chromium() {
    let Some(browser) = chromium() else {
        if std::env::var("STANCE_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
            panic!(
                "chromium not found and STANCE_REQUIRE_BROWSER=1: install the Debian package `chromium`"
            );
        }
        eprintln!(
            "notice: chromium not found: the HTML report's browser test is skipped \
             (install the Debian package `chromium`; STANCE_REQUIRE_BROWSER=1 makes this a failure)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    let root = env!("CARGO_MANIFEST_DIR");
    Command::cargo_bin("stance")
        .unwrap()
        .args([
            "evaluate",
            "--data",
            &format!("{root}/tests/data/small.csv"),
            "--report",
        ])
        .arg(&report)
        .assert()
        .success();
    let profile = dir.path().join("profile");
    let dom = Process::new(browser)
        .args(headless(&profile))
        .arg("--dump-dom")
        .arg(format!("file://{}", report.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(
        dom.contains("id=\"per-class\""),
        "per-class table not rendered"
    );
    assert!(
        dom.contains("<td class=\"l\">opposes</td>"),
        "per-class rows missing"
    );
    assert_eq!(
        dom.matches("<svg").count(),
        2,
        "expected the confusion and calibration plots"
    );
    assert!(dom.contains("Reliability"));
    let shot = dir.path().join("report.png");
    let status = Process::new(browser)
        .args(headless(&profile))
        .arg(format!("--screenshot={}", shot.display()))
        .arg("--window-size=1200,1400")
        .arg(format!("file://{}", report.display()))
        .status()
        .unwrap();
    assert!(status.success());
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "screenshot too small: {} bytes",
        png.len()
    );
    if let Ok(keep) = std::env::var("STANCE_SCREENSHOT") {
        std::fs::copy(&shot, keep).unwrap();
    }
}
