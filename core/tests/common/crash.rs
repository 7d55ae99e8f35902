//! What the crash tests share: a small deterministic generator, seeded from the clock (or
//! `ATTUNE_CRASH_SEED`, to replay a failure) and printed, and a child test process killed
//! at a random moment.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// xorshift64: the same sequence for the same seed.
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// The seed of this run: `ATTUNE_CRASH_SEED`, else the clock; printed so a failure can be
/// replayed.
pub fn seed() -> u64 {
    let seed = std::env::var("ATTUNE_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    eprintln!("crash test seed: {seed} (set ATTUNE_CRASH_SEED to replay)");
    seed
}

/// Runs the test `child` of this binary with `var` set to `job`, and kills it (SIGKILL) at
/// a random moment: one time in eight at once, else up to `within` after its first line.
pub fn run_and_kill(child: &str, var: &str, job: &str, within: Duration, rng: &mut Rng) {
    let mut process = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", child, "--nocapture", "--test-threads=1"])
        .env(var, job)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(process.stdout.take().unwrap());
    if !rng.next().is_multiple_of(8) {
        let mut line = String::new();
        let _ = reader.read_line(&mut line);
    }
    let micros = u64::try_from(within.as_micros()).unwrap_or(u64::MAX).max(1);
    std::thread::sleep(Duration::from_micros(rng.next() % micros));
    process.kill().unwrap();
    process.wait().unwrap();
}
