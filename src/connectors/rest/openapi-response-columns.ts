import type { IntrospectedColumn } from '../connector.js';
import type { OpenApiGetOperation, OpenApiSchema } from './openapi-document.js';
import { flattenJson } from './rest-response-flattener.js';

const sampleRowCount = 3;

function columnType(schema: OpenApiSchema): string {
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter((type) => type !== 'null');
  const type = types[0];
  if (type === 'integer') return 'integer';
  if (type === 'number') return 'double';
  if (type === 'boolean') return 'boolean';
  if (type === 'array' || type === 'object') return 'json';
  if (schema.format === 'date') return 'date';
  if (schema.format === 'date-time') return 'timestamp';
  return 'varchar';
}

const isNullable = (schema: OpenApiSchema): boolean => schema.nullable === true || (Array.isArray(schema.type) && schema.type.includes('null'));

/** Columns of one record schema, nested objects as dotted names, in the same shape `flattenJson` produces. */
function recordColumns(schema: OpenApiSchema, prefix: string, parentOptional: boolean): IntrospectedColumn[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).flatMap(([key, property]) => {
    const name = prefix === '' ? key : `${prefix}.${key}`;
    const optional = parentOptional || !required.has(key) || isNullable(property);
    if (property.properties !== undefined && Object.keys(property.properties).length > 0) return recordColumns(property, name, optional);
    return [{ name, type: columnType(property), nullable: optional, ...(property.description ? { comment: property.description } : {}) }];
  });
}

/** The columns a GET operation's rows will have, read from its JSON response schema (array items or the object itself). */
export function responseColumns(operation: OpenApiGetOperation): IntrospectedColumn[] {
  const schema = operation.responseSchema;
  if (schema === undefined) return [];
  const record = schema.type === 'array' || schema.items !== undefined ? (schema.items ?? {}) : schema;
  if (record.properties === undefined) return [{ name: 'value', type: columnType(record), nullable: true }];
  return recordColumns(record, '', false);
}

/** Up to three sample rows from the document's response examples, aligned with `columns`; the API is never called. */
export function exampleRows(operation: OpenApiGetOperation, columns: IntrospectedColumn[]): unknown[][] {
  const rows: unknown[][] = [];
  for (const example of operation.responseExamples) {
    const flattened = flattenJson(example);
    const positions = columns.map((column) => flattened.columns.findIndex((candidate) => candidate.name === column.name));
    for (const row of flattened.rows) rows.push(positions.map((position) => (position < 0 ? null : (row[position] ?? null))));
  }
  return rows.slice(0, sampleRowCount);
}
