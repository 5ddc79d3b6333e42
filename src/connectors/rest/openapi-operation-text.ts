import type { OpenApiGetOperation, OpenApiParameter, OpenApiSchema } from './openapi-document.js';

const singleLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

function schemaText(schema: OpenApiSchema): string {
  const parts: string[] = [];
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'any');
  parts.push(type === 'array' ? `array of ${schemaText(schema.items ?? {})}` : type);
  if (schema.format) parts.push(`format ${schema.format}`);
  if (schema.enum) parts.push(`one of ${schema.enum.map((value) => JSON.stringify(value)).join(', ')}`);
  if (schema.minimum !== undefined || schema.maximum !== undefined) parts.push(`from ${schema.minimum ?? '-∞'} to ${schema.maximum ?? '∞'}`);
  if (schema.minLength !== undefined || schema.maxLength !== undefined) parts.push(`${schema.minLength ?? 0} to ${schema.maxLength ?? '∞'} characters`);
  if (schema.pattern) parts.push(`pattern ${schema.pattern}`);
  if (schema.default !== undefined) parts.push(`default ${JSON.stringify(schema.default)}`);
  return parts.join('; ');
}

function parameterLine(parameter: OpenApiParameter): string {
  const description = parameter.description ?? parameter.schema.description;
  return `    - ${parameter.name} (${parameter.in}, ${parameter.required ? 'required' : 'optional'}): ${schemaText(parameter.schema)}${description ? ` — ${singleLine(description)}` : ''}`;
}

/** One GET operation as prompt text: name, summary, path and each parameter with its schema. */
export function describeOperation(operation: OpenApiGetOperation): string {
  const summary = operation.summary ?? operation.description;
  const lines = [`operation: ${operation.operationId}${summary ? ` — ${singleLine(summary)}` : ''}`, `  request: GET ${operation.path}`];
  if (operation.parameters.length === 0) lines.push('  parameters: none');
  else lines.push('  parameters:', ...operation.parameters.map(parameterLine));
  return lines.join('\n');
}
