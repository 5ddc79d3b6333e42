// `npm start` builds first; a full type-check of src/ takes ten seconds or more, so it is skipped when
// nothing the build reads changed since the last one. The build's own tsbuildinfo (under dist/, so
// deleting dist/ forces a build) marks when that was; a directory's time changes when a file in it is
// added, removed or renamed, so deleted sources count as changes too.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const buildInfo = path.join('dist', '.tsbuildinfo');
const inputs = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

function newestChange(entry) {
  let stat;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestChange(path.join(entry, name)));
  return newest;
}

const builtAt = fs.existsSync(buildInfo) ? fs.statSync(buildInfo).mtimeMs : 0;
const changedAt = Math.max(...inputs.map(newestChange));
if (builtAt > 0 && changedAt <= builtAt) process.exit(0);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const build = spawnSync(npm, ['run', 'build', '--silent'], { stdio: 'inherit' });
// tsc leaves its tsbuildinfo alone when a touched file's content is unchanged: mark the check as done.
if (build.status === 0) fs.utimesSync(buildInfo, new Date(), new Date());
process.exit(build.status ?? 1);
