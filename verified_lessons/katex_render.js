// Render TeX with the vendored KaTeX, in Node, for verified_lessons/katex.py.
// One process serves a whole build: each line of stdin is a JSON list of {tex, display}; each
// answer is one line of stdout, {"html": [...]} (one string per formula) or, for a formula
// KaTeX cannot render, {"error": "<its TeX>: <KaTeX's message>"}.
"use strict";
const path = require("path");
const readline = require("readline");
const katex = require(path.join(__dirname, "..", "docs", "assets", "vendor", "katex", "katex.min.js"));

const lines = readline.createInterface({ input: process.stdin, terminal: false });
lines.on("line", (line) => {
  if (!line.trim()) return;
  const html = [];
  for (const { tex, display } of JSON.parse(line)) {
    try {
      html.push(katex.renderToString(tex, { displayMode: display, throwOnError: true, output: "htmlAndMathml" }));
    } catch (error) {
      process.stdout.write(JSON.stringify({ error: `${JSON.stringify(tex)}: ${error.message}` }) + "\n");
      return;
    }
  }
  process.stdout.write(JSON.stringify({ html }) + "\n");
});
