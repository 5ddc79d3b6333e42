import fs from 'node:fs/promises';
import path from 'node:path';
import type { LanguageModelMessage } from '../llm/language-model.js';
import { SwitchyardError } from '../errors/switchyard-error.js';

const placeholderPattern = /\{\{([a-z_]+)\}\}/g;
const sectionPattern = /^\[(system|user)\]\s*$/m;

interface PromptTemplate {
  readonly system: string;
  readonly user: string;
}

function parseTemplate(name: string, text: string): PromptTemplate {
  const parts = text.split(sectionPattern);
  const sections: Record<string, string> = {};
  for (let index = 1; index < parts.length; index += 2) sections[parts[index] as string] = (parts[index + 1] ?? '').trim();
  if (sections.user === undefined) throw new Error(`prompt ${name} has no [user] section`);
  return { system: sections.system ?? '', user: sections.user };
}

/**
 * The prompts in `prompts/`, loaded once. Templates use `{{name}}` placeholders; a missing value is
 * a programming error, so rendering fails loudly instead of sending a half-filled prompt.
 */
export class PromptLibrary {
  readonly #templates: Map<string, PromptTemplate>;
  readonly #notes: Map<string, string>;

  private constructor(templates: Map<string, PromptTemplate>, notes: Map<string, string>) {
    this.#templates = templates;
    this.#notes = notes;
  }

  /** Loads every `*.md` template and every `dialects/*.md` note under `directory`. */
  static async load(directory: string): Promise<PromptLibrary> {
    const templates = new Map<string, PromptTemplate>();
    for (const entry of await fs.readdir(directory)) {
      if (!entry.endsWith('.md') || entry === 'README.md') continue;
      const name = entry.slice(0, -3);
      templates.set(name, parseTemplate(name, await fs.readFile(path.join(directory, entry), 'utf8')));
    }
    const notes = new Map<string, string>();
    const notesDirectory = path.join(directory, 'dialects');
    for (const entry of await fs.readdir(notesDirectory).catch(() => [] as string[])) {
      if (entry.endsWith('.md')) notes.set(entry, (await fs.readFile(path.join(notesDirectory, entry), 'utf8')).trim());
    }
    return new PromptLibrary(templates, notes);
  }

  /** Dialect notes by file name (e.g. `duckdb.md`); empty when the dialect has none. */
  dialectNotes(file: string): string {
    return this.#notes.get(file) ?? '';
  }

  /** Renders a template into chat messages. */
  render(name: string, variables: Record<string, string>): LanguageModelMessage[] {
    const template = this.#templates.get(name);
    if (template === undefined) throw new SwitchyardError('SWY_ERR_INTERNAL', `Prompt template "${name}" is missing`);
    const fill = (text: string) =>
      text.replace(placeholderPattern, (_match, key: string) => {
        const value = variables[key];
        if (value === undefined) throw new SwitchyardError('SWY_ERR_INTERNAL', `Prompt "${name}" needs a value for {{${key}}}`);
        return value;
      });
    const messages: LanguageModelMessage[] = [];
    if (template.system !== '') messages.push({ role: 'system', content: fill(template.system) });
    messages.push({ role: 'user', content: fill(template.user) });
    return messages;
  }
}
