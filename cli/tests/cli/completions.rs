//! `attune completions SHELL`: scripts the shells read back, naming every command; the
//! packages install them. Needs no vault.

use crate::run::attune;

#[test]
fn completions_for_bash_zsh_and_fish_name_the_commands() {
    let bash = attune(&["completions", "bash"], "", None);
    assert_eq!(bash.code, 0, "{}", bash.stderr);
    // The real bash reads it back without a syntax error, and it completes subcommands.
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("attune.bash");
    std::fs::write(&script, &bash.stdout).unwrap();
    let check = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source '{}' && COMP_WORDS=(attune bac) && COMP_CWORD=1 && _attune attune bac attune && printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display()
        ))
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let offered = String::from_utf8(check.stdout).unwrap();
    assert_eq!(offered.trim(), "backup", "{offered}");

    let zsh = attune(&["completions", "zsh"], "", None);
    assert_eq!(zsh.code, 0);
    assert!(zsh.stdout.starts_with("#compdef attune"), "{}", zsh.stdout);
    let fish = attune(&["completions", "fish"], "", None);
    assert_eq!(fish.code, 0);
    for command in ["backup", "restore", "import", "export", "hours", "share"] {
        assert!(
            zsh.stdout.contains(&format!("'{command}:")),
            "zsh lacks {command}"
        );
        assert!(
            fish.stdout.contains(&format!("-a \"{command}\"")),
            "fish lacks {command}"
        );
    }

    // A shell clap cannot write for is a usage error that lists those it can.
    let tcsh = attune(&["completions", "tcsh"], "", None);
    assert_eq!(tcsh.code, 2);
    assert!(
        tcsh.stderr.contains("invalid value 'tcsh'") && tcsh.stderr.contains("bash, elvish, fish"),
        "{}",
        tcsh.stderr
    );
}

#[test]
fn the_manual_page_lists_every_command() {
    let page = attune(&["manpage"], "", None);
    assert_eq!(page.code, 0, "{}", page.stderr);
    assert!(
        page.stdout.starts_with(".ie"),
        "roff: {}",
        &page.stdout[..40]
    );
    assert!(page.stdout.contains(".TH attune 1"), "{}", page.stdout);
    for command in [
        "backup",
        "restore",
        "import",
        "export",
        "hours",
        "share",
        "supervisees",
    ] {
        assert!(
            page.stdout.contains(&format!("attune\\-{command}(1)"))
                || page.stdout.contains(&format!("\\fB{command}\\fR")),
            "the page lacks {command}"
        );
    }
    // A manual for people, not a listing of hidden commands.
    assert!(!page.stdout.contains("manpage"), "{}", page.stdout);
}

/// `attune manpage --dir DIR`: attune(1) and a page for every command, each page the name
/// another one refers to, and each saying what the command's `--help` says.
#[test]
fn every_command_has_its_own_manual_page() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("man1");
    let run = attune(&["manpage", "--dir", dir.to_str().unwrap()], "", None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert!(
        run.stdout
            .contains(&format!("Wrote {} manual pages", names.len())),
        "{}",
        run.stdout
    );
    // The same attune(1) as on standard output.
    let top = std::fs::read_to_string(dir.join("attune.1")).unwrap();
    assert_eq!(top, attune(&["manpage"], "", None).stdout);
    for name in [
        "attune-backup.1",
        "attune-hours-add.1",
        "attune-sync-join.1",
        "attune-entry-edit.1",
        "attune-supervisees.1",
    ] {
        assert!(names.iter().any(|n| n == name), "no {name} in {names:?}");
    }
    // No page for what the pages leave out: the hidden command, clap's `help`.
    assert!(!names
        .iter()
        .any(|n| n.contains("manpage") || n.contains("help")));
    // Every page a page refers to is there, and every page but attune(1) is referred to
    // (by its parent command's).
    let mut referred_to = std::collections::BTreeSet::new();
    for name in &names {
        let roff = std::fs::read_to_string(dir.join(name)).unwrap();
        assert!(roff.contains(".SH NAME"), "{name}");
        for (i, _) in roff.match_indices("(1)") {
            let start = roff[..i]
                .rfind(|c: char| c.is_whitespace() || c == 'B')
                .unwrap()
                + 1;
            let referred = roff[start..i].replace("\\-", "-");
            if referred.starts_with("attune") {
                referred_to.insert(format!("{referred}.1"));
                assert!(
                    names.contains(&format!("{referred}.1")),
                    "{name} refers to {referred}(1), which is not there"
                );
            }
        }
    }
    let below: std::collections::BTreeSet<String> =
        names.iter().filter(|n| *n != "attune.1").cloned().collect();
    assert_eq!(referred_to, below);
    let join = std::fs::read_to_string(dir.join("attune-sync-join.1")).unwrap();
    assert!(join.contains("device\\-name"), "{join}");

    // A folder that cannot be made is said, by its path.
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "not a folder").unwrap();
    let bad = attune(
        &["manpage", "--dir", file.join("man1").to_str().unwrap()],
        "",
        None,
    );
    assert_ne!(bad.code, 0);
    assert!(
        bad.stderr.starts_with("error: could not make the folder") && bad.stderr.contains("a-file"),
        "{}",
        bad.stderr
    );
}
