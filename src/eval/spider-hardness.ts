/**
 * Spider's difficulty levels (easy, medium, hard, extra), approximated from the gold SQL text the
 * way Spider's evaluation counts components: joins/aggregates/grouping/ordering/limits/OR/LIKE
 * (component 1), nested queries and set operations (component 2), and extra columns and conditions.
 * dev.json carries no difficulty, and Spider's parsed `sql` tree would need its Python evaluator.
 */
export function spiderHardness(sql: string): 'easy' | 'medium' | 'hard' | 'extra' {
  const text = ` ${sql.toLowerCase().replace(/'[^']*'|"[^"]*"/g, "''")} `;
  const count = (pattern: RegExp) => text.match(pattern)?.length ?? 0;
  const selects = count(/\bselect\b/g);
  const setOperations = count(/\b(union|intersect|except)\b/g);
  const nested = Math.max(0, selects - 1 - setOperations);
  const componentTwo = setOperations + nested;
  const componentOne =
    count(/\bwhere\b/g) +
    count(/\bgroup by\b/g) +
    count(/\border by\b/g) +
    count(/\blimit\b/g) +
    count(/\bjoin\b/g) +
    count(/\bor\b/g) +
    count(/\blike\b/g);
  const aggregates = count(/\b(count|sum|avg|min|max)\s*\(/g);
  const conditions = count(/\band\b/g) + count(/\bor\b/g);
  const others = (aggregates > 1 ? 1 : 0) + (conditions > 0 ? 1 : 0) + (count(/\bgroup by\b[^)]*,/g) > 0 ? 1 : 0);
  if (componentOne <= 1 && others === 0 && componentTwo === 0) return 'easy';
  if ((others <= 2 && componentOne <= 1 && componentTwo === 0) || (componentOne <= 2 && others < 2 && componentTwo === 0)) return 'medium';
  if (
    (others > 2 && componentOne <= 2 && componentTwo === 0) ||
    (componentOne > 2 && componentOne <= 3 && others <= 2 && componentTwo === 0) ||
    (componentOne <= 1 && others === 0 && componentTwo <= 1)
  ) {
    return 'hard';
  }
  return 'extra';
}
