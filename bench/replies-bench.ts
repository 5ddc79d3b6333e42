/*
 * Recorded replies benchmark: every reply of ../shared/bench/replies (nine real models and four TA-SQL
 * runs on BIRD Mini-Dev, 15,500 replies) goes through extract → cut-off check → guard → repair decision,
 * and a real engine decides whether the statement was valid: SQLite (sql.js, in memory), PostgreSQL and
 * MariaDB on 127.0.0.1, each over an empty copy of the reply's BIRD database built from dev_tables.json
 * (dropped afterwards). Prints counts per model and dialect, the false refusals by cause, and a final
 * JSON line. Run: `npm run bench:replies` (tsx bench/replies-bench.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqlGuard } from '../src/guard/sql-guard.js';
import { isRepairableGuardRule } from '../src/guard/guard-rejection.js';
import { extractSql, incompleteReason } from '../src/pipeline/languages/sql/sql-extractor.js';
import { probeService } from '../test/helpers/services.js';
import { loadBirdDatabases, type BirdDatabase, type ReplyDialect } from './bird-empty-schema.js';
import { openChecker, type EngineVerdict, type StatementChecker } from './engine-statement-checker.js';
import { falseRefusalCause, ReplyTally } from './reply-tally.js';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchRoot = path.resolve(repositoryRoot, '..', 'shared', 'bench');
const corpusRoot = path.join(benchRoot, 'replies', 'bird-mini-dev');
const rowLimit = 1001;
const separator = '\t----- bird -----\t';
// The engine's words for "the statement stopped early": a cut-off statement the guard let through shows here.
const prematureEnd = /at end of input|unterminated quoted|incomplete input|unrecognized token|near '' at line/i;

interface CorpusFile {
  readonly path: string;
  readonly model: string;
  readonly dialect: ReplyDialect;
}

function corpusFiles(): CorpusFile[] {
  const files: CorpusFile[] = [];
  const dialects: Record<string, ReplyDialect> = { sqlite: 'sqlite', mysql: 'mysql', mysqljson: 'mysql', postgresql: 'postgres' };
  for (const name of fs.readdirSync(path.join(corpusRoot, 'sql_output_kg')).sort()) {
    const match = /^predict_mini_dev_(.+)_(sqlite|mysql|mysqljson|postgresql)\.json$/.exec(name);
    if (match) files.push({ path: path.join(corpusRoot, 'sql_output_kg', name), model: match[1] as string, dialect: dialects[match[2] as string] as ReplyDialect });
  }
  for (const name of fs.readdirSync(path.join(corpusRoot, 'TA_output')).sort()) {
    const match = /^predict_mini_dev_(.+)_cot_SQLite\.json$/.exec(name);
    if (match) files.push({ path: path.join(corpusRoot, 'TA_output', name), model: `TA+${match[1] as string}`, dialect: 'sqlite' });
  }
  return files;
}

async function replayFile(file: CorpusFile, guard: SqlGuard, checker: StatementChecker, databases: Map<string, BirdDatabase>, tally: ReplyTally) {
  const replies = JSON.parse(fs.readFileSync(file.path, 'utf8')) as Record<string, string>;
  const row = tally.row(file.model, file.dialect);
  for (const [key, value] of Object.entries(replies)) {
    const [reply = '', databaseId = ''] = value.split(separator);
    const database = databases.get(databaseId.trim());
    if (database === undefined) throw new Error(`${file.path} ${key}: unknown database ${databaseId}`);
    const judge = (sql: string) =>
      guard.check({ sql, dialect: file.dialect, allowedTables: database.tables, rowLimit, backslashEscapes: checker.backslashEscapes });
    row.replies += 1;
    const extraction = extractSql(reply);
    if (extraction.kind === 'none') {
      row.none += 1;
      continue;
    }
    if (extraction.kind === 'several') {
      // As in the pipeline: the guard judges them together, and they never run even if it would allow them.
      row.several += 1;
      const verdict = judge(extraction.statements.join(';\n'));
      if (verdict.allowed || isRepairableGuardRule(verdict.rule)) row.refusedRepairable += 1;
      continue;
    }
    row.extracted += 1;
    const engine: EngineVerdict = await checker.check(database.id, extraction.sql);
    const verdict = judge(extraction.sql);
    // The recording stopped every reply at a stop sequence, so an open fence or tag is not a cut by itself.
    if (incompleteReason(extraction, 'finished') !== undefined) {
      row.truncated += 1;
      if (verdict.allowed) row.truncatedGuardWouldAllow += 1;
      if (engine.valid) row.truncatedEngineValid += 1;
      continue;
    }
    if (verdict.allowed) {
      row.accepted += 1;
      if (!engine.valid) row.acceptedEngineInvalid += 1;
      if (!engine.valid && prematureEnd.test(engine.message ?? '')) row.truncatedAccepted += 1;
      continue;
    }
    row.refused += 1;
    if (isRepairableGuardRule(verdict.rule)) row.refusedRepairable += 1;
    if (engine.valid) {
      row.falseRefusals += 1;
      tally.falseRefusal(falseRefusalCause(file.dialect, verdict.rule, extraction.sql), {
        where: `${path.basename(file.path)} #${key}`,
        reason: verdict.reason,
        sql: extraction.sql,
      });
    }
  }
}

async function main(): Promise<void> {
  if (!fs.existsSync(corpusRoot)) {
    console.log(`[skip] ${corpusRoot} is absent; the replies benchmark needs the shared benchmarks.`);
    console.log(JSON.stringify({ skipped: true, reason: 'corpus absent' }));
    return;
  }
  const started = Date.now();
  const databases = loadBirdDatabases(path.join(benchRoot, 'bird', 'dev_tables.json'));
  const guard = await SqlGuard.create();
  const tally = new ReplyTally();
  const files = corpusFiles();
  const skipped: string[] = [];
  for (const dialect of ['sqlite', 'mysql', 'postgres'] as const) {
    const service = dialect === 'sqlite' ? undefined : await probeService(dialect === 'mysql' ? 'mariadb' : 'postgres');
    if (service !== undefined && !service.available) {
      skipped.push(`${dialect}: ${service.reason ?? 'unavailable'}`);
      continue;
    }
    const checker = await openChecker(dialect, databases);
    try {
      for (const file of files.filter((candidate) => candidate.dialect === dialect)) await replayFile(file, guard, checker, databases, tally);
    } finally {
      await checker.close();
    }
  }
  tally.print(skipped, (Date.now() - started) / 1000);
}

await main();
