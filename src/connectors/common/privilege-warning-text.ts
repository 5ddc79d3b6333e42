const listedNames = 8;

/** Names joined for a privilege warning: the first few, then how many more, so one warning stays readable. */
export function nameList(names: readonly string[]): string {
  const shown = names.slice(0, listedNames).join(', ');
  return names.length > listedNames ? `${shown} and ${names.length - listedNames} more` : shown;
}
