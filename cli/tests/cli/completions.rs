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
