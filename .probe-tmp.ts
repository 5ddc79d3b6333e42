import { spawn } from 'node:child_process';
import readline from 'node:readline';
const child = spawn(process.execPath, ['--import', 'tsx', 'bench/load-bench-server.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise<number>((resolve) => readline.createInterface({ input: child.stdout }).on('line', (l) => l.startsWith('{"port"') && resolve(JSON.parse(l).port)));
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  const r = await fetch(`http://127.0.0.1:${port}/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: `How many tickets were sold for Opera events? [v${i}]` }) });
  const b = await r.json();
  console.log(r.status, Math.round(performance.now() - t), JSON.stringify(b.timings), b.routing?.tokens, b.error?.message?.slice(0, 200));
}
child.kill('SIGTERM');
