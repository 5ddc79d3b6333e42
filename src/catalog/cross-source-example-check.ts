import type { CatalogSource } from './catalog-types.js';
import type { DeclarationProblem } from './declared-relationships.js';
import type { OverlayFile } from './overlay-schema.js';

/**
 * What is wrong with an overlay's cross-source examples on their own: one that names a source twice
 * (it needs two different ones), or does not name the overlay's own source (an example lives in the
 * overlay of a source it reads, where whoever curates that source sees it).
 */
export function crossSourceExampleProblems(overlay: OverlayFile): DeclarationProblem[] {
  return (overlay.crossSourceExamples ?? []).flatMap((example, index): DeclarationProblem[] => {
    const path = ['crossSourceExamples', index, 'sources'];
    if (new Set(example.sources).size < example.sources.length) return [{ path, message: `names a source twice (${example.sources.join(', ')}); list each source the answer needs once` }];
    if (!example.sources.includes(overlay.source)) return [{ path, message: `must include "${overlay.source}", the source this overlay describes` }];
    return [];
  });
}

/** Cross-source examples naming a source that is not configured: they could never be answered. */
export function crossSourceExampleWarnings(overlays: ReadonlyMap<string, OverlayFile>, sources: readonly CatalogSource[]): string[] {
  const configured = new Set(sources.map((source) => source.name));
  return [...overlays].flatMap(([name, overlay]) =>
    (overlay.crossSourceExamples ?? []).flatMap((example) => {
      const missing = example.sources.filter((source) => !configured.has(source));
      return missing.length === 0 ? [] : [`overlay for source "${name}": cross-source example "${example.question}" names sources that are not configured: ${missing.join(', ')}`];
    }),
  );
}
