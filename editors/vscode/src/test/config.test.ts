// Unit tests without VS Code: server path resolution and the settings sent to the server.
import { test } from "node:test";
import * as assert from "node:assert/strict";

import { resolveServerPath, serverSettings } from "../config";

const exists = (files: string[]) => (f: string) => files.includes(f);

test("the default 'griffel' is looked up on PATH, first hit wins", () => {
  const r = resolveServerPath("", {
    platform: "linux",
    pathEnv: "/usr/local/bin:/opt/griffel/bin:/usr/bin",
    isExecutable: exists(["/opt/griffel/bin/griffel", "/usr/bin/griffel"]),
  });
  assert.deepEqual(r, { ok: true, path: "/opt/griffel/bin/griffel" });
});

test("a missing server reports every place tried", () => {
  const r = resolveServerPath("griffel", { platform: "linux", pathEnv: "/a:/b", isExecutable: () => false });
  assert.deepEqual(r, { ok: false, tried: ["/a/griffel", "/b/griffel"] });
});

test("absolute, home and workspace-relative paths", () => {
  const env = {
    platform: "linux" as const,
    pathEnv: "/usr/bin",
    home: "/home/staff",
    workspace: "/work/verslagen",
    isExecutable: exists(["/opt/g/griffel", "/home/staff/.cargo/bin/griffel", "/work/verslagen/bin/griffel"]),
  };
  assert.deepEqual(resolveServerPath("/opt/g/griffel", env), { ok: true, path: "/opt/g/griffel" });
  assert.deepEqual(resolveServerPath("~/.cargo/bin/griffel", env), { ok: true, path: "/home/staff/.cargo/bin/griffel" });
  assert.deepEqual(resolveServerPath("./bin/griffel", env), { ok: true, path: "/work/verslagen/bin/griffel" });
  assert.equal(resolveServerPath("/nope/griffel", env).ok, false);
});

test("Windows: PATHEXT extensions and ';' separated PATH", () => {
  const r = resolveServerPath("griffel", {
    platform: "win32",
    pathEnv: "C:\\tools;C:\\griffel",
    pathExt: ".EXE;.CMD",
    isExecutable: exists(["C:\\griffel\\griffel.EXE"]),
  });
  assert.deepEqual(r, { ok: true, path: "C:\\griffel\\griffel.EXE" });
});

test("settings: the server's keys only, defaults left to the server", () => {
  assert.deepEqual(
    serverSettings({
      path: "/opt/griffel",
      trace: { server: "verbose" },
      language: "en",
      severity: { grf304: "OFF", GRF101: "error", GRF999: "loud" },
      fracties: ["VVD", " NSC ", "", 3],
      diagnosticsDelayMs: 99999,
      sync: "full",
    }),
    {
      language: "en",
      severity: { GRF304: "off", GRF101: "error" },
      fracties: ["VVD", "NSC"],
      diagnosticsDelayMs: 10000,
      sync: "full",
    },
  );
});

test("settings: empty fracties and severity are left out, bad values dropped", () => {
  assert.deepEqual(serverSettings({ language: "fr", severity: {}, fracties: [], diagnosticsDelayMs: "5", sync: "x" }), {});
  assert.deepEqual(serverSettings(undefined), {});
  assert.deepEqual(serverSettings({ diagnosticsDelayMs: -3 }), { diagnosticsDelayMs: 0 });
});
