import type { HttpOperationParameter, HttpOperationShape } from '../connectors/connector.js';
import { renderRequestText } from '../connectors/rest/openapi-request-text.js';
import { quoteWithDoubleQuotes } from '../dialects/quote-identifier.js';
import { quoteStringLiteral } from '../dialects/quote-string-literal.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { FederatedPart } from './federated-plan.js';
import type { PredicateLiteral, PushablePredicate } from './pushable-predicate.js';
import { draftColumnTypes, draftTableColumns, type PartDraft } from './sql-part-writer.js';

/** Most GET requests one REST part may send; more fails the plan rather than flooding the API. */
export const maxRequestsPerRestPart = 100;

type ParameterValue = string | number;

function parameterTypes(parameter: HttpOperationParameter): string[] {
  const type = parameter.schema.type;
  return type === undefined ? ['string'] : Array.isArray(type) ? type : [type];
}

/** A literal as a value of the parameter's type, when it is one. */
function parameterValue(literal: PredicateLiteral, parameter: HttpOperationParameter): ParameterValue | undefined {
  const types = parameterTypes(parameter);
  if (literal.kind === 'number') {
    const value = Number(literal.text);
    if (types.includes('integer') && Number.isInteger(value)) return value;
    return types.includes('number') ? value : undefined;
  }
  return literal.kind === 'string' && types.includes('string') ? literal.value : undefined;
}

/** The values an equality or IN filter on the parameter's column allows, or undefined when it does not constrain it. */
function allowedValues(predicate: PushablePredicate, parameter: HttpOperationParameter): ParameterValue[] | undefined {
  if (predicate.column.toLowerCase() !== parameter.name.toLowerCase()) return undefined;
  const literals = predicate.form === 'comparison' && predicate.operator === '=' ? [predicate.literal] : predicate.form === 'in' ? predicate.literals : undefined;
  if (literals === undefined) return undefined;
  const values = literals.map((literal) => parameterValue(literal, parameter));
  return values.every((value): value is ParameterValue => value !== undefined) ? values : undefined;
}

function displayValue(value: ParameterValue): string {
  return typeof value === 'number' ? String(value) : quoteStringLiteral(value);
}

/**
 * The values one required parameter takes: those the query's equality or IN filters on the column of
 * the same name allow (intersected, and within the enum when there is one), else every enum value.
 * The operation read as a table is the union of its responses over those values; optional parameters
 * stay at the server's defaults.
 */
function requiredValues(draft: PartDraft, parameter: HttpOperationParameter): { values: ParameterValue[]; filter?: string } {
  const enumValues = Array.isArray(parameter.schema.enum) ? parameter.schema.enum.filter((value): value is ParameterValue => typeof value === 'string' || typeof value === 'number') : undefined;
  let values: ParameterValue[] | undefined;
  for (const predicate of draft.predicates) {
    const allowed = allowedValues(predicate, parameter);
    if (allowed !== undefined) values = values === undefined ? [...new Set(allowed)] : values.filter((value) => allowed.includes(value));
  }
  if (values !== undefined) {
    const kept = enumValues === undefined ? values : values.filter((value) => enumValues.includes(value));
    return { values: kept, filter: `${quoteWithDoubleQuotes(parameter.name)} IN (${values.map(displayValue).join(', ')})` };
  }
  if (enumValues !== undefined) return { values: enumValues };
  if (!draft.table.columns.some((column) => column.name.toLowerCase() === parameter.name.toLowerCase())) {
    throw new SwitchyardError(
      'SWY_ERR_QUERY_FAILED',
      `${draft.table.qualifiedName} cannot be read in a federated answer: its API call needs the parameter "${parameter.name}", which is none of its columns, so no filter can give it; answer without that table.`,
      { details: { table: draft.table.qualifiedName, parameter: parameter.name } },
    );
  }
  throw new SwitchyardError(
    'SWY_ERR_QUERY_FAILED',
    `${draft.table.qualifiedName} is read through an API call that needs its parameter "${parameter.name}": filter that table with ${parameter.name} = <value> (or ${parameter.name} IN (…)) in the WHERE clause of the SELECT that reads it.`,
    { details: { table: draft.table.qualifiedName, parameter: parameter.name } },
  );
}

/** Every combination of the parameters' values, as request parameters. */
function combinations(parameters: readonly { name: string; values: readonly ParameterValue[] }[]): Record<string, ParameterValue>[] {
  return parameters.reduce<Record<string, ParameterValue>[]>(
    (sets, { name, values }) => sets.flatMap((set) => values.map((value) => ({ ...set, [name]: value }))),
    [{}],
  );
}

/**
 * Writes a REST part: one GET request of the operation per combination of its required parameters'
 * values. Each request text goes through the source's connector, which validates it against the
 * OpenAPI document again before sending it; the response's columns outside the projection (personal
 * data among them) are dropped before anything reaches the combine step.
 */
export function writeRestPart(draft: PartDraft, partRowCap: number): FederatedPart {
  const { table } = draft;
  const operation: HttpOperationShape | undefined = table.source.operations?.[table.table];
  if (operation === undefined) {
    throw new SwitchyardError(
      'SWY_ERR_QUERY_FAILED',
      `${table.qualifiedName} is no GET operation of the API document of source "${table.source.name}" (the catalog may be older than the API); answer without that table.`,
      { details: { table: table.qualifiedName } },
    );
  }
  const required = operation.parameters.filter((parameter) => parameter.required).map((parameter) => ({ name: parameter.name, ...requiredValues(draft, parameter) }));
  const requests = combinations(required);
  if (requests.length > maxRequestsPerRestPart) {
    throw new SwitchyardError(
      'SWY_ERR_FEDERATION_PART_TOO_LARGE',
      `Part #${draft.index} (${table.qualifiedName}) would need ${requests.length} API requests, more than the ${maxRequestsPerRestPart} one part may send; filter ${required.map((parameter) => parameter.name).join(' and ')} to fewer values with = or IN on that table.`,
      { details: { part: draft.index, source: table.source.name, table: table.table, requests: requests.length, cap: maxRequestsPerRestPart } },
    );
  }
  const statements = requests.map((parameters) => renderRequestText(operation, parameters));
  return {
    index: draft.index,
    source: table.source.name,
    dialect: 'openapi',
    table: table.table,
    combineTable: table.qualifiedName,
    columns: [...draft.columns],
    columnTypes: draftColumnTypes(draft),
    tableColumns: draftTableColumns(draft),
    pushedFilters: required.flatMap((parameter) => (parameter.filter === undefined ? [] : [parameter.filter])),
    sql: statements.join('\n'),
    requestLanguage: 'http-get',
    statements,
    rowCap: partRowCap,
    keyFilters: [],
    requestParameters: requests,
  };
}
