// `npm test`: typecheck, lint, vitest (unit + integration), renderer build, Playwright
// (e2e in Chromium against web mode, and the Electron suite where a binary exists).
// Ends with one line "N passed, N failed, N skipped" totalled over every step:
// typecheck, lint and build count as one check each; test runners count their tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
let passed = 0;
let failed = 0;
let skipped = 0;

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}: ${[path.basename(cmd), ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}
function check(label, ok) {
  if (ok) passed += 1;
  else {
    failed += 1;
    console.log(`!!! ${label} failed`);
  }
}
function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const only = process.argv[2]; // optional: "unit" or "e2e" to run one part

if (!only) {
  check('typecheck', run('typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']));
  check('lint', run('lint', bin('eslint'), ['.', '--max-warnings=0']));
}

if (!only || only === 'unit') {
  const vitestJson = path.join(results, 'vitest.json');
  fs.rmSync(vitestJson, { force: true });
  const ok = run('vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
  const v = readJson(vitestJson);
  if (v) {
    passed += v.numPassedTests ?? 0;
    failed += v.numFailedTests ?? 0;
    skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
    if (!ok && !v.numFailedTests) failed += 1; // a suite that failed to load
  } else check('vitest (no report)', false);
}

if (!only || only === 'e2e') {
  const built = run('renderer build', bin('vite'), ['build', '--logLevel', 'warn']);
  check('renderer build', built);
  if (built) {
    const pwJson = path.join(results, 'playwright.json');
    fs.rmSync(pwJson, { force: true });
    const ok = run('playwright', bin('playwright'), ['test'], { SABAN_PW_JSON: pwJson });
    const p = readJson(pwJson);
    if (p?.stats) {
      passed += (p.stats.expected ?? 0) + (p.stats.flaky ?? 0);
      failed += p.stats.unexpected ?? 0;
      skipped += p.stats.skipped ?? 0;
      if (!ok && !p.stats.unexpected) failed += 1;
    } else check('playwright (no report)', false);
  }
}

console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
