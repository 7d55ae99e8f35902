//! Sync through a real folder-sync tool: two Syncthing instances (Debian's `syncthing`,
//! installed by scripts/test.sh), each with its own home, share one folder over 127.0.0.1
//! only (no discovery, relays, NAT traversal, usage reporting or upgrades; the GUI/REST on
//! 127.0.0.1 with an API key). Two vaults write at the same time through the real `attune`
//! binary, one reflection edited on both; once Syncthing has delivered, both hold the same
//! journal, the losing edit is kept as a revision on both, and no word written is readable in
//! either folder or home. Nothing is downloaded; the instances are stopped even on failure.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::run::init_at;
use crate::sync::{add, canaries_found, edit, enable, join, journal, show, status, sync_now, PASS};

/// How long Syncthing may take to deliver: generous, never a measure of speed.
const PATIENCE: Duration = Duration::from_secs(300);

/// Where `syncthing` is. The test command installs it; missing, this test fails.
fn syncthing() -> PathBuf {
    std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join("syncthing"))
                .find(|p| p.is_file())
        })
        .expect(
            "syncthing is not installed; scripts/test.sh installs it (Debian's syncthing package)",
        )
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One Syncthing instance, stopped (through its REST API, else killed) when dropped.
struct Instance {
    home: PathBuf,
    id: String,
    listen: u16,
    gui: u16,
    key: String,
    child: Option<Child>,
}

impl Instance {
    /// Generates a home (keys and a config) for an instance.
    fn generate(home: PathBuf, n: usize) -> Instance {
        let out = Command::new(syncthing())
            .args(["generate", "--no-default-folder"])
            .arg(format!("--home={}", home.display()))
            .output()
            .unwrap();
        assert!(out.status.success(), "syncthing generate: {out:?}");
        let config = std::fs::read_to_string(home.join("config.xml")).unwrap();
        let id = between(&config, "<device id=\"", "\"").to_owned();
        Instance {
            home,
            id,
            listen: free_port(),
            gui: free_port(),
            key: format!("attune-test-key-{n}-{}", std::process::id()),
            child: None,
        }
    }

    /// Writes its config: this folder shared with `peer` at 127.0.0.1, nothing else.
    fn configure(&self, folder: &Path, peer: &Instance) {
        let path = self.home.join("config.xml");
        let generated = std::fs::read_to_string(&path).unwrap();
        let mut c = generated.clone();
        for (tag, value) in [
            ("listenAddress", format!("tcp://127.0.0.1:{}", self.listen)),
            ("globalAnnounceEnabled", "false".into()),
            ("localAnnounceEnabled", "false".into()),
            ("relaysEnabled", "false".into()),
            ("natEnabled", "false".into()),
            ("urAccepted", "-1".into()),
            ("autoUpgradeIntervalH", "0".into()),
            ("startBrowser", "false".into()),
            ("crashReportingEnabled", "false".into()),
            ("announceLANAddresses", "false".into()),
            ("stunKeepaliveStartS", "0".into()),
            ("reconnectionIntervalS", "1".into()),
            ("apikey", self.key.clone()),
        ] {
            c = set_element(&c, tag, &value);
        }
        c = c.replacen(
            "<address>127.0.0.1:8384</address>",
            &format!("<address>127.0.0.1:{}</address>", self.gui),
            1,
        );
        // The peer, reached only at its 127.0.0.1 port: the generated device element, copied.
        let me = element(&generated, "<device id=\"", "</device>");
        let other = me.replace(&self.id, &peer.id).replace(
            "<address>dynamic</address>",
            &format!("<address>tcp://127.0.0.1:{}</address>", peer.listen),
        );
        // The shared folder: the generated defaults, with its id, path and both devices.
        let defaults = element(&generated, "<folder id=\"\"", "</folder>");
        let devices = format!(
            "<device id=\"{}\" introducedBy=\"\"></device><device id=\"{}\" introducedBy=\"\"></device>",
            self.id, peer.id
        );
        let own_device = element(defaults, "<device id=\"", "</device>");
        let shared = defaults
            .replacen(
                "<folder id=\"\" label=\"\" path=\"~\"",
                &format!(
                    "<folder id=\"attune\" label=\"attune\" path=\"{}\"",
                    folder.display()
                ),
                1,
            )
            .replacen(own_device, &devices, 1)
            .replace("rescanIntervalS=\"3600\"", "rescanIntervalS=\"2\"")
            .replace("fsWatcherDelayS=\"10\"", "fsWatcherDelayS=\"1\"");
        assert!(
            shared.contains("id=\"attune\""),
            "the folder was not configured"
        );
        let at = c.find("    <gui ").unwrap();
        c.insert_str(at, &format!("    {shared}\n    {other}\n"));
        std::fs::write(&path, c).unwrap();
        std::fs::create_dir_all(folder.join(".stfolder")).unwrap();
    }

    fn start(&mut self) {
        let log = std::fs::File::create(self.home.join("test.log")).unwrap();
        let child = Command::new(syncthing())
            .args(["serve", "--no-browser", "--no-restart", "--no-upgrade"])
            .arg(format!("--home={}", self.home.display()))
            .env("STNOUPGRADE", "1")
            .env("STNODEFAULTFOLDER", "1")
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap();
        self.child = Some(child);
    }

    /// A REST call on 127.0.0.1; the response body, or None while it does not answer.
    fn rest(&self, method: &str, path: &str) -> Option<String> {
        let mut s = TcpStream::connect(("127.0.0.1", self.gui)).ok()?;
        s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
        write!(
            s,
            "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nX-API-Key: {}\r\nContent-Length: 0\r\n\r\n",
            self.key
        )
        .ok()?;
        let mut text = String::new();
        s.read_to_string(&mut text).ok()?;
        let (head, body) = text.split_once("\r\n\r\n")?;
        head.starts_with("HTTP/1.0 200")
            .then(|| body.to_owned())
            .or_else(|| head.starts_with("HTTP/1.1 200").then(|| body.to_owned()))
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.home.join("test.log")).unwrap_or_default()
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        let _ = self.rest("POST", "/rest/system/shutdown");
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = child.kill();
        let _ = child.wait();
    }
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap() + start.len();
    let to = from + text[from..].find(end).unwrap();
    &text[from..to]
}

/// The first element starting with `start` through `end`, whole.
fn element<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap();
    let to = from + text[from..].find(end).unwrap() + end.len();
    &text[from..to]
}

/// `<tag>old</tag>` made `<tag>value</tag>` (the first one).
fn set_element(config: &str, tag: &str, value: &str) -> String {
    let open = format!("<{tag}>");
    let old = element(config, &open, &format!("</{tag}>"));
    config.replacen(old, &format!("<{tag}>{value}</{tag}>"), 1)
}

/// Waits until `done` holds, failing with both logs after [`PATIENCE`].
fn wait_for(what: &str, pair: &[&Instance; 2], mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < PATIENCE,
            "Syncthing never delivered: {what}\n--- first instance:\n{}\n--- second:\n{}",
            pair[0].log(),
            pair[1].log()
        );
        std::thread::sleep(Duration::from_millis(300));
    }
}

/// One device's writing, while the other writes too: reflections, then an edit of `shared`.
fn write_on(dir: PathBuf, who: &'static str, shared: String) -> Vec<String> {
    let mut words = Vec::new();
    for i in 0..4 {
        let word = format!("{who}canary{i}");
        add(
            &dir,
            &format!("{who} title {i}"),
            &format!("{word} was written"),
        );
        sync_now(&dir);
        words.push(word);
    }
    let word = format!("{who}editcanary");
    edit(
        &dir,
        &shared,
        "The shared visit",
        &format!("{word} on {who}"),
    );
    sync_now(&dir);
    words.push(word);
    words
}

#[test]
fn two_syncthing_instances_carry_one_journal_between_two_vaults() {
    let exe = syncthing();
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let (fa, fb) = (root.join("SyncA"), root.join("SyncB"));
    std::fs::create_dir_all(&fa).unwrap();
    std::fs::create_dir_all(&fb).unwrap();
    let mut one = Instance::generate(root.join("home1"), 1);
    let mut two = Instance::generate(root.join("home2"), 2);
    one.configure(&fa, &two);
    two.configure(&fb, &one);
    one.start();
    two.start();
    let pair = [&one, &two];
    eprintln!(
        "{} on ports {}/{} and {}/{}",
        exe.display(),
        one.listen,
        one.gui,
        two.listen,
        two.gui
    );
    wait_for(
        "both REST APIs answer and the two are connected",
        &pair,
        || {
            [(&one, &two.id), (&two, &one.id)].iter().all(|(i, peer)| {
                i.rest("GET", "/rest/system/connections")
                    .and_then(|body| serde_json::from_str::<serde_json::Value>(&body).ok())
                    .is_some_and(|v| v["connections"][peer.as_str()]["connected"] == true)
            })
        },
    );

    // Device A: a vault with one reflection, syncing into the first instance's folder.
    let (a, b) = (root.join("vault-a"), root.join("vault-b"));
    init_at(&a, PASS);
    let shared = add(&a, "The shared visit", "sharedcanary before the edits");
    enable(&a, &fa, "Agency laptop");
    // Device B joins from the second instance's copy, once the key file has arrived (whole:
    // while it is on its way, Syncthing writes it under a temporary name in the same folder).
    wait_for(
        "the marker and key file reach the second folder",
        &pair,
        || {
            fb.join("attune-sync").is_file()
                && std::fs::read_dir(fb.join("keys")).is_ok_and(|d| {
                    d.flatten()
                        .any(|e| e.file_name().to_string_lossy().ends_with(".attune-keys"))
                })
        },
    );
    join(&b, &fb, "Home computer");
    wait_for("the first reflection reaches B", &pair, || {
        sync_now(&b);
        journal(&b).len() == 1
    });

    // Both write at the same time, and edit the same reflection.
    let on_a = {
        let (a, s) = (a.clone(), shared.clone());
        std::thread::spawn(move || write_on(a, "alpha", s))
    };
    let on_b = {
        let (b, s) = (b.clone(), shared.clone());
        std::thread::spawn(move || write_on(b, "bravo", s))
    };
    let mut words = on_a.join().unwrap();
    words.extend(on_b.join().unwrap());
    words.push("sharedcanary".into());

    wait_for("both vaults hold the same journal", &pair, || {
        sync_now(&a);
        sync_now(&b);
        let (ja, jb) = (journal(&a), journal(&b));
        ja.len() == 9 && ja == jb && show(&a, &shared) == show(&b, &shared)
    });
    let (sa, sb) = (show(&a, &shared), show(&b, &shared));
    let revisions = sa["revisions"].as_array().unwrap();
    assert_eq!(revisions.len(), 1, "the losing edit is kept: {sa}");
    let mut texts = [
        sa["self"].as_str().unwrap().to_owned(),
        revisions[0]["reflection"]["self"]
            .as_str()
            .unwrap()
            .to_owned(),
    ];
    texts.sort();
    assert_eq!(
        texts,
        ["alphaeditcanary on alpha", "bravoeditcanary on bravo"]
    );
    assert_eq!(sa, sb);
    assert_eq!(status(&a)["conflicts_kept"], 1);
    assert_eq!(status(&b)["conflicts_kept"], 1);
    assert_eq!(status(&b)["devices"][0]["name"], "Agency laptop");

    let homes = [one.home.clone(), two.home.clone()];
    drop(one);
    drop(two);
    let found = canaries_found(&[&fa, &fb, &a, &b, &homes[0], &homes[1]], &words);
    assert!(found.is_empty(), "plaintext on disk: {found:?}");
}
