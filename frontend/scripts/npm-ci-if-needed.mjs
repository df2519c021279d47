// Runs `npm ci` when node_modules is missing or older than package-lock.json, so that a Maven
// build does not reinstall on every run but a fresh clone or a changed lock file always installs.
// npm writes node_modules/.package-lock.json at the end of every install: its time is the
// install's time.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

const installed = mtime('node_modules/.package-lock.json');
const lock = mtime('package-lock.json');
if (installed >= 0 && installed >= lock) {
  console.log('node_modules is up to date with package-lock.json; skipping npm ci');
  process.exit(0);
}
console.log('running npm ci');
const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
