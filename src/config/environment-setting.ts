/** The headings settings are grouped under in docs/settings.md, in the order they appear there. */
export const settingSections = {
  server: 'Server',
  catalog: 'Sources and catalog',
  answers: 'Questions and answers',
  routing: 'Routing and embeddings',
  federation: 'Federated answers',
  model: 'Language model',
  security: 'Security and access',
  mcp: 'Model Context Protocol',
  cache: 'Cache',
  conversations: 'Conversations',
  resilience: 'Resilience',
  operations: 'Redis and audit',
  tools: 'Benchmarks and evaluation',
} as const;

/** A heading of docs/settings.md. */
export type SettingSection = keyof typeof settingSections;

/** A raw value a setting refused; `hint` adds what to do instead when the mistake is a common one. */
export class RejectedValue {
  /** What to do instead, appended to the error message. */
  readonly hint: string | undefined;

  constructor(hint?: string) {
    this.hint = hint;
  }
}

/** How a setting reads its variable, before it is placed in a section. */
export interface SettingReader<Value> {
  /** The environment variable. */
  readonly variable: string;
  /** What the setting does, in one line, as docs/settings.md says it. */
  readonly description: string;
  /** The values accepted, as errors and docs/settings.md say it ("an integer ≥ 1"). */
  readonly allowed: string;
  /** The default as docs/settings.md shows it ("unset" when there is none). */
  readonly defaultText: string;
  /** A password, key or token: the value is never repeated in an error. */
  readonly secret: boolean;
  /**
   * Whether an invalid value may be quoted back in the error. Numbers and choices are; free text,
   * URLs and JSON are not, since a key pasted into the wrong variable would be printed with it.
   */
  readonly echoesValue: boolean;
  /** The value from the trimmed text (undefined when unset or blank), or why it is refused. */
  readonly parse: (raw: string | undefined) => Value | RejectedValue;
}

/** One declared setting: how it is read, and where docs/settings.md lists it. */
export interface EnvironmentSetting<Value> extends SettingReader<Value> {
  /** The heading docs/settings.md lists it under. */
  readonly section: SettingSection;
}

/** The value type of a setting. */
export type SettingValue<Setting> = Setting extends SettingReader<infer Value> ? Value : never;

/** Places the settings of one section, keeping each one's value type. */
export function declareSection<Readers extends Record<string, SettingReader<unknown>>>(
  section: SettingSection,
  readers: Readers,
): { readonly [Key in keyof Readers]: EnvironmentSetting<SettingValue<Readers[Key]>> } {
  return Object.fromEntries(Object.entries(readers).map(([key, reader]) => [key, { ...reader, section }])) as {
    readonly [Key in keyof Readers]: EnvironmentSetting<SettingValue<Readers[Key]>>;
  };
}
