// The griffel extension: starts `griffel` (LSP over stdio) for report drafts.

import * as fs from "node:fs";
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from "vscode-languageclient/node";

import { resolveServerPath, serverSettings } from "./config";

export const LANGUAGE_ID = "griffel-report";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let extensionUri: vscode.Uri;

function workspaceFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

function currentServerSettings() {
  const cfg = vscode.workspace.getConfiguration("griffel");
  const raw: Record<string, unknown> = {};
  for (const key of ["language", "severity", "fracties", "diagnosticsDelayMs", "sync"]) {
    raw[key] = cfg.get(key);
  }
  return serverSettings(raw);
}

async function showMissingServer(setting: string, tried: string[]): Promise<void> {
  output.appendLine(`griffel: server '${setting}' not found; tried:\n  ${tried.join("\n  ")}`);
  const install = vscode.l10n.t("Install instructions");
  const settings = vscode.l10n.t("Open settings");
  const choice = await vscode.window.showErrorMessage(
    vscode.l10n.t(
      "griffel: the program '{0}' was not found. Install griffel and put it on PATH, or set griffel.path.",
      setting,
    ),
    install,
    settings,
  );
  if (choice === install) {
    // vsce stores the README as readme.md.
    const readme = ["README.md", "readme.md"]
      .map((name) => vscode.Uri.joinPath(extensionUri, name))
      .find((uri) => fs.existsSync(uri.fsPath));
    if (readme) {
      await vscode.commands.executeCommand("markdown.showPreview", readme);
    }
  } else if (choice === settings) {
    await vscode.commands.executeCommand("workbench.action.openSettings", "griffel.path");
  }
}

async function startClient(): Promise<void> {
  const setting = vscode.workspace.getConfiguration("griffel").get<string>("path") || "griffel";
  const resolved = resolveServerPath(setting, { workspace: workspaceFolder() });
  if (!resolved.ok) {
    void showMissingServer(setting, resolved.tried);
    return;
  }
  output.appendLine(`griffel: starting ${resolved.path}`);
  // No `transport`: TransportKind.stdio would add a `--stdio` argument; griffel speaks LSP on
  // stdin/stdout when started without arguments.
  const run = { command: resolved.path, args: [] as string[] };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: LANGUAGE_ID },
      { scheme: "untitled", language: LANGUAGE_ID },
    ],
    outputChannel: output,
    initializationOptions: currentServerSettings(),
    middleware: {
      workspace: {
        // The server asks for the section `griffel`: answer with its keys only.
        configuration: (params) =>
          params.items.map((item) => (item.section === "griffel" ? currentServerSettings() : null)),
      },
    },
  };
  client = new LanguageClient("griffel", "griffel", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (e) {
    output.appendLine(`griffel: the server failed to start: ${String(e)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t("griffel: the server failed to start; see the output channel griffel."));
  }
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c && c.state !== State.Stopped) {
    try {
      await c.stop();
    } catch (e) {
      output.appendLine(`griffel: stopping the server: ${String(e)}`);
    }
  }
}

async function restart(): Promise<void> {
  await stopClient();
  await startClient();
}

/** Applies the server's `source.fixAll` code actions to the active report. */
async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== LANGUAGE_ID) {
    void vscode.window.showInformationMessage(vscode.l10n.t("griffel: open a report draft first."));
    return;
  }
  const provider = client?.initializeResult?.capabilities.codeActionProvider;
  if (!client || !provider) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t("griffel: this version of the server offers no automatic fixes yet."),
    );
    return;
  }
  const doc = editor.document;
  const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      "vscode.executeCodeActionProvider",
      doc.uri,
      whole,
      vscode.CodeActionKind.SourceFixAll.value,
    )) ?? [];
  const ours = actions.filter((a) => a.kind && vscode.CodeActionKind.SourceFixAll.contains(a.kind));
  if (ours.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t("griffel: nothing to fix."));
    return;
  }
  for (const action of ours) {
    if (action.edit) {
      await vscode.workspace.applyEdit(action.edit);
    }
    if (action.command) {
      await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    }
  }
}

async function useForFile(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    return;
  }
  await vscode.languages.setTextDocumentLanguage(editor.document, LANGUAGE_ID);
}

type LspPosition = { line: number; character: number };
type LspLocation = { uri: string; range: { start: LspPosition; end: LspPosition } };

// The server's code lens ("2 verwijzingen naar dit antwoord") calls this with the arguments of
// VS Code's own `editor.action.showReferences`, in protocol form.
async function showReferences(uri: string, position: LspPosition, locations: LspLocation[]): Promise<void> {
  if (!client) {
    return;
  }
  const c = client.protocol2CodeConverter;
  await vscode.commands.executeCommand(
    "editor.action.showReferences",
    vscode.Uri.parse(uri),
    c.asPosition(position),
    locations.map((l) => c.asLocation(l)),
  );
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionUri = context.extensionUri;
  output = vscode.window.createOutputChannel("griffel");
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("griffel.restartServer", restart),
    vscode.commands.registerCommand("griffel.fixAll", fixAll),
    vscode.commands.registerCommand("griffel.useForFile", useForFile),
    vscode.commands.registerCommand("griffel.showLog", () => output.show(true)),
    vscode.commands.registerCommand("griffel.showReferences", showReferences),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("griffel.path") || e.affectsConfiguration("griffel.sync")) {
        void restart();
      } else if (e.affectsConfiguration("griffel") && client?.state === State.Running) {
        void client.sendNotification("workspace/didChangeConfiguration", {
          settings: { griffel: currentServerSettings() },
        });
      }
    }),
  );
  await startClient();
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
