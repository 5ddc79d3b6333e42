import path from 'node:path';
import { quoteStringLiteral } from '../../dialects/quote-string-literal.js';

/** What a sandboxed DuckDB instance may still touch once external access is off. */
export interface DuckDbSandboxAccess {
  /** Exact files (or s3:// objects) the source reads: its database file, the views file, views over one file. */
  readonly allowedPaths: readonly string[];
  /** Directories (or s3:// prefixes) a globbed view lists and reads, each ending in '/'. */
  readonly allowedDirectories: readonly string[];
}

/** Where a source's files live, as the connector resolved them. */
export interface DuckDbSourceFiles {
  /** The database file, absolute, when the source has one. */
  readonly database?: string;
  /** The private file holding the views, when the source has views. */
  readonly viewsFile?: string;
  /** The views' locations, absolute paths or URLs, possibly globs. */
  readonly viewLocations: readonly string[];
}

const globCharacters = /[*?[{]/;

function listLiteral(items: readonly string[]): string {
  return `[${items.map(quoteStringLiteral).join(', ')}]`;
}

/** The fixed directory a glob starts from: `/lake/claims/` for `/lake/claims/**\/*.parquet`. */
function globBaseDirectory(location: string): string {
  const fixed = location.slice(0, location.search(globCharacters));
  return fixed.slice(0, fixed.lastIndexOf('/') + 1);
}

/**
 * The narrowest access that still lets the source read its own data: exact paths wherever a single
 * file is meant, a directory only for a glob. Whatever is allowed is also writable by DuckDB's file
 * system, so nothing wider (the database file's folder, another source's files) is ever allowed.
 */
export function duckDbSandboxAccess(files: DuckDbSourceFiles): DuckDbSandboxAccess {
  const allowedPaths = new Set<string>();
  const allowedDirectories = new Set<string>();
  if (files.database !== undefined) allowedPaths.add(path.resolve(files.database));
  if (files.viewsFile !== undefined) allowedPaths.add(files.viewsFile);
  for (const location of files.viewLocations) {
    if (globCharacters.test(location)) allowedDirectories.add(globBaseDirectory(location));
    else allowedPaths.add(location);
  }
  return { allowedPaths: [...allowedPaths], allowedDirectories: [...allowedDirectories] };
}

/**
 * Options a source's DuckDB instance is created with: read-only, no extension installed or loaded
 * behind the source's back (parquet, json and icu are built in; httpfs is loaded explicitly), no
 * community or unsigned extensions, no persistent secrets read from the home directory, and spill
 * files in the connector's private directory rather than beside the database file.
 */
export function duckDbSandboxInstanceOptions(spillDirectory: string, threads: number | undefined): Record<string, string> {
  return {
    access_mode: 'READ_ONLY',
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    allow_community_extensions: 'false',
    allow_unsigned_extensions: 'false',
    allow_persistent_secrets: 'false',
    temp_directory: spillDirectory,
    ...(threads === undefined ? {} : { threads: String(threads) }),
  };
}

/**
 * The statements that close the sandbox, in the only order DuckDB accepts: the allowed paths can
 * no longer change once external access is off, and nothing can change once the configuration is
 * locked (every SET, RESET and setting PRAGMA then fails, except the search path and schema). Run them
 * after everything the source sets up for itself (httpfs, its S3 secret, the views catalog).
 */
export function duckDbSandboxStatements(access: DuckDbSandboxAccess): string[] {
  // DuckDB cannot type an empty list literal; an empty list is the default anyway.
  const allowances = [
    ...(access.allowedPaths.length > 0 ? [`SET GLOBAL allowed_paths = ${listLiteral(access.allowedPaths)}`] : []),
    ...(access.allowedDirectories.length > 0 ? [`SET GLOBAL allowed_directories = ${listLiteral(access.allowedDirectories)}`] : []),
  ];
  return [
    ...allowances,
    'SET GLOBAL enable_external_access = false',
    'SET GLOBAL lock_configuration = true',
  ];
}
