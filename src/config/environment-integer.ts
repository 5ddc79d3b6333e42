import { SwitchyardError } from '../errors/switchyard-error.js';

/**
 * Reads an integer setting: unset or blank gives the default; anything else must be an integer of at
 * least `minimum`, or start-up fails with SWY_ERR_CONFIG_INVALID naming the variable (never silently
 * falling back, which would hide an operator's typo).
 */
export function readEnvironmentInteger(environment: NodeJS.ProcessEnv, name: string, fallback: number, minimum = 1): number {
  const raw = environment[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < minimum) {
    throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', `${name} must be an integer ≥ ${minimum}, got "${raw}"`, {
      details: { variable: name },
    });
  }
  return value;
}
