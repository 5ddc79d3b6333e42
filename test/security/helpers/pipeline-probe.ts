import type { ObservedApp } from './observed-app-builder.js';
import type { CaseOutcome } from './outcome-tally.js';
import { bearer, redTeamClients } from './red-team-clients.js';
import { findSecrets, secretsFor, type SecretValues } from './secret-scanner.js';
import type { SecurityCase } from './security-case.js';

/** Everything a case must leave as it was, each entry rendered as text: row counts, files, locks, sequences, settings. */
export type StateSnapshot = Record<string, string>;

/** A running service over real sources, with what must stay secret and unchanged. */
export interface ProbeTarget {
  /** The app, its model double and its log. */
  readonly observed: ObservedApp;
  /** Values the attacker must never see. */
  readonly secrets: SecretValues;
  /** Reads the state a case must not change. */
  snapshot(): Promise<StateSnapshot>;
}

/** What one case did. */
export interface ProbeVerdict {
  /** Refused, harmless or leaked. */
  readonly outcome: CaseOutcome;
  /** Each breach in words; empty unless leaked. */
  readonly breaches: string[];
  /** HTTP status of the JSON answer. */
  readonly status: number;
  /** SWY_ERR_* code of a refusal. */
  readonly code: string | undefined;
}

/** Lists every key whose value differs; multi-line values (file lists, settings) by their added and removed lines. */
export function stateChanges(before: StateSnapshot, after: StateSnapshot): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changes: string[] = [];
  for (const key of keys) {
    const was = before[key] ?? '';
    const now = after[key] ?? '';
    if (was === now) continue;
    const wasLines = new Set(was.split('\n'));
    const nowLines = new Set(now.split('\n'));
    const added = [...nowLines].filter((line) => !wasLines.has(line));
    const removed = [...wasLines].filter((line) => !nowLines.has(line));
    changes.push(`${key} changed: ${[...removed.map((line) => `-${line}`), ...added.map((line) => `+${line}`)].join(' ').slice(0, 300)}`);
  }
  return changes;
}

/**
 * Sends the case through the whole pipeline as the attacker: POST /query (JSON); when answered, the
 * same question as Server-Sent Events and the rows.csv download too. Every channel the attacker or the
 * operator sees is scanned for secrets — the responses, the prompts the model received (the explain
 * prompt carries rows) and the service log — and the state is compared before and after.
 */
export async function probeCase(target: ProbeTarget, securityCase: SecurityCase): Promise<ProbeVerdict> {
  const { app, model, log } = target.observed;
  const before = await target.snapshot();
  const callMark = model.calls.length;
  const logMark = log.lines.length;
  model.sql = securityCase.sql;
  const headers = bearer(redTeamClients.attackerKey);
  const question = `red team case ${securityCase.id}`;
  const answer = await app.inject({ method: 'POST', url: '/query', headers, payload: { question, source: securityCase.source } });
  const channels: [string, string][] = [['response', answer.body]];
  let code: string | undefined;
  let queryId: string | undefined;
  try {
    const body = answer.json() as { error?: { code?: string }; queryId?: string };
    code = body.error?.code;
    queryId = body.queryId;
  } catch {
    code = undefined;
  }
  if (answer.statusCode < 400) {
    const stream = await app.inject({
      method: 'POST',
      url: '/query',
      headers: { ...headers, accept: 'text/event-stream' },
      payload: { question: `${question} streamed`, source: securityCase.source },
    });
    channels.push(['event stream', stream.body]);
    if (queryId !== undefined) {
      const download = await app.inject({ method: 'GET', url: `/query/${queryId}/rows.csv`, headers });
      channels.push(['rows.csv', download.body]);
    }
  }
  channels.push(['model prompts', model.promptsSince(callMark)], ['service log', log.since(logMark)]);
  const after = await target.snapshot();

  const breaches: string[] = [];
  const secrets = secretsFor(securityCase.sql, target.secrets);
  for (const [channel, text] of channels) {
    const found = findSecrets(text, secrets);
    if (found.length > 0) breaches.push(`${channel} carries ${found.slice(0, 3).join(', ')}`);
  }
  breaches.push(...stateChanges(before, after));
  const refused = answer.statusCode >= 400;
  if (refused && !code?.startsWith('SWY_ERR_')) breaches.push(`error ${answer.statusCode} without a SWY_ERR_* code`);
  if (!refused && securityCase.refusalRequired) breaches.push(`answered ${answer.statusCode} where a refusal is required`);
  const outcome: CaseOutcome = breaches.length > 0 ? 'leaked' : refused ? 'refused' : 'harmless';
  return { outcome, breaches, status: answer.statusCode, code };
}

/** The failure message of a case: what it sent and what went wrong. */
export function describeVerdict(securityCase: SecurityCase, verdict: ProbeVerdict): string {
  return `${securityCase.id} (${verdict.status} ${verdict.code ?? ''}) ${securityCase.sql.slice(0, 160)}\n  ${verdict.breaches.join('\n  ')}`;
}
