import { SwitchyardError } from '../errors/switchyard-error.js';
import { closestSettingName } from './closest-setting-name.js';
import { environmentSchema, type DeclaredValues } from './environment-schema.js';
import { RejectedValue, type EnvironmentSetting } from './environment-setting.js';
import type { ServiceConfig } from './service-config.js';
import { sourcesFileVariableNames } from './sources-file-variables.js';

/** Variables with this prefix are Switchyard's: one that is not declared is a mistake. */
const settingPrefix = 'SWITCHYARD_';

const declaredSettings: readonly (readonly [string, EnvironmentSetting<unknown>])[] = Object.entries(environmentSchema);
const declaredNames: readonly string[] = declaredSettings.map(([, setting]) => setting.variable).filter((name) => name.startsWith(settingPrefix));

function invalidValue(setting: EnvironmentSetting<unknown>, raw: string, hint: string | undefined): SwitchyardError {
  const got = setting.echoesValue && !setting.secret ? `, got "${raw}"` : ' (the value is not repeated: it may be a secret pasted into the wrong variable)';
  return new SwitchyardError('SWY_ERR_CONFIG_INVALID', `${setting.variable} must be ${setting.allowed}${got}${hint === undefined ? '' : `; ${hint}`}`, {
    details: { variable: setting.variable },
  });
}

function readDeclared(environment: Readonly<Record<string, string | undefined>>): DeclaredValues {
  const values: Record<string, unknown> = {};
  for (const [key, setting] of declaredSettings) {
    // Blank counts as unset: `FOO=` in an env file, or `${FOO:-}` in compose, means "not configured".
    const raw = environment[setting.variable]?.trim() || undefined;
    const value = setting.parse(raw);
    if (value instanceof RejectedValue) throw invalidValue(setting, raw ?? '', value.hint);
    values[key] = value;
  }
  return values as DeclaredValues;
}

/**
 * A SWITCHYARD_ variable no setting declares is most likely a misspelt one, which would otherwise be
 * ignored while its setting keeps the default. Names sources.yaml reads as `${NAME}` are its own.
 */
function rejectUnknownVariables(environment: Readonly<Record<string, string | undefined>>, catalogDirectory: string): void {
  const candidates = Object.keys(environment).filter((name) => name.startsWith(settingPrefix) && !declaredNames.includes(name));
  if (candidates.length === 0) return;
  const sourcesFileNames = sourcesFileVariableNames(catalogDirectory);
  const unknown = candidates.filter((name) => !sourcesFileNames.has(name)).sort();
  if (unknown.length === 0) return;
  const suggestions: Record<string, string> = {};
  for (const name of unknown) {
    const closest = closestSettingName(name, declaredNames);
    if (closest !== undefined) suggestions[name] = closest;
  }
  const named = unknown.map((name) => `${name} is not a Switchyard setting${suggestions[name] === undefined ? '.' : `; did you mean ${suggestions[name]}?`}`);
  throw new SwitchyardError('SWY_ERR_CONFIG_UNKNOWN_SETTING', `${named.join(' ')} Every setting is listed in docs/settings.md.`, {
    details: { variables: unknown, suggestions },
  });
}

/** Limits that are each valid alone but contradict each other. */
function rejectContradictions(values: DeclaredValues): void {
  const contradictions: [boolean, string, string][] = [
    [values.explainChunkTokens >= values.explainTokenBudget, 'SWITCHYARD_EXPLAIN_CHUNK_TOKENS', 'must be smaller than SWITCHYARD_EXPLAIN_TOKEN_BUDGET'],
    [values.sourceLoadRetryBaseMs > values.sourceLoadRetryMaxMs, 'SWITCHYARD_SOURCE_LOAD_RETRY_BASE_MS', 'exceeds SWITCHYARD_SOURCE_LOAD_RETRY_MAX_MS'],
    [values.defaultMaxRows > values.maxRowsLimit, 'SWITCHYARD_DEFAULT_MAX_ROWS', 'exceeds SWITCHYARD_MAX_ROWS_LIMIT'],
  ];
  for (const [contradicts, variable, problem] of contradictions) {
    if (contradicts) throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', `${variable} ${problem}`, { details: { variable } });
  }
}

/**
 * Reads the service's configuration from the environment, once, at start-up: every declared setting
 * is validated (SWY_ERR_CONFIG_INVALID naming the variable, the value and what is allowed) and an
 * undeclared SWITCHYARD_ variable stops start-up too (SWY_ERR_CONFIG_UNKNOWN_SETTING, suggesting the
 * name it most likely meant). Tests and the eval pass an environment of their own.
 */
export function readServiceConfig(environment: Readonly<Record<string, string | undefined>> = process.env): ServiceConfig {
  const values = readDeclared(environment);
  rejectUnknownVariables(environment, values.catalogDirectory);
  rejectContradictions(values);
  const variables = Object.fromEntries(Object.entries(environment).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return Object.freeze({ ...values, environment: Object.freeze(variables) });
}
