import fs from 'node:fs';
import path from 'node:path';
import { Check, Errors } from 'typebox/value';
import type { TSchema } from 'typebox';
import { describe, expect, it } from 'vitest';
import { errorCodeNames } from '../../src/errors/error-codes.js';
import { ErrorResponseSchema } from '../../src/schemas/error-schema.js';
import { QueryEventSchema } from '../../src/schemas/query-event-schema.js';
import { QueryResponseSchema } from '../../src/schemas/query-schema.js';
import { repositoryRoot } from '../helpers/services.js';

/** README.md and every page under docs/, by path relative to the repository. */
const pages = ['README.md', ...fs.readdirSync(path.join(repositoryRoot, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

function read(page: string): string {
  return fs.readFileSync(path.join(repositoryRoot, page), 'utf8');
}

/** Fenced blocks of a language, with the line each starts on. */
function fencedBlocks(text: string, language: string): { line: number; body: string }[] {
  const blocks: { line: number; body: string }[] = [];
  const pattern = new RegExp('^```' + language + '\\n([\\s\\S]*?)^```', 'gm');
  for (const match of text.matchAll(pattern)) blocks.push({ line: text.slice(0, match.index).split('\n').length, body: match[1]! });
  return blocks;
}

/** Text outside fenced blocks: links and headings in code are not links and headings. */
function prose(text: string): string {
  return text.replace(/^```[\s\S]*?^```/gm, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-');
}

function anchorsOf(page: string): Set<string> {
  return new Set([...prose(read(page)).matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchorOf(match[1]!)));
}

/** Which API body a JSON example is, by the keys that only that body has; undefined for other JSON. */
function schemaOf(example: Record<string, unknown>): TSchema | 'not an API body' | undefined {
  if ('Statement' in example) return 'not an API body';
  // An MCP client's configuration (docs/mcp.md).
  if ('mcpServers' in example || 'servers' in example) return 'not an API body';
  // Trino's file-based access control rules (docs/sources.md).
  if ('catalogs' in example) return 'not an API body';
  if ('event' in example) return QueryEventSchema;
  if ('answer' in example && 'sql' in example) return QueryResponseSchema;
  if ('error' in example) return ErrorResponseSchema;
  return undefined;
}

describe('the README and docs/', () => {
  it('open with the two set-up commands, then the page, a question asked with curl, a model and real sources', () => {
    const readme = read('README.md');
    const lines = readme.split('\n');
    const lineOf = (text: string) => lines.findIndex((line) => line.includes(text)) + 1;
    const [setUp] = fencedBlocks(readme, 'sh');
    const commands = setUp!.body.trim().split('\n').map((line) => line.replace(/#.*$/, '').trim());
    // .ci/run runs `npm test`: the command a newcomer is told is the one CI runs.
    expect(commands).toEqual(['npm ci && npm start', 'npm test']);
    expect(lineOf('http://127.0.0.1:8080/')).toBeLessThan(25);
    expect(lineOf('curl -s localhost:8080/query')).toBeLessThan(30);
    expect(lineOf('## Language models')).toBeLessThan(40);
    for (const provider of ['SWITCHYARD_LLM=sagemaker', 'SWITCHYARD_LLM=bedrock', 'SWITCHYARD_LLM=openai']) expect(lineOf(provider)).toBeLessThan(50);
    expect(lineOf('## Connect your sources')).toBeLessThan(60);
    expect(lines.length).toBeLessThan(200);
  });

  it('show an answer that is a valid QueryResponse, to the question the README asks with curl', () => {
    const readme = read('README.md');
    const [sample] = fencedBlocks(readme.slice(readme.indexOf('## An answer')), 'json');
    const answer = JSON.parse(sample!.body) as { standaloneQuestion?: string; routing?: { candidates: unknown[] } };
    expect([...Errors(QueryResponseSchema, answer)].map((error) => `${error.instancePath} ${error.message}`)).toEqual([]);
    expect(answer.routing?.candidates.length).toBeGreaterThan(0);
    const asked = /-d '(\{.*\})'/.exec(readme)?.[1];
    expect(JSON.parse(asked!).question).toBe(answer.standaloneQuestion);
  });

  it.each(pages)('%s: every JSON example is valid JSON, and every API body example matches its schema', (page) => {
    const text = read(page);
    const examples = [
      ...fencedBlocks(text, 'json').map(({ line, body }) => ({ where: `${page}:${line}`, body })),
      // Inline examples of a streamed event's data.
      ...[...text.matchAll(/`(\{"event": [^`]*\})`/g)].map((match) => ({ where: `${page} inline`, body: match[1]!.replace(/\n/g, ' ') })),
    ];
    for (const { where, body } of examples) {
      const example = JSON.parse(body) as Record<string, unknown>;
      const schema = schemaOf(example);
      expect(schema, `${where}: an example of what?`).toBeDefined();
      if (schema !== 'not an API body') expect(Check(schema!, example), where).toBe(true);
    }
  });

  it.each(pages)('%s: every relative link and anchor resolves', (page) => {
    const directory = path.dirname(path.join(repositoryRoot, page));
    for (const match of prose(read(page)).matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1]!;
      if (/^[a-z]+:/.test(target)) continue;
      const [file, anchor] = target.split('#') as [string, string | undefined];
      const resolved = file === '' ? path.join(repositoryRoot, page) : path.resolve(directory, file);
      expect(fs.existsSync(resolved), `${page} → ${target}`).toBe(true);
      if (anchor !== undefined) expect(anchorsOf(path.relative(repositoryRoot, resolved)), `${page} → ${target}`).toContain(anchor);
    }
  });

  it.each(pages)('%s: every repository path it names exists', (page) => {
    for (const match of read(page).matchAll(/`((?:src|test|prompts|docker|catalog|bench|scripts)\/[^`\s]+)`/g)) {
      const named = match[1]!;
      // Patterns such as `catalog/overlays/<source>.yaml` name a family of files, not one.
      if (/[<*…]/.test(named)) continue;
      expect(fs.existsSync(path.join(repositoryRoot, named)), `${page} names ${named}`).toBe(true);
    }
  });

  it('docs/errors.md lists every error code the service has', () => {
    const listed = read('docs/errors.md');
    expect(errorCodeNames.filter((code) => !listed.includes(`\`${code}\``))).toEqual([]);
  });
});
