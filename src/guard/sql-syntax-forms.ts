/**
 * SQL-standard syntax that the grammars report as calls: PostgreSQL's parser turns TRIM(BOTH … FROM …),
 * SUBSTRING(… FROM … FOR …), POSITION(… IN …), OVERLAY, OVERLAPS, EXTRACT and AT TIME ZONE into btrim, substring,
 * position, overlay, overlaps, extract and timezone, and node-sql-parser reads EXISTS (…) as a call. The user wrote
 * syntax every dialect has, so these are accepted in every dialect's expressions.
 */
export const sqlSyntaxForms: ReadonlySet<string> = new Set([
  'btrim', 'ltrim', 'rtrim', 'trim', 'substring', 'position', 'overlay', 'extract', 'timezone', 'normalize',
  'is_normalized', 'similar_to_escape', 'overlaps', 'exists',
]);
