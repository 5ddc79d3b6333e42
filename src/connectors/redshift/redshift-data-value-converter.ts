import type { ColumnMetadata, Field } from '@aws-sdk/client-redshift-data';
import { isoTimestampFromText, safeDecimal, safeFloat, safeInteger } from '../common/json-safe-values.js';

/** One Data API field as JSON-safe value. Note: `longValue` arrives as a JSON number, exact only up to 2^53. */
export function redshiftDataFieldToJson(field: Field, column: ColumnMetadata): unknown {
  if (field.isNull) return null;
  if (field.longValue !== undefined) return safeInteger(field.longValue);
  if (field.doubleValue !== undefined) return safeFloat(field.doubleValue);
  if (field.booleanValue !== undefined) return field.booleanValue;
  if (field.blobValue !== undefined) return Buffer.from(field.blobValue).toString('base64');
  const text = field.stringValue ?? null;
  if (text === null) return null;
  const type = (column.typeName ?? '').toLowerCase();
  if (type === 'numeric' || type === 'decimal') return safeDecimal(text);
  if (type === 'int8') return safeInteger(text);
  if (type === 'timestamp' || type === 'timestamptz') return isoTimestampFromText(text);
  return text;
}
