import fs from 'node:fs';
import path from 'node:path';
import { createClient } from '@hey-api/openapi-ts';
import { generate as generateWithOrval } from 'orval';
import ts from 'typescript';

/** The orval clients the tests generate: its fetch client, and its default (axios) client. */
export type OrvalClient = 'fetch' | 'axios-functions';

/** Writes a @hey-api/openapi-ts client (fetch client, types and SDK) for `document` into `directory`. */
export async function generateHeyApiClient(document: object, directory: string): Promise<void> {
  await createClient({
    input: structuredClone(document) as never,
    output: { path: directory },
    plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk'],
    logs: { level: 'silent' },
  });
}

/** Writes an orval client for the document at `documentFile` into `directory/api.ts`; fetch needs the absolute base URL. */
export async function generateOrvalClient(documentFile: string, directory: string, client: OrvalClient, baseUrl: string): Promise<void> {
  // orval reports progress with console.log; a test run has no use for it.
  const log = console.log;
  console.log = () => undefined;
  try {
    await generateWithOrval({
      input: { target: documentFile },
      output: { target: path.join(directory, 'api.ts'), client, mode: 'single', ...(client === 'fetch' ? { baseUrl } : {}) },
    });
  } finally {
    console.log = log;
  }
}

/** Type-checks `files` (and what they import) as strictly as this repository's own code; returns the errors. */
export function strictDiagnostics(files: string[]): string[] {
  const program = ts.createProgram(files, {
    strict: true,
    noUncheckedIndexedAccess: true,
    noImplicitOverride: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.asynciterable.d.ts'],
    types: ['node'],
    skipLibCheck: true,
    noEmit: true,
  });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file ? `${path.basename(diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1} ` : '';
    return where + ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  });
}

/** Copies a caller from test/client/callers, with the shared context it imports, next to its generated client. */
export function placeCaller(caller: string, directory: string): string {
  const callers = path.join(import.meta.dirname, 'callers');
  for (const file of [caller, 'caller-context.ts']) fs.copyFileSync(path.join(callers, file), path.join(directory, file));
  return path.join(directory, caller);
}
