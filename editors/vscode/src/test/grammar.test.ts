// The TextMate grammar, run by the same engine VS Code uses (vscode-textmate + oniguruma), on
// lines of the shared sample's shape.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as oniguruma from "vscode-oniguruma";
import * as vsctm from "vscode-textmate";

const root = path.join(__dirname, "..", "..");

async function grammar(): Promise<vsctm.IGrammar> {
  const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (s: string[]) => new oniguruma.OnigScanner(s),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () => {
      const file = path.join(root, "syntaxes", "griffel-report.tmLanguage.json");
      return vsctm.parseRawGrammar(fs.readFileSync(file, "utf8"), file);
    },
  });
  const g = await registry.loadGrammar("text.griffel-report");
  assert.ok(g);
  return g;
}

/** The scopes of `needle`'s first character in `line` (lines tokenized in order). */
function scopesAt(g: vsctm.IGrammar, lines: string[], lineNo: number, needle: string): string[] {
  let state = vsctm.INITIAL;
  for (let i = 0; i < lines.length; i++) {
    const r = g.tokenizeLine(lines[i], state);
    if (i === lineNo) {
      const at = lines[i].indexOf(needle);
      assert.ok(at >= 0, `${needle} not in line ${i}`);
      const tok = r.tokens.find((t) => t.startIndex <= at && at < t.endIndex);
      assert.ok(tok);
      return tok.scopes;
    }
    state = r.ruleStack;
  }
  throw new Error("no such line");
}

const DOC = [
  "32317\t\tJBZ-Raad (vreemdelingen- en asielbeleid)",
  "· Fiche: [MFK] EU-steun voor asiel (Kamerstuk 22112, nr. 4149) en (Kamerstuk 32317-967)",
  "Bij brief van …  heeft de minister de vragen beantwoord.",
  " I\tVragen en opmerkingen vanuit de fracties",
  "Vragen en opmerkingen van de leden van de GroenLinks-PvdA-fractie",
  "Europese terugkeerwetgeving",
  "Kan de minister dit toelichten[footnoteRef:2]? Zie ook [MFK] hierboven.  [2:  Tweede Kamer, vergaderjaar 2024-2025, kst. 32317, nr. 967; zie [link] hier]  ",
  "Antwoord ",
  "Zie antwoord op de vorige vraag.",
  "Vraag 12",
  "Antwoord op vraag 12:",
];

test("structure is coloured: sections, fracties, topics, answers, numbers", async () => {
  const g = await grammar();
  const has = (line: number, needle: string, scope: string) => {
    const s = scopesAt(g, DOC, line, needle);
    assert.ok(s.some((x) => x.startsWith(scope)), `${needle}: ${s.join(" ")} lacks ${scope}`);
  };
  has(3, "Vragen en opmerkingen vanuit", "entity.name.section");
  has(4, "Vragen en opmerkingen van", "markup.heading.fractie");
  has(4, "GroenLinks-PvdA", "entity.name.type.fractie");
  has(5, "Europese", "markup.heading.topic");
  has(7, "Antwoord", "keyword.control.answer");
  has(9, "Vraag", "keyword.other.question");
  has(9, "12", "constant.numeric.question-number");
  has(10, "12", "constant.numeric.question-number");
});

test("inline: note references, note bodies with ']' inside, Kamerstukken, placeholders", async () => {
  const g = await grammar();
  const has = (line: number, needle: string, scope: string) => {
    const s = scopesAt(g, DOC, line, needle);
    assert.ok(s.some((x) => x.startsWith(scope)), `${needle}: ${s.join(" ")} lacks ${scope}`);
  };
  const hasNot = (line: number, needle: string, scope: string) => {
    const s = scopesAt(g, DOC, line, needle);
    assert.ok(!s.some((x) => x.startsWith(scope)), `${needle}: ${s.join(" ")} has ${scope}`);
  };
  has(6, "[footnoteRef:2]", "entity.name.tag.footnote-ref");
  has(6, "Tweede Kamer", "comment.block.footnote");
  has(6, "kst. 32317", "markup.underline.link.kamerstuk");
  has(6, "hier]", "comment.block.footnote");
  hasNot(6, "[MFK] hier", "comment.block.footnote");
  has(1, "Kamerstuk 22112, nr. 4149", "markup.underline.link.kamerstuk");
  has(1, "Kamerstuk 32317-967", "markup.underline.link.kamerstuk");
  has(2, "…", "invalid.deprecated.placeholder");
  hasNot(8, "Zie antwoord", "markup.heading");
  hasNot(0, "32317", "constant.numeric.question-number");
});
