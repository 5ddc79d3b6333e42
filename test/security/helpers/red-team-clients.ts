import crypto from 'node:crypto';

/** Two API clients: the attacker (whose model is compromised) and another client of the same sources. */
export const redTeamClients = {
  /** Key of the client sending the attacks. */
  attackerKey: `attacker-key-${process.pid}`,
  /** Key of another client; its results must stay its own. */
  ownerKey: `owner-key-${process.pid}`,
};

function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

/** SWITCHYARD_API_KEYS for both clients; `attackerSources` is the attacker's scope. */
export function apiKeysSetting(attackerSources: readonly string[], ownerSources: readonly string[] | '*'): string {
  return JSON.stringify([
    { client: 'attacker', keySha256: sha256(redTeamClients.attackerKey), sources: attackerSources },
    { client: 'owner', keySha256: sha256(redTeamClients.ownerKey), sources: ownerSources },
  ]);
}

/** Authorization header of a key. */
export function bearer(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}
