// Completes package-lock.json after `npm install`: when the registry this project is built against
// lacks another platform's optional binary (e.g. @duckdb/node-bindings-darwin-arm64), npm leaves it
// out of the lock file and `npm ci` then refuses the lock as out of sync. This adds an entry per
// missing optional package, carrying its os/cpu/libc, so npm skips it on other platforms and fetches
// it by version where it matches. Usage: node .ci/complete-lockfile.mjs package-lock.json
import fs from 'node:fs';
const file = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages;
let added = 0;
const osOf = (name) => ['darwin','win32','linux','android','freebsd','openbsd','openharmony'].find((os) => name.includes(`-${os}-`));
const cpuOf = (name) => {
  const rest = name.split('/').pop();
  for (const [pattern, cpu] of [['arm64','arm64'],['x64','x64'],['ia32','ia32'],['loong64','loong64'],['ppc64','ppc64'],['riscv64','riscv64'],['s390x','s390x'],['-arm-','arm']]) if (rest.includes(pattern)) return cpu;
  return undefined;
};
for (const [location, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = location === '' ? '' : `${location}/`;
    const candidates = [`${base}node_modules/${name}`, `node_modules/${name}`];
    if (candidates.some((path) => packages[path])) continue;
    const os = osOf(name); const cpu = cpuOf(name);
    if (!os || !cpu) { console.error('cannot derive platform for', name); continue; }
    const libc = name.endsWith('-musl') || name.includes('-musl') ? ['musl'] : (os === 'linux' && /-gnu|linux-(x64|arm64)$/.test(name) ? ['glibc'] : undefined);
    packages[`node_modules/${name}`] = { version: spec, optional: true, os: [os], cpu: [cpu], ...(libc ? { libc } : {}) };
    added++;
  }
}
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log('added', added);
