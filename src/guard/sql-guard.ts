import { loadModule } from 'libpg-query';
import { getSqlDialectProfile } from '../dialects/dialect-registry.js';
import type { SqlDialectProfile } from '../dialects/sql-dialect-profile.js';
import type { SqlDialectName } from '../dialects/sql-dialect.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { ColumnLineageResolver, type BaseColumnRead } from './column-lineage-resolver.js';
import { ColumnPolicy } from './column-policy.js';
import { assertEngineGrammar } from './engine-grammar-check.js';
import { assertFunctionAllowed, assertNotNeverAllowed, foldFunctionName } from './function-policy.js';
import { GuardRejection, type GuardRule } from './guard-rejection.js';
import { assertNoLexicalDifferential, isSafeForPostgresGrammarFallback } from './lexical-differential-check.js';
import { analyzePortableStatement } from './portable-statement-analyzer.js';
import { analyzePostgresStatement } from './postgres-statement-analyzer.js';
import { assertNotSystemRelation, RelationPolicy } from './relation-policy.js';
import { applyRowLimit, type LimitReader } from './row-limit-rewriter.js';
import { rewriteSqliteBracketIdentifiers } from './sqlite-bracket-identifier-rewriter.js';
import type { StatementAnalysis } from './statement-analysis.js';

export type { GuardRule } from './guard-rejection.js';
export type { BaseColumnRead } from './column-lineage-resolver.js';

/** One base relation a statement reads, and which of its columns, as column lineage traced them. */
export interface GuardColumnRead {
  /** The relation's name parts as written, outermost first. */
  relation: string[];
  /** The columns of it the statement may read there. */
  read: BaseColumnRead;
}

/** One SQL statement to prove read-only before it runs. */
export interface GuardRequest {
  /** SQL as the model wrote it. */
  sql: string;
  /** Dialect of the source it will run on. */
  dialect: SqlDialectName;
  /** Tables the question may read, as `table` or `schema.table` (case-insensitive). */
  allowedTables: string[];
  /** Most rows the query may return; a LIMIT is added or tightened to this. */
  rowLimit: number;
  /** The source's default schema (defaults: public, main, default; none for MySQL). */
  defaultSchema?: string;
  /** Functions this source's overlay allows beyond the dialect's list (lower-case, qualified as the overlay wrote them). */
  allowedFunctions?: readonly string[];
  /** Personal-data columns per allowed table (keys as in `allowedTables`); never readable, by name, star or whole row. */
  protectedColumns?: Record<string, string[]>;
  /** Every column per allowed table in catalog (ordinal) order; traces an alias column list's renames to the base columns. */
  tableColumns?: Record<string, string[]>;
  /** MySQL only: the source's sessions read backslash escapes in strings (sql_mode without NO_BACKSLASH_ESCAPES); default false. */
  backslashEscapes?: boolean;
}

/** The guard's decision. */
export type GuardVerdict =
  | {
      /** The statement may run. */
      allowed: true;
      /** SQL to run: the single statement, possibly with a LIMIT added or tightened (and SQLite `[name]` written `"name"`). */
      sql: string;
      /** Relations read, as written (qualified names joined with '.'), without CTE names. */
      tables: string[];
      /** Functions called, as resolved by the parser (lower-case, qualified names joined with '.'). */
      functions: string[];
      /** True when the guard added or tightened the LIMIT. */
      limitApplied: boolean;
      /** Every base-relation read of every column reference, star and whole-row value (subqueries and CTEs included). */
      columnReads: GuardColumnRead[];
    }
  | {
      /** The statement must not run. */
      allowed: false;
      /** Stable machine name of the violated rule. */
      rule: GuardRule;
      /** A clear sentence for the user and the repair prompt. */
      reason: string;
    };

/**
 * Proves one LLM-written statement read-only and within the question's tables, with a real parser per
 * dialect. Anything it cannot understand is rejected (fail closed).
 */
export class SqlGuard {
  private constructor() {}

  /** Loads the PostgreSQL parser (WASM) once; `check` is synchronous afterwards. */
  static async create(): Promise<SqlGuard> {
    await loadModule();
    return new SqlGuard();
  }

  /** Decides whether the SQL may run and, if so, returns the statement to run. */
  check(request: GuardRequest): GuardVerdict {
    if (!Number.isInteger(request.rowLimit) || request.rowLimit < 1) {
      throw new SwitchyardError('SWY_ERR_INTERNAL', 'The guard needs a positive integer rowLimit.', {
        details: { rowLimit: request.rowLimit },
      });
    }
    try {
      return this.evaluate(request);
    } catch (error) {
      if (error instanceof GuardRejection) return { allowed: false, rule: error.rule, reason: error.message };
      // A crash inside a parser is still a refusal: the guard never lets through what it could not check.
      const message = error instanceof Error ? error.message : String(error);
      return { allowed: false, rule: 'parse-error', reason: `The guard could not analyse the SQL: ${message}` };
    }
  }

  private evaluate(request: GuardRequest): GuardVerdict {
    const { rowLimit } = request;
    const dialect = getSqlDialectProfile(request.dialect);
    // The rewritten text is the one judged and the one that runs (see the rewriter).
    const sql = dialect.lexical.bracketIdentifiers ? rewriteSqliteBracketIdentifiers(request.sql) : request.sql;
    if (sql.trim() === '') throw new GuardRejection('parse-error', 'The SQL is empty.');
    assertNoLexicalDifferential(dialect.lexical, sql, request.backslashEscapes === true);
    const analysis = this.analyze(sql, dialect, false);
    assertEngineGrammar(dialect, sql);
    for (const relation of analysis.relations) assertNotSystemRelation(dialect, relation);
    const extraFunctions = new Set((request.allowedFunctions ?? []).map(foldFunctionName));
    const calls = [
      ...analysis.functions.map((parts) => ({ parts, position: 'expression' as const })),
      ...analysis.tableFunctions.map((parts) => ({ parts, position: 'table' as const })),
    ];
    // Never-allowed functions first, so an attack is audited as one; functions merely off the list are judged
    // last, so a statement that also reads a PII column or an unknown table is refused (and repaired) for that.
    for (const call of calls) assertNotNeverAllowed(dialect, call.parts);
    const policy = new RelationPolicy({
      dialect,
      allowedTables: request.allowedTables,
      ...(request.defaultSchema === undefined ? {} : { defaultSchema: request.defaultSchema }),
    });
    for (const relation of analysis.relations) policy.assertAllowed(relation);
    // After the table check, so a statement reaching an unknown table is refused (and scoped) as such first.
    const schema = request.defaultSchema === undefined ? {} : { defaultSchema: request.defaultSchema };
    const lineage = new ColumnLineageResolver({
      dialect,
      ...(request.tableColumns === undefined ? {} : { tableColumns: request.tableColumns }),
      ...schema,
    }).resolve(analysis);
    new ColumnPolicy({ dialect, protectedColumns: request.protectedColumns ?? {}, ...schema }).assertAllowed(lineage);
    const functions = unique(calls.map((call) => assertFunctionAllowed(dialect, call, extraFunctions)));
    const readLimit: LimitReader = (rewritten, kind) => this.analyze(rewritten, dialect, kind === 'append').existingLimit;
    const limited = applyRowLimit(analysis.statementText, analysis.existingLimit, rowLimit, readLimit);
    return {
      allowed: true,
      sql: limited.sql,
      tables: unique(analysis.relations.map((parts) => parts.join('.'))),
      functions,
      limitApplied: limited.limitApplied,
      columnReads: lineage.map(({ relation, read }) => ({ relation, read })),
    };
  }

  private analyze(sql: string, dialect: SqlDialectProfile, trustAppendedLimit: boolean): StatementAnalysis {
    const { grammar } = dialect;
    if (grammar.parser === 'libpg-query') return analyzePostgresStatement(sql, grammar.label);
    try {
      return analyzePortableStatement(sql, grammar, trustAppendedLimit);
    } catch (error) {
      // node-sql-parser's grammars miss some valid SQL (a table named SHOW, SUM(DISTINCT …) inside an
      // IN subquery). PostgreSQL's own parser is the last resort, where the profile allows that fallback,
      // on text free of the lexical features where it and the engine disagree; whatever it cannot parse
      // stays rejected with the first reason.
      if (!(error instanceof GuardRejection) || error.rule !== 'parse-error' || !grammar.postgresFallback) throw error;
      if (!isSafeForPostgresGrammarFallback(sql)) throw error;
      try {
        return analyzePostgresStatement(sql, `${dialect.name} SQL`);
      } catch {
        throw error;
      }
    }
  }
}

/** De-duplicates case-insensitively, keeping the first spelling. */
function unique(names: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const name of names) if (!seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
  return [...seen.values()];
}
