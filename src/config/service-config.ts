import type { DeclaredValues } from './environment-schema.js';

/**
 * The service's configuration, read once at start-up: every declared setting, validated, by config
 * key (see environment-schema.ts), frozen. Plugins and commands take their values from here, never
 * from process.env.
 */
export type ServiceConfig = DeclaredValues & {
  /**
   * The variables the config was read from: sources.yaml interpolates `${NAME}` from them, and a
   * config with a few settings changed is read from them again (the eval). Holds secrets: never log it.
   */
  readonly environment: Readonly<Record<string, string>>;
};
