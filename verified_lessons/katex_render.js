// Render TeX with the vendored KaTeX, in Node, for verified_lessons/katex.py.
// stdin: JSON list of {tex, display}; stdout: JSON list of HTML strings (one per formula).
// An invalid formula stops with its TeX and KaTeX's message on stderr and exit code 1.
"use strict";
const path = require("path");
const katex = require(path.join(__dirname, "..", "docs", "assets", "vendor", "katex", "katex.min.js"));

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const out = [];
  for (const { tex, display } of JSON.parse(input)) {
    try {
      out.push(katex.renderToString(tex, { displayMode: display, throwOnError: true, output: "htmlAndMathml" }));
    } catch (error) {
      process.stderr.write(`${JSON.stringify(tex)}: ${error.message}\n`);
      process.exit(1);
    }
  }
  process.stdout.write(JSON.stringify(out));
});
