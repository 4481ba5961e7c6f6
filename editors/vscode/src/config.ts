// Pure helpers, without the `vscode` module so that they can be unit-tested in plain Node:
// where the server program is, and which settings the server gets.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** The keys of the server's `griffel` section (src/lsp/settings.rs). */
export const SERVER_KEYS = ["language", "severity", "fracties", "diagnosticsDelayMs", "sync"] as const;

export type ServerSettings = {
  language?: "nl" | "en";
  severity?: Record<string, string>;
  fracties?: string[];
  diagnosticsDelayMs?: number;
  sync?: "incremental" | "full";
};

const SEVERITIES = new Set(["error", "warning", "information", "hint", "off"]);

/**
 * Maps the extension's `griffel.*` settings to the server's section. Leaves out what the server
 * should keep at its default (an empty fractie list would make every name wrong), the
 * extension's own keys (`path`, `trace`), and values the server would reject.
 */
export function serverSettings(raw: Record<string, unknown> | undefined): ServerSettings {
  const out: ServerSettings = {};
  if (!raw) {
    return out;
  }
  if (raw.language === "nl" || raw.language === "en") {
    out.language = raw.language;
  }
  if (raw.severity && typeof raw.severity === "object" && !Array.isArray(raw.severity)) {
    const sev: Record<string, string> = {};
    for (const [code, level] of Object.entries(raw.severity as Record<string, unknown>)) {
      if (typeof level === "string" && SEVERITIES.has(level.toLowerCase())) {
        sev[code.toUpperCase()] = level.toLowerCase();
      }
    }
    if (Object.keys(sev).length > 0) {
      out.severity = sev;
    }
  }
  if (Array.isArray(raw.fracties)) {
    const names = raw.fracties
      .filter((x): x is string => typeof x === "string")
      .map((x) => x.trim())
      .filter((x) => x.length > 0);
    if (names.length > 0) {
      out.fracties = names;
    }
  }
  if (typeof raw.diagnosticsDelayMs === "number" && Number.isFinite(raw.diagnosticsDelayMs)) {
    out.diagnosticsDelayMs = Math.min(10000, Math.max(0, Math.round(raw.diagnosticsDelayMs)));
  }
  if (raw.sync === "incremental" || raw.sync === "full") {
    out.sync = raw.sync;
  }
  return out;
}

export type Resolved = { ok: true; path: string } | { ok: false; tried: string[] };

export type ResolveEnv = {
  /** The PATH variable. */
  pathEnv?: string;
  /** Windows' PATHEXT, when on Windows. */
  pathExt?: string;
  platform?: NodeJS.Platform;
  home?: string;
  /** The first workspace folder, for relative paths. */
  workspace?: string;
  /** True when `file` is an executable file. */
  isExecutable?: (file: string) => boolean;
};

function defaultIsExecutable(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) {
      return false;
    }
    if (process.platform === "win32") {
      return true;
    }
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the server program from the `griffel.path` setting: empty means `griffel`; a bare name
 * is looked up on PATH; `~/…` is under the home folder; a relative path with a slash is relative
 * to the workspace folder. Returns the places tried when nothing fits.
 */
export function resolveServerPath(setting: string | undefined, env: ResolveEnv = {}): Resolved {
  const platform = env.platform ?? process.platform;
  const p = platform === "win32" ? path.win32 : path.posix;
  const isExecutable = env.isExecutable ?? defaultIsExecutable;
  const home = env.home ?? os.homedir();
  let name = (setting ?? "").trim() || "griffel";
  if (name === "~" || name.startsWith("~/") || name.startsWith("~\\")) {
    name = p.join(home, name.slice(1));
  }
  const exts =
    platform === "win32" ? ["", ...(env.pathExt ?? ".EXE;.CMD;.BAT").split(";").filter(Boolean)] : [""];
  const candidates = (base: string) => exts.map((e) => base + e);

  const hasSep = name.includes("/") || (platform === "win32" && name.includes("\\"));
  let tried: string[];
  if (p.isAbsolute(name)) {
    tried = candidates(name);
  } else if (hasSep) {
    tried = candidates(p.resolve(env.workspace ?? process.cwd(), name));
  } else {
    const dirs = (env.pathEnv ?? process.env.PATH ?? "").split(platform === "win32" ? ";" : ":").filter(Boolean);
    tried = dirs.flatMap((d) => candidates(p.join(d, name)));
  }
  for (const file of tried) {
    if (isExecutable(file)) {
      return { ok: true, path: file };
    }
  }
  return { ok: false, tried };
}
