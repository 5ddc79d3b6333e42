// Types of plan-formatter.js for the TypeScript tests that import it; the browser loads the .js as is.
import type { FederatedPartSummary, FederatedPlanSummary } from '../schemas/query-schema.js';

/** What the SQL heading reads of a response. */
export interface HeadedResponse {
  /** The answering source, or the sources joined with `+`. */
  readonly source: string;
  /** `http-get` for a REST source's request. */
  readonly requestLanguage?: 'sql' | 'http-get';
  /** A federated answer's plan. */
  readonly plan?: FederatedPlanSummary;
}

export declare const wideScreenQuery: string;
export declare function sourceKindName(kind: string): string;
export declare function sourceText(source: string, kinds?: ReadonlyMap<string, string>): string;
export declare function sourcesText(sources: readonly string[]): string;
export declare function namesSeveralSources(source: unknown): boolean;
export declare function routeText(route: { readonly source: string; readonly tables: readonly string[] }): string;
export declare function qualifiedTable(source: string, table: string): string;
export declare function formatDuration(milliseconds: number, locale?: string): string;
export declare function formatBytes(bytes: number, locale?: string): string;
export declare function partProgress(part: FederatedPartSummary, locale?: string): string;
export declare function partFigures(part: FederatedPartSummary, locale?: string): string;
export declare function trinoSourceName(plan: FederatedPlanSummary, responseSource: string | undefined, kinds?: ReadonlyMap<string, string>): string | undefined;
export declare function trinoText(plan: FederatedPlanSummary, responseSource: string | undefined, kinds?: ReadonlyMap<string, string>): string;
export declare function queryHeading(response: HeadedResponse, kinds?: ReadonlyMap<string, string>): string;
export declare function planSummary(plan: FederatedPlanSummary, responseSource: string | undefined, kinds?: ReadonlyMap<string, string>, locale?: string): string;
export declare function planProgress(partsRead: number, locale?: string): string;
export declare function combineText(plan: FederatedPlanSummary, locale?: string): string;
export declare function filtersText(pushedFilters: readonly string[]): string;
export declare function keptPlan(value: unknown): FederatedPlanSummary | undefined;
