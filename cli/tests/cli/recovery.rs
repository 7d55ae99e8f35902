//! A forgotten passphrase: a command opened with the recovery key says, on stderr, to set a
//! new passphrase and the exact command for it; that command (`passphrase change
//! --recovery-key`) sets one proven by the recovery key, and the old passphrase stops working.

use crate::run::{assert_one_error, attune, snapshot};

const PASS: &str = "a calm evening passphrase";
const NEW: &str = "the kettle on the back burner";

fn ok(args: &[&str], stdin: &str) -> crate::run::Run {
    let r = attune(args, stdin, None);
    assert_eq!(r.code, 0, "{args:?} failed: {}", r.stderr);
    r
}

/// The line that tells to set a new passphrase, if stderr holds one.
fn advice(stderr: &str) -> Option<&str> {
    stderr.lines().find(|l| l.contains("new passphrase"))
}

#[test]
fn a_recovery_key_unlock_says_how_to_set_a_new_passphrase_and_that_works() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let d = dir.to_str().unwrap();
    let out = ok(
        &["init", "--vault", d, "--passphrase-stdin"],
        &format!("{PASS}\n"),
    )
    .stdout;
    let key = out
        .lines()
        .find(|l| l.split('-').count() == 14)
        .unwrap_or_else(|| panic!("no recovery key in {out}"))
        .to_owned();

    // With the passphrase: no advice.
    let by_passphrase = ok(
        &["unlock-check", "--vault", d, "--passphrase-stdin"],
        &format!("{PASS}\n"),
    );
    assert_eq!(
        advice(&by_passphrase.stderr),
        None,
        "{}",
        by_passphrase.stderr
    );

    // With the recovery key: one line on stderr, with the exact command; stdout as before.
    let by_key = ok(
        &[
            "unlock-check",
            "--recovery-key",
            "--vault",
            d,
            "--passphrase-stdin",
        ],
        &format!("{key}\n"),
    );
    let line = advice(&by_key.stderr)
        .unwrap_or_else(|| panic!("no advice on stderr: {:?}", by_key.stderr));
    let command = format!("attune --vault {d} passphrase change --recovery-key");
    assert!(line.contains(&command), "{line:?} lacks {command:?}");
    assert!(advice(&by_key.stdout).is_none(), "{}", by_key.stdout);

    // The command, as printed (its words after `attune`), with the secrets on stdin.
    let at = line.find(&command).unwrap() + "attune ".len();
    let mut args: Vec<&str> = line[at..at + command.len() - "attune ".len()]
        .split(' ')
        .collect();
    args.push("--passphrase-stdin");

    // A wrong key or a refused passphrase changes nothing.
    let before = snapshot(&dir);
    let mut other = key.clone().into_bytes();
    other[0] = if other[0] == b'A' { b'B' } else { b'A' };
    let other = String::from_utf8(other).unwrap();
    assert_one_error(
        &args,
        &attune(&args, &format!("{other}\n{NEW}\n"), None),
        "recovery key",
    );
    assert_one_error(
        &args,
        &attune(&args, &format!("{key}\nshort\n"), None),
        "passphrase",
    );
    assert_eq!(before, snapshot(&dir), "a refused change wrote something");

    let changed = ok(&args, &format!("{key}\n{NEW}\n"));
    assert!(
        changed.stderr.contains("Passphrase changed."),
        "{}",
        changed.stderr
    );
    assert_eq!(advice(&changed.stderr), None, "{}", changed.stderr);

    let check = ["unlock-check", "--vault", d, "--passphrase-stdin"];
    assert_one_error(
        &check,
        &attune(&check, &format!("{PASS}\n"), None),
        "passphrase does not open",
    );
    ok(&check, &format!("{NEW}\n"));
    ok(
        &[
            "unlock-check",
            "--recovery-key",
            "--vault",
            d,
            "--passphrase-stdin",
        ],
        &format!("{key}\n"),
    );
}

#[test]
fn the_command_in_the_advice_quotes_a_vault_path_with_spaces() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("my journal");
    let d = dir.to_str().unwrap();
    let out = ok(
        &["init", "--vault", d, "--passphrase-stdin"],
        &format!("{PASS}\n"),
    )
    .stdout;
    let key = out
        .lines()
        .find(|l| l.split('-').count() == 14)
        .unwrap()
        .to_owned();
    let by_key = ok(
        &[
            "unlock-check",
            "--recovery-key",
            "--vault",
            d,
            "--passphrase-stdin",
        ],
        &format!("{key}\n"),
    );
    let line = advice(&by_key.stderr).unwrap_or_else(|| panic!("{:?}", by_key.stderr));
    assert!(
        line.contains(&format!(
            "attune --vault '{d}' passphrase change --recovery-key"
        )),
        "{line:?}"
    );
}
