/** What a caller of a generated client needs to reach the running service. */
export interface CallerContext {
  /** The service's origin, e.g. http://127.0.0.1:41234. */
  readonly origin: string;
  /** An API key that may use every source. */
  readonly apiKey: string;
  /** SWITCHYARD_ADMIN_TOKEN of the running service. */
  readonly adminToken: string;
  /** A question the scripted model answers from the sales source. */
  readonly question: string;
}

/** What a caller saw, route by route, for the test to assert on. */
export type Observations = Record<string, unknown>;

/** The name of what a call threw: `SyntaxError` when a client parsed a non-JSON body as JSON. */
export function failureOf(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/** `true` only when A and B are the same type (`any` equals nothing but `any`). */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only when its argument type-checks: `typeIs<Equal<typeof value, Expected>>(true)`. */
export function typeIs<Check extends true>(check: Check): Check {
  return check;
}
