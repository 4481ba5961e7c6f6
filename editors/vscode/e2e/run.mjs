// End-to-end test of the packaged griffel extension in real VS Code: code-server in headless
// Chromium, driven by playwright-core. What a user sees is what is checked.
//
// Environment:
//   CODE_SERVER      code-server's entry script (…/node_modules/code-server/out/node/entry.js)
//   GRIFFEL_VSIX     the packaged extension
//   GRIFFEL_SAMPLE   the shared sample report
//   GRIFFEL_SHOTS    where screenshots go (one per step)
//   GRIFFEL_E2E_OUT  where logs go (code-server's, the extension host's)
//   CHROMIUM         the browser (default /usr/bin/chromium)
// `griffel` must be on PATH: the extension finds it there, as it would for a user.
// Prints one line per check and a closing "N passed, N failed"; exits 1 when a check failed.

import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { chromium } from "playwright-core";

const env = (k, d) => process.env[k] || d;
const CODE_SERVER = env("CODE_SERVER");
const VSIX = env("GRIFFEL_VSIX");
const SAMPLE = env("GRIFFEL_SAMPLE");
const SHOTS = env("GRIFFEL_SHOTS", path.resolve("e2e-screenshots"));
const OUT = env("GRIFFEL_E2E_OUT", path.resolve("e2e-out"));
const CHROMIUM = env("CHROMIUM", "/usr/bin/chromium");
const TIMEOUT = Number(env("GRIFFEL_E2E_TIMEOUT_MS", "30000"));

// The hover check: on a cross-reference (line 78 points at the previous question, whose answer
// on line 74 starts "De Commissie zal uiterlijk op 15 oktober"). The footnote hover is checked
// in the Neovim suite.
const HOVER = { line: 78, needle: "Zie antwoord op de vorige vraag", offset: 4, expect: /De Commissie zal uiterlijk op 15 oktober/ };

for (const [k, v] of Object.entries({ CODE_SERVER, GRIFFEL_VSIX: VSIX, GRIFFEL_SAMPLE: SAMPLE })) {
  if (!v) {
    console.error(`missing environment variable ${k}`);
    process.exit(2);
  }
}

fs.mkdirSync(SHOTS, { recursive: true });
fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(OUT, { recursive: true });
for (const f of fs.readdirSync(SHOTS)) {
  if (f.endsWith(".png")) fs.rmSync(path.join(SHOTS, f));
}

let passed = 0;
let failed = 0;
let shot = 0;
const say = (s) => process.stdout.write(s + "\n");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns something truthy; throws after `ms` naming `what`. */
async function poll(what, fn, ms = TIMEOUT) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${ms} ms waiting for ${what}` + (last instanceof Error ? ` (${last.message})` : ""));
    }
    await sleep(200);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// --- set up code-server ---------------------------------------------------------------------

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "griffel-vscode-e2e-"));
const dataDir = path.join(tmp, "data");
const extDir = path.join(tmp, "extensions");
const ws = path.join(tmp, "workspace");
for (const d of [dataDir, extDir, ws, path.join(dataDir, "User")]) fs.mkdirSync(d, { recursive: true });
const FILE = "vso-jbz-2025-10.txt";
fs.copyFileSync(SAMPLE, path.join(ws, FILE));
const TEXT = fs.readFileSync(SAMPLE, "utf8");
const LINES = TEXT.split("\n");
fs.writeFileSync(
  path.join(dataDir, "User", "settings.json"),
  JSON.stringify(
    {
      "workbench.startupEditor": "none",
      "security.workspace.trust.enabled": false,
      "telemetry.telemetryLevel": "off",
      "editor.wordBasedSuggestions": "off",
      "editor.quickSuggestions": { other: false, comments: false, strings: false },
      "editor.hover.delay": 100000,
      "workbench.tips.enabled": false,
      "extensions.ignoreRecommendations": true,
      "update.mode": "none",
      "files.associations": { "*.txt": "griffel-report" },
      "outline.collapseItems": "alwaysExpand",
      "editor.wordWrap": "on",
      "editor.minimap.enabled": false,
      "griffel.diagnosticsDelayMs": 100,
    },
    null,
    2,
  ),
);
const configFile = path.join(tmp, "config.yaml");
fs.writeFileSync(configFile, "auth: none\ncert: false\n");

const install = spawnSync(
  process.execPath,
  [CODE_SERVER, "--install-extension", VSIX, "--extensions-dir", extDir, "--user-data-dir", dataDir, "--config", configFile],
  { encoding: "utf8", timeout: 120000 },
);
if (install.status !== 0) {
  say(`FAIL - install the .vsix into code-server: exit ${install.status}\n${install.stdout}\n${install.stderr}`);
  say("0 passed, 1 failed");
  process.exit(1);
}
say("ok   - the .vsix installs into code-server");
passed++;

const port = await freePort();
const csLogPath = path.join(OUT, "code-server.log");
const csLog = fs.openSync(csLogPath, "w");
const cs = spawn(
  process.execPath,
  [
    CODE_SERVER,
    "--auth", "none",
    "--bind-addr", `127.0.0.1:${port}`,
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-workspace-trust",
    "--disable-getting-started-override",
    "--user-data-dir", dataDir,
    "--extensions-dir", extDir,
    "--config", configFile,
    ws,
  ],
  {
    stdio: ["ignore", csLog, csLog],
    // VS Code replaces the extension host's environment with a login shell's (`bash -ilc env`),
    // whose PATH comes from /etc/profile and ~/.profile, not from this process. VSCODE_CLI=1
    // skips that, so the extension sees the PATH this test was started with, griffel on it.
    env: { ...process.env, VSCODE_CLI: "1" },
  },
);

let browser;
// Killed from outside (the CI script's timeout): take code-server and its children along.
for (const sig of ["SIGTERM", "SIGINT"]) {
  process.on(sig, () => {
    cs.kill("SIGTERM");
    process.exit(1);
  });
}
function copyLogs() {
  // The extension host's log and the output channel "griffel" (the server's stderr).
  const logs = path.join(dataDir, "logs");
  if (!fs.existsSync(logs)) return;
  const walk = (d) =>
    fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
  for (const f of walk(logs)) {
    if (/exthost\.log$|griffel\.log$|remoteagent\.log$/.test(f) || /output_logging.*griffel/.test(f)) {
      fs.copyFileSync(f, path.join(OUT, path.basename(path.dirname(f)) + "-" + path.basename(f)));
    }
  }
}
async function cleanup() {
  try {
    await browser?.close();
  } catch {
    /* already gone */
  }
  cs.kill("SIGTERM");
  copyLogs();
  fs.rmSync(tmp, { recursive: true, force: true });
}

try {
  await poll("code-server /healthz", async () => {
    const r = await fetch(`http://127.0.0.1:${port}/healthz`);
    return r.ok;
  }, 60000);

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(TIMEOUT);

  async function screenshot(name) {
    shot++;
    const file = path.join(SHOTS, `${String(shot).padStart(2, "0")}-${name}.png`);
    await page.screenshot({ path: file }).catch(() => {});
    return file;
  }

  async function check(name, fn) {
    const slug = name.replace(/[^a-zA-Z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 50).toLowerCase();
    try {
      await fn();
      await screenshot(slug);
      passed++;
      say(`ok   - ${name}`);
      return true;
    } catch (e) {
      const file = await screenshot(slug + "-FAILED");
      failed++;
      say(`FAIL - ${name}: ${e.message}\n       screenshot: ${file}`);
      return false;
    }
  }

  const statusSelection = page.locator('[id="status.editor.selection"]');
  const cursor = async () => ((await statusSelection.textContent()) || "").trim();
  const problemRows = async () => page.locator(".markers-panel .monaco-list-row").allTextContents();
  const editor = page.locator(".editor-instance .monaco-editor").first();

  /** Ctrl+G to line:col (1-based, col in UTF-16 units + 1), checked in the status bar. */
  async function goTo(line, col) {
    await poll(`cursor at Ln ${line}, Col ${col}`, async () => {
      await page.keyboard.press("Escape");
      await page.keyboard.press("Control+G");
      await page.locator(".quick-input-widget input").waitFor({ state: "visible", timeout: 5000 });
      await page.keyboard.type(`${line}:${col}`);
      await page.keyboard.press("Enter");
      await sleep(200);
      return (await cursor()).startsWith(`Ln ${line}, Col ${col}`);
    });
  }

  /** Runs a command from the palette by its label. */
  async function command(label) {
    await page.keyboard.press("Escape");
    await page.keyboard.press("F1");
    const input = page.locator(".quick-input-widget input");
    await input.waitFor({ state: "visible" });
    await input.fill(">" + label);
    await poll(`'${label}' in the command palette`, async () =>
      (await page.locator(".quick-input-list .monaco-list-row").allTextContents()).some((t) => t.includes(label)),
    );
    await page.keyboard.press("Enter");
  }

  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);

  await check("the workbench loads", async () => {
    await page.locator(".monaco-workbench").waitFor({ state: "visible", timeout: 60000 });
    await page.locator('[id="workbench.parts.statusbar"]').waitFor({ state: "visible", timeout: 60000 });
  });

  await check(`the sample opens as a report draft (files.associations *.txt)`, async () => {
    await poll("the file to open from Ctrl+P", async () => {
      await page.keyboard.press("Escape");
      await page.keyboard.press("Control+P");
      const input = page.locator(".quick-input-widget input");
      await input.waitFor({ state: "visible", timeout: 5000 });
      await input.fill(FILE);
      await poll("the file in quick open", async () =>
        (await page.locator(".quick-input-list .monaco-list-row").allTextContents()).some((t) => t.includes(FILE)), 5000);
      await page.keyboard.press("Enter");
      await editor.waitFor({ state: "visible", timeout: 5000 });
      return true;
    });
    await editor.click({ position: { x: 300, y: 100 } });
    const mode = page.locator('[id="status.editor.mode"]');
    await poll("the language mode in the status bar", async () => /griffel|verslag|report/i.test((await mode.textContent()) || ""));
  });

  await check("diagnostics: GRF401 in the Problems panel at Ln 12, Col 15; hint and warning squiggles", async () => {
    await page.keyboard.press("Control+Shift+M");
    await poll("GRF401 in the Problems panel", async () =>
      (await problemRows()).some((t) => t.includes("GRF401") && t.includes("[Ln 12, Col 15]")),
    );
    await poll("a warning squiggle", async () => (await page.locator(".squiggly-warning").count()) > 0);
    // Hints are not listed in the Problems panel; VS Code draws them as dots (GRF304, l. 6-10).
    await poll("hint markers on the header", async () => (await page.locator(".squiggly-hint").count()) >= 5);
  });

  const hoverCol = LINES[HOVER.line - 1].indexOf(HOVER.needle) + HOVER.offset + 1;
  await check(`hover on line ${HOVER.line} shows the server's text`, async () => {
    await editor.click({ position: { x: 300, y: 100 } });
    await goTo(HOVER.line, hoverCol);
    await poll("the hover text", async () => {
      await page.keyboard.press("Control+K");
      await page.keyboard.press("Control+I");
      const hover = page.locator(".monaco-hover:not(.hidden)");
      await hover.first().waitFor({ state: "visible", timeout: 5000 });
      await sleep(300);
      const texts = await hover.allTextContents();
      if (texts.some((t) => HOVER.expect.test(t))) return true;
      throw new Error(`hover shows: ${texts.join(" | ").slice(0, 300)}`);
    });
  });

  await check("F12 goes from [footnoteRef:2] to its body on line 58", async () => {
    const l58 = LINES[57];
    const refCol = l58.indexOf("[footnoteRef:2]") + 3 + 1;
    const bodyCol = l58.indexOf("[2:") + 1;
    await goTo(58, refCol);
    const start = await cursor();
    await poll(`the cursor in the note body (Col ${bodyCol}..${bodyCol + 6})`, async () => {
      // Press F12 again only while the cursor has not moved (a lost key press).
      if ((await cursor()) === start) {
        await page.keyboard.press("F12");
        await poll("the cursor to move", async () => (await cursor()) !== start, 3000).catch(() => {});
      }
      const m = /^Ln (\d+), Col (\d+)/.exec(await cursor());
      if (!m) return false;
      const [l, c] = [Number(m[1]), Number(m[2])];
      if (l === 58 && c >= bodyCol && c <= bodyCol + 6) return true;
      throw new Error(`cursor at ${await cursor()}`);
    });
  });

  await check("F12 goes from the cross-reference on line 78 to the question on line 71", async () => {
    const col = LINES[77].indexOf("vorige") + 2 + 1;
    await goTo(78, col);
    const start = await cursor();
    await poll("the cursor on line 71", async () => {
      if ((await cursor()) === start) {
        await page.keyboard.press("F12");
        await poll("the cursor to move", async () => (await cursor()) !== start, 3000).catch(() => {});
      }
      const m = /^Ln (\d+), Col (\d+)/.exec(await cursor());
      if (!m) return false;
      if (Number(m[1]) === 71) return true;
      throw new Error(`cursor at ${await cursor()}`);
    });
  });

  await check("code lenses count the answers that refer to a question (resolved as shown)", async () => {
    // The cursor is at the question on line 71, which the answer on line 78 refers to.
    const lenses = page.locator(".contentWidgets .codelens-decoration");
    await poll("a lens saying how many answers refer to its question", async () =>
      (await lenses.allTextContents()).some((t) => /\d+ verwijzing(en)? naar dit antwoord/.test(t)),
    );
  });

  await check("the outline shows the fractie sections GroenLinks-PvdA and NSC", async () => {
    await command("Explorer: Focus on Outline View");
    const rows = page.locator(".outline-pane .monaco-list-row, [id='outline'] .monaco-list-row");
    await poll("GroenLinks-PvdA in the outline", async () =>
      (await rows.allTextContents()).some((t) => t.includes("GroenLinks-PvdA")),
    );
    // The tree is virtual: filter it to bring the NSC section into view. Type only once the
    // keyboard focus is in the outline's list, never into the document.
    await poll("the keyboard focus in the outline", async () => {
      const focused = await page.evaluate(() => {
        const a = document.activeElement;
        const pane = a && a.closest(".pane-body");
        return !!(pane && a.closest(".monaco-list") && /GroenLinks-PvdA/.test(pane.textContent || ""));
      });
      if (!focused) await command("Explorer: Focus on Outline View");
      return focused;
    });
    await page.keyboard.type("NSC");
    await poll("NSC in the outline", async () => (await rows.allTextContents()).some((t) => /NSC-fractie|^NSC/.test(t)));
    await page.keyboard.press("Escape");
  });

  await check("typing an unanswered question adds GRF101; deleting it clears it", async () => {
    await editor.click({ position: { x: 300, y: 100 } });
    await page.keyboard.press("Control+End");
    await poll("the cursor at the end", async () => (await cursor()).startsWith(`Ln ${LINES.length}`));
    await page.keyboard.press("Enter");
    await page.keyboard.type("De leden van de NSC-fractie vragen of de minister de planning kan toelichten?", { delay: 5 });
    await page.keyboard.press("Control+Shift+M");
    await poll("GRF101 in the Problems panel", async () => (await problemRows()).some((t) => t.includes("GRF101")));
    await screenshot("unanswered-question");
    await editor.click({ position: { x: 300, y: 100 } });
    await page.keyboard.press("Control+End");
    await page.keyboard.press("Control+Shift+K");
    await poll("GRF101 to disappear", async () => {
      const rows = await problemRows();
      return !rows.some((t) => t.includes("GRF101")) && rows.some((t) => t.includes("GRF401"));
    });
  });
} catch (e) {
  failed++;
  say(`FAIL - test script error: ${e.stack || e}`);
} finally {
  await cleanup();
}

say(`${passed} passed, ${failed} failed`);
if (failed > 0) {
  say(`code-server log: ${csLogPath}; logs and screenshots: ${OUT}, ${SHOTS}`);
}
process.exit(failed > 0 ? 1 : 0);
