use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

use griffel::cli::{run_check, run_fix, Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check(args)) => ExitCode::from(run_check(&args)),
        Some(Command::Fix(args)) => ExitCode::from(run_fix(&args)),
        Some(Command::Serve) | None => serve(),
    }
}

fn serve() -> ExitCode {
    // Someone who types `griffel` in a shell otherwise sees a silent hang: say what it
    // waits for. stderr is free for this; stdout belongs to the protocol.
    if std::io::stdin().is_terminal() {
        eprintln!(
            "griffel: taalserver, wacht op een LSP-client op stdin (Ctrl-D stopt). \
             Om bestanden te controleren: griffel check BESTAND…"
        );
    }
    match griffel::lsp::serve_stdio() {
        // LSP: exit code 0 after `shutdown`, 1 when the client went without one.
        Ok(ended) if ended.clean() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("griffel: {e}");
            ExitCode::FAILURE
        }
    }
}
