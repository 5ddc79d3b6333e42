import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { cruise, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';

/**
 * The folders of src/, lowest first. A folder may import only folders of a lower layer, so folder
 * cycles cannot form and nothing imports upward.
 */
const layers: readonly (readonly string[])[] = [
  ['errors', 'types'],
  ['config'],
  ['schemas', 'dialects', 'rendering'],
  ['llm', 'connectors', 'guard', 'demo'],
  ['resilience', 'charts'],
  ['sources'],
  ['catalog'],
  ['routing', 'audit', 'cache', 'federation'],
  ['access', 'conversation', 'metrics'],
  ['pipeline'],
  ['mcp', 'web'],
  ['plugins', 'routes'],
  // Files directly in src/ (app.ts, server.ts and their helpers) sit here, between the routes and
  // the commands that build a whole app.
  [''],
  ['eval'],
];

const require = createRequire(import.meta.url);
const configuration = require('../../.dependency-cruiser.cjs') as {
  forbidden: IForbiddenRuleType[];
  options: Record<string, unknown>;
};

function layerOf(folder: string): number {
  const index = layers.findIndex((layer) => layer.includes(folder));
  return index === -1 ? layers.length : index;
}

/** The top folder under src/ of a module path, or '' for a file directly in src/. */
function topFolder(modulePath: string): string {
  const parts = modulePath.split('/');
  return parts.length > 2 ? parts[1]! : '';
}

describe('dependency rules', async () => {
  const reported = await cruise(
    ['src'],
    { ruleSet: { forbidden: configuration.forbidden }, validate: true, doNotFollow: { path: 'node_modules' }, tsPreCompilationDeps: true },
    // The resolver's own option (the CLI reaches the same through the config's tsConfig).
    { extensionAlias: { '.js': ['.ts', '.js'] } } as never,
    {},
  );
  const result = reported.output as ICruiseResult;
  const localModules = result.modules.filter((module) => module.source.startsWith('src/'));

  it('finds the whole source tree', () => {
    expect(localModules.length).toBeGreaterThan(200);
    const unresolvedLocal = localModules.flatMap((module) =>
      module.dependencies.filter((dependency) => dependency.couldNotResolve && dependency.module.startsWith('.')).map((dependency) => `${module.source} -> ${dependency.module}`),
    );
    expect(unresolvedLocal).toEqual([]);
  });

  it('breaks no module rule (no cycles; routes, guard and connectors stay in their place)', () => {
    const violations = result.summary.violations.map((violation) => `${violation.rule.name}: ${violation.from} -> ${violation.to}`);
    expect(violations).toEqual([]);
  });

  it('imports only downward between folders', () => {
    const folders = new Set(localModules.map((module) => topFolder(module.source)));
    expect([...folders].filter((folder) => layerOf(folder) === layers.length)).toEqual([]);
    const upward: string[] = [];
    for (const module of localModules) {
      const from = topFolder(module.source);
      for (const dependency of module.dependencies) {
        if (!dependency.resolved.startsWith('src/')) continue;
        const to = topFolder(dependency.resolved);
        if (from === to) continue;
        if (layerOf(to) >= layerOf(from)) upward.push(`${module.source} -> ${dependency.resolved}`);
      }
    }
    expect(upward).toEqual([]);
  });
});
