import type { OpenApiGetOperation, OpenApiSchema } from './openapi-document.js';

const typesOf = (schema: OpenApiSchema): string[] => (schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type]);

function describeValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function matchesType(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'null':
      return value === null;
    default:
      // Objects are not expressible in a query string; any other type name is not checked.
      return type !== 'object';
  }
}

function numberProblems(name: string, value: number, schema: OpenApiSchema): string[] {
  const problems: string[] = [];
  if (schema.minimum !== undefined && value < schema.minimum) problems.push(`"${name}" must be at least ${schema.minimum}, got ${value}`);
  if (schema.maximum !== undefined && value > schema.maximum) problems.push(`"${name}" must be at most ${schema.maximum}, got ${value}`);
  if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) problems.push(`"${name}" must be greater than ${schema.exclusiveMinimum}`);
  if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum) problems.push(`"${name}" must be less than ${schema.exclusiveMaximum}`);
  return problems;
}

function stringProblems(name: string, value: string, schema: OpenApiSchema): string[] {
  const problems: string[] = [];
  if (schema.minLength !== undefined && value.length < schema.minLength) problems.push(`"${name}" must have at least ${schema.minLength} characters`);
  if (schema.maxLength !== undefined && value.length > schema.maxLength) problems.push(`"${name}" must have at most ${schema.maxLength} characters`);
  if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) problems.push(`"${name}" must match the pattern ${schema.pattern}`);
  if (schema.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) problems.push(`"${name}" must be a date written YYYY-MM-DD, got ${describeValue(value)}`);
  return problems;
}

/** Problems of one value against the parameter-schema subset OpenAPI uses (types, enum, bounds, lengths, pattern, items). */
export function valueProblems(name: string, value: unknown, schema: OpenApiSchema): string[] {
  const types = typesOf(schema);
  if (types.length > 0 && !types.some((type) => matchesType(value, type))) {
    return [`"${name}" must be ${types.join(' or ')}, got ${describeValue(value)}`];
  }
  if (schema.enum !== undefined && !schema.enum.some((allowed) => allowed === value)) {
    return [`"${name}" must be one of ${schema.enum.map(describeValue).join(', ')}, got ${describeValue(value)}`];
  }
  if (typeof value === 'number') return numberProblems(name, value, schema);
  if (typeof value === 'string') return stringProblems(name, value, schema);
  if (Array.isArray(value)) {
    const problems: string[] = [];
    if (schema.minItems !== undefined && value.length < schema.minItems) problems.push(`"${name}" needs at least ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) problems.push(`"${name}" takes at most ${schema.maxItems} items`);
    const items = schema.items ?? {};
    value.forEach((item, index) => problems.push(...valueProblems(`${name}[${index}]`, item, items)));
    return problems;
  }
  return [];
}

/**
 * Every problem of a model's parameter values for one operation: unknown names, missing required
 * parameters and values outside their schema. Null values count as omitted.
 */
export function validateOperationParameters(operation: OpenApiGetOperation, parameters: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const known = new Map(operation.parameters.map((parameter) => [parameter.name, parameter]));
  for (const name of Object.keys(parameters)) {
    if (!known.has(name)) problems.push(`"${name}" is not a parameter of ${operation.operationId} (its parameters: ${[...known.keys()].join(', ') || 'none'})`);
  }
  for (const parameter of operation.parameters) {
    const value = parameters[parameter.name];
    if (value === undefined || value === null) {
      if (parameter.required) problems.push(`"${parameter.name}" is required`);
      continue;
    }
    problems.push(...valueProblems(parameter.name, value, parameter.schema));
    if (parameter.in === 'path' && (value === '.' || value === '..' || String(value) === '')) problems.push(`"${parameter.name}" cannot be "${String(value)}"`);
  }
  return problems;
}
