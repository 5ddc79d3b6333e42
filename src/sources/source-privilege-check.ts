import type { Connector } from '../connectors/connector.js';
import { SwitchyardError } from '../errors/switchyard-error.js';

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
        let findings: string[];
        try {
          findings = (await connector.privilegeWarnings?.()) ?? [];
        } catch (error) {
          // An unreachable or busy source is reported by its catalog load; the check runs again next refresh.
          if (SwitchyardError.isInstance(error) && error.isRetryable) return;
          // Any other failure is a check that cannot answer, which must not pass for a clean bill.
          findings = [`the start-up privilege check could not run: ${error instanceof Error ? error.message : String(error)}`];
        }
        this.#findings.set(name, findings);
        if (findings.length > 0) this.#logger.warn({ source: name, warnings: findings }, "the source's login may run more than reads; revoke what it does not need");
      }),
    );
    return [...this.#findings].flatMap(([name, findings]) => findings.map((finding) => `source "${name}": ${finding}`));
  }
}
