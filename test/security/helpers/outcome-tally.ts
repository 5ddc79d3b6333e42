import fs from 'node:fs';
import path from 'node:path';
import { repositoryRoot } from '../../helpers/services.js';
import { securityClassNames, type SecurityClass } from './security-case.js';

/** How one case ended: refused with a stable code, answered without harm, or a breach. */
export type CaseOutcome = 'refused' | 'harmless' | 'leaked';

/** Per-class counts. */
interface ClassCounts {
  /** Cases run. */
  cases: number;
  /** Refused with a stable SWY_ERR_* code. */
  refused: number;
  /** Answered with nothing secret and nothing changed. */
  harmless: number;
  /** Anything else: a secret shown, state changed, or an answer where a refusal was required. */
  leaked: number;
  /** Ids of the leaked cases. */
  leakedIds: string[];
}

/** Where every file's figures are appended, so one run's totals can be read across files. */
export const tallyFile = path.join(repositoryRoot, '.artifacts', 'security-tally.jsonl');

/** Counts outcomes per class and prints them when a file's cases are done. */
export class OutcomeTally {
  readonly #counts = new Map<SecurityClass, ClassCounts>();

  constructor(private readonly title: string) {}

  /** Records one case. */
  record(securityClass: SecurityClass, caseId: string, outcome: CaseOutcome): void {
    const counts = this.#counts.get(securityClass) ?? { cases: 0, refused: 0, harmless: 0, leaked: 0, leakedIds: [] };
    counts.cases += 1;
    counts[outcome] += 1;
    if (outcome === 'leaked') counts.leakedIds.push(caseId);
    this.#counts.set(securityClass, counts);
  }

  /** Prints the table (console) and appends it to the run's tally file. */
  print(): void {
    if (this.#counts.size === 0) return;
    const lines = [`[security] ${this.title}: class | cases | refused | harmless | leaked`];
    for (const [securityClass, counts] of [...this.#counts].sort(([a], [b]) => a - b)) {
      lines.push(
        `[security]   ${securityClass} ${securityClassNames[securityClass]} | ${counts.cases} | ${counts.refused} | ${counts.harmless} | ${counts.leaked}` +
          (counts.leakedIds.length > 0 ? `  leaked: ${counts.leakedIds.join(', ')}` : ''),
      );
    }
    console.log(lines.join('\n'));
    fs.mkdirSync(path.dirname(tallyFile), { recursive: true });
    const record = { title: this.title, time: new Date().toISOString(), classes: Object.fromEntries(this.#counts) };
    fs.appendFileSync(tallyFile, `${JSON.stringify(record)}\n`);
  }
}
