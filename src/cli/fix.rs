//! `griffel fix FILE…`: applies the safe fixes (paper references in house style, Markdown notes
//! renumbered in order) to files, or shows them as a unified diff with `--diff`.
//!
//! A file is written atomically: the new text goes to a temporary file in the same directory,
//! which is flushed to disk, given the original's permissions and renamed over it; a symbolic
//! link is followed and its target replaced. The byte order mark and the line endings are kept
//! (no fix adds or removes a line break). A file that cannot be read or decoded, or whose
//! analysis fails, is reported on stderr and left untouched; the others are still processed.

use std::fs;
use std::io::{self, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use clap::Args;
use ropey::Rope;

use super::check::{decode, display_name, ReadError, EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE};
use crate::analysis::{Analysis, Config, Lang};
use crate::ide::{apply_edits, safe_fixes};
use crate::syntax::Parse;

#[derive(Debug, Args)]
pub struct FixArgs {
    /// Show the changes as a unified diff on stdout instead of writing the files.
    #[arg(long)]
    pub diff: bool,

    /// Language of messages: nl (Dutch) or en (English).
    #[arg(long, default_value = "nl", value_parser = parse_lang)]
    pub lang: Lang,

    /// Files to fix; `-` reads standard input and writes the result (or the diff) to stdout.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language `{s}` (use nl or en)"))
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Runs `fix` on the real stdin/stdout/stderr and returns the exit code: 0 done (or, with
/// `--diff`, nothing to change), 1 with `--diff` when a file would change, 2 when a file could
/// not be read, decoded or written (2 wins).
pub fn run(args: &FixArgs) -> u8 {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let code = fix_files(&args.files, args.diff, args.lang, &mut out, &mut err);
    match out.flush() {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            let _ = writeln!(err, "griffel: {e}");
            EXIT_UNREADABLE
        }
        _ => code,
    }
}

/// The text with the safe fixes applied, and how many edits that took. `None` when the analysis
/// panicked (the core promises not to; one bad file must not stop the others).
pub fn fix_text(text: &str) -> Option<(String, usize)> {
    catch_unwind(AssertUnwindSafe(|| {
        let parse = Parse::new(text);
        let a = Analysis::new(
            Rope::from_str(text),
            parse.report().clone(),
            &Config::default(),
        );
        let edits = safe_fixes(&a);
        (apply_edits(text, &edits), edits.len())
    }))
    .ok()
}

pub fn fix_files(
    files: &[PathBuf],
    diff: bool,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let mut failed = false;
    let mut would_change = false;
    for path in files {
        let name = display_name(path);
        match fix_one(path, &name, diff, lang, out) {
            Ok(0) => {}
            Ok(n) => {
                would_change = true;
                if !diff && path.as_os_str() != "-" {
                    let _ = writeln!(
                        err,
                        "{}",
                        match lang {
                            Lang::Nl => format!(
                                "{name}: {n} {} toegepast",
                                if n == 1 { "correctie" } else { "correcties" }
                            ),
                            Lang::En =>
                                format!("{name}: {n} fix{} applied", if n == 1 { "" } else { "es" }),
                        }
                    );
                }
            }
            Err(message) => {
                failed = true;
                let _ = out.flush();
                let _ = writeln!(err, "{message}");
            }
        }
    }
    if failed {
        EXIT_UNREADABLE
    } else if diff && would_change {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}

/// Fixes one file; the number of edits, or the message to print.
fn fix_one(
    path: &Path,
    name: &str,
    diff: bool,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<usize, String> {
    let untouched = lang.pick(
        "; het bestand is niet gewijzigd",
        "; the file was not changed",
    );
    let stdin = path.as_os_str() == "-";
    let bytes = if stdin {
        let mut buf = Vec::new();
        io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| ReadError::Io(e).message(name, lang))?;
        buf
    } else {
        fs::read(path).map_err(|e| ReadError::Io(e).message(name, lang) + untouched)?
    };
    let bom = bytes.starts_with(BOM);
    let text = decode(bytes).map_err(|e| e.message(name, lang) + untouched)?;
    let (fixed, n) = fix_text(&text).ok_or_else(|| {
        lang.pick(
            &format!("fout: interne fout bij het verbeteren van {name}; meld dit aan de ontwikkelaars van griffel{untouched}"),
            &format!("error: internal error while fixing {name}; please report this to the griffel developers{untouched}"),
        )
        .to_string()
    })?;
    if diff {
        if n > 0 {
            let label = if stdin { "<stdin>" } else { name };
            out.write_all(unified_diff(&text, &fixed, label).as_bytes())
                .map_err(|e| format!("griffel: {e}"))?;
        }
        return Ok(n);
    }
    if stdin {
        if bom {
            out.write_all(BOM).map_err(|e| format!("griffel: {e}"))?;
        }
        out.write_all(fixed.as_bytes())
            .map_err(|e| format!("griffel: {e}"))?;
        return Ok(n);
    }
    if n == 0 {
        return Ok(0);
    }
    write_atomically(path, bom, &fixed).map_err(|e| {
        lang.pick(
            &format!("fout: kan {name} niet schrijven: {e}{untouched}"),
            &format!("error: cannot write {name}: {e}{untouched}"),
        )
        .to_string()
    })?;
    Ok(n)
}

/// Writes `text` (after a BOM if `bom`) over `path` by way of a temporary file in the same
/// directory: written, flushed to disk, given the original's permissions, renamed. On any error
/// the temporary file is removed and the original is as it was.
fn write_atomically(path: &Path, bom: bool, text: &str) -> io::Result<()> {
    // Replace a link's target, not the link.
    let target = fs::canonicalize(path)?;
    let dir = target
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let file_name = target
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| "griffel".to_string());
    let permissions = fs::metadata(&target)?.permissions();
    let (tmp_path, mut tmp) = create_temp(&dir, &file_name)?;
    let result = (|| {
        if bom {
            tmp.write_all(BOM)?;
        }
        tmp.write_all(text.as_bytes())?;
        tmp.sync_all()?;
        drop(tmp);
        fs::set_permissions(&tmp_path, permissions)?;
        fs::rename(&tmp_path, &target)?;
        // Make the rename itself durable; not every platform lets a directory be opened.
        if let Ok(d) = fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp_path);
    }
    result
}

/// A new file `.NAME.griffel-PID-N.tmp` in `dir`, created exclusively (never an existing one).
fn create_temp(dir: &Path, file_name: &str) -> io::Result<(PathBuf, fs::File)> {
    let pid = std::process::id();
    let mut last = None;
    for n in 0..100 {
        let p = dir.join(format!(".{file_name}.griffel-{pid}-{n}.tmp"));
        match fs::OpenOptions::new().write(true).create_new(true).open(&p) {
            Ok(f) => return Ok((p, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no temporary file name free")))
}

/// A unified diff (`diff -u` style, three lines of context; apply with `patch -p0`) between two
/// texts with the same line breaks. Lines are compared one to one: the safe fixes never add or remove a line.
/// Falls back to one hunk replacing everything when the line counts differ.
pub fn unified_diff(old: &str, new: &str, name: &str) -> String {
    const CONTEXT: usize = 3;
    let a = split_lines(old);
    let b = split_lines(new);
    let mut out = format!("--- {name}\n+++ {name}\n");
    if a.len() != b.len() {
        out += &format!("@@ -1,{} +1,{} @@\n", a.len(), b.len());
        for l in &a {
            push_line(&mut out, '-', l);
        }
        for l in &b {
            push_line(&mut out, '+', l);
        }
        return out;
    }
    let changed: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    let mut i = 0;
    while i < changed.len() {
        // Grow a hunk while the next change is within two contexts of the last.
        let first = changed[i];
        let mut last = first;
        while i + 1 < changed.len() && changed[i + 1] <= last + 2 * CONTEXT + 1 {
            i += 1;
            last = changed[i];
        }
        i += 1;
        let start = first.saturating_sub(CONTEXT);
        let end = (last + CONTEXT + 1).min(a.len());
        let len = end - start;
        out += &format!("@@ -{},{len} +{},{len} @@\n", start + 1, start + 1);
        let mut pending_new: Vec<&(&str, bool)> = Vec::new();
        for k in start..end {
            if a[k] == b[k] {
                for l in pending_new.drain(..) {
                    push_line(&mut out, '+', l);
                }
                push_line(&mut out, ' ', &a[k]);
            } else {
                push_line(&mut out, '-', &a[k]);
                pending_new.push(&b[k]);
            }
        }
        for l in pending_new.drain(..) {
            push_line(&mut out, '+', l);
        }
    }
    out
}

/// Lines without their terminators, each with whether it had one.
fn split_lines(s: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        match rest.find(['\n', '\r']) {
            Some(i) => {
                let term = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                out.push((&rest[..i], true));
                rest = &rest[i + term..];
            }
            None => {
                out.push((rest, false));
                rest = "";
            }
        }
    }
    out
}

fn push_line(out: &mut String, mark: char, (line, terminated): &(&str, bool)) {
    out.push(mark);
    out.push_str(line);
    out.push('\n');
    if !terminated {
        out.push_str("\\ No newline at end of file\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_groups_changes_into_hunks_with_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm";
        let new = "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nM";
        expect_test::expect![[r#"
            --- x.txt
            +++ x.txt
            @@ -1,5 +1,5 @@
             a
            -b
            +B
             c
             d
             e
            @@ -10,4 +10,4 @@
             j
             k
             l
            -m
            \ No newline at end of file
            +M
            \ No newline at end of file
        "#]]
        .assert_eq(&unified_diff(old, new, "x.txt"));
    }

    #[test]
    fn temp_names_never_reuse_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let (p1, _f1) = create_temp(dir.path(), "v.txt").unwrap();
        let (p2, _f2) = create_temp(dir.path(), "v.txt").unwrap();
        assert_ne!(p1, p2);
    }
}
