import type { Connector } from '../connectors/connector.js';

/** Where findings are logged (pino-compatible). */
interface PrivilegeCheckLogger {
  /** Logs a degraded but serving state. */
  warn(object: object, message?: string): void;
}

/**
 * The start-up check of what each source's login may run beyond reading (user-defined functions,
 * dblink, file privileges), which the engine's read-only transaction does not contain. Each source
 * is checked once, and checked again on the next refresh only while it could not be reached; its
 * findings are logged once and then listed in every refresh's warnings, so GET /catalog/status
 * keeps showing them until the grants are revoked and the service restarted.
 */
export class SourcePrivilegeCheck {
  readonly #logger: PrivilegeCheckLogger;
  readonly #findings = new Map<string, string[]>();

  constructor(logger: PrivilegeCheckLogger) {
    this.#logger = logger;
  }

  /** Checks the sources not checked yet and returns every finding, each prefixed with its source. */
  async warnings(connectors: ReadonlyMap<string, Connector>): Promise<string[]> {
    const unchecked = [...connectors].filter(([name]) => !this.#findings.has(name));
    await Promise.all(
      unchecked.map(async ([name, connector]) => {
        try {
          const findings = (await connector.privilegeWarnings?.()) ?? [];
          this.#findings.set(name, findings);
          if (findings.length > 0) this.#logger.warn({ source: name, warnings: findings }, "the source's login may run more than reads; revoke what it does not need");
        } catch {
          // An unreachable source is reported by its catalog load; the check runs again next refresh.
        }
      }),
    );
    return [...this.#findings].flatMap(([name, findings]) => findings.map((finding) => `source "${name}": ${finding}`));
  }
}
