import type { AttackCase } from './attack-case.js';
import { classOneAttacks } from './class-1-ddl-dml.js';
import { classTwoAttacks } from './class-2-side-effects.js';
import { classThreeAttacks } from './class-3-evasion.js';
import { classFourAttacks } from './class-4-indirect-injection.js';
import { classFiveAttacks } from './class-5-authorization.js';
import { classSixAttacks } from './class-6-code-exec.js';
import { classSevenAttacks } from './class-7-cost.js';
import { classEightAttacks } from './class-8-answer-leakage.js';

/** Every attack case of the corpus. */
export const attackCorpus: readonly AttackCase[] = [
  ...classOneAttacks,
  ...classTwoAttacks,
  ...classThreeAttacks,
  ...classFourAttacks,
  ...classFiveAttacks,
  ...classSixAttacks,
  ...classSevenAttacks,
  ...classEightAttacks,
];
