//! `griffel fix`: the diff on the shared sample, atomic writes that keep permissions, line
//! endings and BOM, a second run that changes nothing, and unreadable files left alone.

mod ide_common;
use ide_common::sample;

use assert_cmd::Command;
use expect_test::expect;

fn griffel() -> Command {
    Command::cargo_bin("griffel").expect("binary")
}

#[test]
fn diff_on_the_sample_rewrites_the_header_as_the_kamer_published_it() {
    let Some(text) = sample() else { return };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vso.txt");
    std::fs::write(&path, &text).unwrap();
    let out = griffel()
        .current_dir(dir.path())
        .args(["fix", "--diff", "vso.txt"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "--diff: 1 when a file would change"
    );
    let diff = String::from_utf8(out.stdout).unwrap();
    // The header's hunk, as published in Kamerstuk 32 317 (the later hunks are the footnotes).
    let header: String = diff.split("@@ -55").next().unwrap().to_string();
    expect![[r#"
        --- vso.txt
        +++ vso.txt
        @@ -3,11 +3,11 @@
         Verslag van een schriftelijk overleg 
         			
         De vaste commissie voor Asiel en Migratie heeft een aantal vragen en opmerkingen voorgelegd over de volgende brieven:
        -· Antwoorden op vragen commissie over de Geannoteerde agenda informele JBZ-Raad 22-23 juli 2025 (Kamerstuk 32317-967) (vreemdelingen- en asielbeleid) (Kamerstuk 32317, nr. 969)
        -· Verslag van de informele Raad Justitie en Binnenlandse Zaken (iJBZ-Raad) op 22 en 23 juli 2025 in Kopenhagen (Kamerstuk 32317, nr. 970)
        -· Fiche: [MFK] EU-steun voor het Schengengebied, geïntegreerd grensbeheer en visumbeleid (Kamerstuk 22112, nr. 4150)
        -· Fiche: [MFK] EU-steun voor asiel, migratie en integratie (Kamerstuk 22112, nr. 4149)
        -· Geannoteerde agenda van de formele JBZ-Raad 13 14 oktober 2025 (Kamerstuk 32317, nr. 973)
        +· Antwoorden op vragen commissie over de Geannoteerde agenda informele JBZ-Raad 22-23 juli 2025 (Kamerstuk 32 317, nr. 967) (vreemdelingen- en asielbeleid) (Kamerstuk 32 317, nr. 969)
        +· Verslag van de informele Raad Justitie en Binnenlandse Zaken (iJBZ-Raad) op 22 en 23 juli 2025 in Kopenhagen (Kamerstuk 32 317, nr. 970)
        +· Fiche: [MFK] EU-steun voor het Schengengebied, geïntegreerd grensbeheer en visumbeleid (Kamerstuk 22 112, nr. 4150)
        +· Fiche: [MFK] EU-steun voor asiel, migratie en integratie (Kamerstuk 22 112, nr. 4149)
        +· Geannoteerde agenda van de formele JBZ-Raad 13 14 oktober 2025 (Kamerstuk 32 317, nr. 973)
         
         Bij brief van …  heeft de minister van Asiel en Migratie de vragen en gemaakte opmerkingen beantwoord. Vragen en antwoorden zijn hierna afgedrukt.
         
    "#]]
    .assert_eq(&header);
    // The footnotes' references too, and nothing else.
    assert!(diff.contains("+Het kabinet acht"), "{diff}");
    assert!(diff.contains("[2:  Tweede Kamer, vergaderjaar 2024-2025, Kamerstuk 32 317, nr. 967]"));
    assert!(diff.contains("[5:  Tweede Kamer, vergaderjaar 2023-2024, Kamerstuk 29 344, nr. 155]"));
    assert_eq!(diff.matches("\n@@ ").count(), 3, "three hunks");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "--diff writes nothing"
    );

    // Apply, then a second run changes nothing.
    let out = griffel()
        .current_dir(dir.path())
        .args(["fix", "vso.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "vso.txt: 8 correcties toegepast\n"
    );
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert!(fixed.contains(
        "(Kamerstuk 32 317, nr. 967) (vreemdelingen- en asielbeleid) (Kamerstuk 32 317, nr. 969)"
    ));
    assert_eq!(fixed.lines().count(), text.lines().count());
    let out = griffel()
        .current_dir(dir.path())
        .args(["fix", "--diff", "vso.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "nothing left to change");
    assert!(out.stdout.is_empty());
    griffel()
        .current_dir(dir.path())
        .args(["fix", "vso.txt"])
        .assert()
        .code(0)
        .stderr("");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), fixed);
}

#[cfg(unix)]
#[test]
fn keeps_permissions_line_endings_and_bom() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crlf.txt");
    let text = "\u{feff}Vragen en opmerkingen van de leden van de VVD-fractie\r\nKan de minister Kamerstuk 32317-967 toelichten?\r\nAntwoord \r\nJa.";
    std::fs::write(&path, text).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    // Through a symbolic link: the link stays a link, its target is fixed.
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(&path, &link).unwrap();
    griffel().arg("fix").arg(&link).assert().code(0);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text.replace("Kamerstuk 32317-967", "Kamerstuk 32 317, nr. 967")
    );
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    // No temporary file left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn an_unreadable_file_is_reported_and_left_alone_the_others_are_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("latin1.txt");
    let mut bytes = b"Kamerstuk 32317-967 caf".to_vec();
    bytes.push(0xE9);
    std::fs::write(&bad, &bytes).unwrap();
    let good = dir.path().join("goed.txt");
    std::fs::write(&good, "Zie Kamerstuk 32317-967.\n").unwrap();
    let out = griffel()
        .current_dir(dir.path())
        .args(["fix", "ontbreekt.txt", "latin1.txt", "goed.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    expect![[r#"
        fout: kan ontbreekt.txt niet lezen: bestand bestaat niet; het bestand is niet gewijzigd
        fout: latin1.txt is geen geldige UTF-8: ongeldige byte 0xE9 op byte-offset 23 (regel 1, kolom 24); sla het bestand op als UTF-8; het bestand is niet gewijzigd
        goed.txt: 1 correctie toegepast
    "#]]
    .assert_eq(&String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read(&bad).unwrap(), bytes);
    assert_eq!(
        std::fs::read_to_string(&good).unwrap(),
        "Zie Kamerstuk 32 317, nr. 967.\n"
    );
}

#[test]
fn stdin_to_stdout() {
    griffel()
        .args(["fix", "-"])
        .write_stdin("[^2] en [^1]\n\n[^1]: a\n[^2]: b\n")
        .assert()
        .code(0)
        .stdout("[^1] en [^2]\n\n[^2]: a\n[^1]: b\n");
}
