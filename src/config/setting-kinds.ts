import path from 'node:path';
import { RejectedValue, type SettingReader } from './environment-setting.js';

/** What every kind of setting is declared with. */
interface DeclaredWith {
  /** The environment variable. */
  readonly variable: string;
  /** What the setting does, in one line. */
  readonly description: string;
}

/** The default shown when a setting has none: unset means not configured or off. */
const unset = 'unset';

function numeric(options: DeclaredWith & { default: number; minimum: number; maximum?: number }, integer: boolean): SettingReader<number> {
  const kind = integer ? 'an integer' : 'a number';
  const allowed = options.maximum === undefined ? `${kind} ≥ ${options.minimum}` : `${kind} from ${options.minimum} to ${options.maximum}`;
  return {
    ...options,
    allowed,
    defaultText: String(options.default),
    secret: false,
    echoesValue: true,
    parse: (raw) => {
      if (raw === undefined) return options.default;
      const value = Number(raw);
      const whole = !integer || Number.isInteger(value);
      const fits = Number.isFinite(value) && whole && value >= options.minimum && (options.maximum === undefined || value <= options.maximum);
      return fits ? value : new RejectedValue();
    },
  };
}

/** A whole number within bounds; `minimum` defaults to 1. */
export function integerSetting(options: DeclaredWith & { default: number; minimum?: number; maximum?: number }): SettingReader<number> {
  return numeric({ ...options, minimum: options.minimum ?? 1 }, true);
}

/** A decimal number within bounds. */
export function numberSetting(options: DeclaredWith & { default: number; minimum: number; maximum: number }): SettingReader<number> {
  return numeric(options, false);
}

/** Options of a free-text setting. */
type TextOptions = DeclaredWith & { secret?: boolean; defaultText?: string; allowed?: string };

/** Free text, e.g. a name or an id; a secret is never repeated in an error. */
export function textSetting(options: TextOptions & { default: string }): SettingReader<string>;
export function textSetting(options: TextOptions): SettingReader<string | undefined>;
export function textSetting(options: TextOptions & { default?: string }): SettingReader<string | undefined> {
  return {
    variable: options.variable,
    description: options.description,
    allowed: options.allowed ?? 'text',
    defaultText: options.defaultText ?? (options.default === undefined ? unset : `\`${options.default}\``),
    secret: options.secret ?? false,
    echoesValue: false,
    parse: (raw) => raw ?? options.default,
  };
}

/** An absolute http(s) URL, such as a model server's or a VPC endpoint's. */
export function urlSetting(options: DeclaredWith & { defaultText?: string }): SettingReader<string | undefined> {
  return {
    ...options,
    allowed: 'an absolute http(s) URL',
    defaultText: options.defaultText ?? unset,
    secret: false,
    echoesValue: false,
    parse: (raw) => {
      if (raw === undefined) return undefined;
      const url = URL.canParse(raw) ? new URL(raw) : undefined;
      return url?.protocol === 'http:' || url?.protocol === 'https:' ? raw : new RejectedValue();
    },
  };
}

/** Options of a setting that takes one of a few words. */
type ChoiceOptions<Choice extends string> = DeclaredWith & {
  /** The words accepted, compared without regard to case. */
  readonly choices: readonly Choice[];
  /** The default as docs show it, when it depends on other settings. */
  readonly defaultText?: string;
  /** What to say about a refused word that is a common mistake (undefined: nothing). */
  readonly hint?: (word: string) => string | undefined;
};

/** One of a few words, compared without regard to case. */
export function choiceSetting<const Choice extends string>(options: ChoiceOptions<Choice> & { default: Choice }): SettingReader<Choice>;
export function choiceSetting<const Choice extends string>(options: ChoiceOptions<Choice>): SettingReader<Choice | undefined>;
export function choiceSetting<const Choice extends string>(options: ChoiceOptions<Choice> & { default?: Choice }): SettingReader<Choice | undefined> {
  return {
    variable: options.variable,
    description: options.description,
    allowed: `one of ${options.choices.join(', ')}`,
    defaultText: options.defaultText ?? (options.default === undefined ? unset : `\`${options.default}\``),
    secret: false,
    echoesValue: true,
    parse: (raw) => {
      if (raw === undefined) return options.default;
      const word = raw.toLowerCase();
      return options.choices.find((choice) => choice === word) ?? new RejectedValue(options.hint?.(word));
    },
  };
}

/** A file or folder, resolved against the working directory at start-up. */
export function pathSetting(options: DeclaredWith & { default: string }): SettingReader<string>;
export function pathSetting(options: DeclaredWith): SettingReader<string | undefined>;
export function pathSetting(options: DeclaredWith & { default?: string }): SettingReader<string | undefined> {
  return {
    variable: options.variable,
    description: options.description,
    allowed: 'a path',
    defaultText: options.default === undefined ? unset : `\`${options.default}\``,
    secret: false,
    echoesValue: false,
    parse: (raw) => {
      const value = raw ?? options.default;
      return value === undefined ? undefined : path.resolve(value);
    },
  };
}

/** A comma-separated list; blank entries are dropped. */
export function listSetting(options: DeclaredWith): SettingReader<readonly string[]> {
  return {
    ...options,
    allowed: 'a comma-separated list',
    defaultText: unset,
    secret: false,
    echoesValue: false,
    parse: (raw) => Object.freeze((raw ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '')),
  };
}

/** A comma-separated list of web origins (`https://host:port`: no path, no trailing slash), as a browser's Origin header names them. */
export function originListSetting(options: DeclaredWith): SettingReader<readonly string[]> {
  return {
    ...options,
    allowed: 'a comma-separated list of origins like https://host:port',
    defaultText: unset,
    secret: false,
    echoesValue: true,
    parse: (raw) => {
      const origins = (raw ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
      // Anything but scheme, host and port would never equal an Origin header, so it would silently allow nothing.
      const odd = origins.find((origin) => !URL.canParse(origin) || new URL(origin).origin !== origin);
      return odd === undefined ? Object.freeze(origins) : new RejectedValue(`"${odd}" is not an origin`);
    },
  };
}

/** A JSON document checked by `read`, which returns undefined for a document of the wrong shape. */
export function jsonSetting<Value>(
  options: DeclaredWith & { allowed: string; default: Value; defaultText: string; read: (document: unknown) => Value | undefined },
): SettingReader<Value> {
  return {
    variable: options.variable,
    description: options.description,
    allowed: options.allowed,
    defaultText: options.defaultText,
    secret: false,
    echoesValue: false,
    parse: (raw) => {
      if (raw === undefined) return options.default;
      let document: unknown;
      try {
        document = JSON.parse(raw);
      } catch {
        return new RejectedValue();
      }
      return options.read(document) ?? new RejectedValue();
    },
  };
}
