/**
 * Switchyard's import rules, checked by `npm test` (test/architecture/dependency-rules.test.ts) and by
 * `npm run check:dependencies`. The folder layering is checked in that test; these are the
 * module-level rules dependency-cruiser states best.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A module cycle makes load order matter and hides which piece depends on which.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'routes-stay-thin',
      severity: 'error',
      comment: 'Routes speak HTTP and call the pipeline; engines, the guard and SQL dialects sit below it.',
      from: { path: '^src/routes/' },
      to: { path: '^src/(connectors|guard|dialects)/' },
    },
    {
      name: 'guard-and-connectors-know-no-answer-path',
      severity: 'error',
      comment: 'The guard and the connectors are judged and tested alone; they must not reach up into the answer path.',
      from: { path: '^src/(guard|connectors)/' },
      to: { path: '^src/(pipeline|catalog|routing|sources|cache|conversation|access|metrics|plugins|routes|mcp)/' },
    },
    {
      name: 'connector-kinds-stay-apart',
      severity: 'error',
      comment: 'A source kind is one folder: it may use connectors/common, never another kind (Redshift builds on Postgres).',
      from: { path: '^src/connectors/([^/]+)/', pathNot: '^src/connectors/(shared|redshift[^/]*)/' },
      to: { path: '^src/connectors/[^/]+/', pathNot: ['^src/connectors/$1/', '^src/connectors/common/'] },
    },
    {
      name: 'dialects-stay-apart',
      severity: 'error',
      comment: 'A dialect is one folder; Redshift builds on Postgres and Trino on Athena (Athena engine 3 runs Trino).',
      from: { path: '^src/dialects/([^/]+)/', pathNot: '^src/dialects/(redshift|trino)/' },
      to: { path: '^src/dialects/[^/]+/', pathNot: '^src/dialects/$1/' },
    },
    {
      name: 'providers-stay-apart',
      severity: 'error',
      comment: 'A model provider is one folder; shared model code sits in src/llm itself, tokens/ and langchain/.',
      from: { path: '^src/llm/([^/]+)/', pathNot: '^src/llm/(tokens|langchain)/' },
      to: { path: '^src/llm/[^/]+/', pathNot: ['^src/llm/$1/', '^src/llm/(tokens|langchain)/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    // The TypeScript config lets the resolver map our ESM `.js` specifiers to their `.ts` sources.
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
