/** The guard rule a never-allowed function is refused under, so the audit log shows an attack as one. */
export type FunctionDenialRule = 'denied-function' | 'denied-file-access' | 'system-catalog';

/**
 * Functions a dialect never allows, not even by a source's overlay: which names, under which rule, and
 * why. A name matches after the guard folded it (NFKC, invisible characters removed, lower case).
 */
export interface FunctionDenial {
  /** Rule reported for a match. */
  readonly rule: FunctionDenialRule;
  /** Why these functions are denied, as a sentence fragment ("reads server files"). */
  readonly why: string;
  /** Exact lower-case names. */
  readonly names?: readonly string[];
  /** Lower-case name prefixes. */
  readonly prefixes?: readonly string[];
}
