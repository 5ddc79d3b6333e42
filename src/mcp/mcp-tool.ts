import type { FastifyBaseLogger } from 'fastify';
import type { ResourceLink, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { Static, TSchema } from 'typebox';
import type { PipelineObserver } from '../metrics/pipeline-observer.js';
import type { McpCaller } from './mcp-caller.js';
import type { McpServices } from './mcp-services.js';

/** What one tool call runs with. */
export interface McpToolContext {
  /** The services behind the tools. */
  readonly services: McpServices;
  /** Who calls, with its source scope. */
  readonly caller: McpCaller;
  /** Aborted when the client cancels the call or the service's shutdown grace ends. */
  readonly signal: AbortSignal;
  /** Id of this call in logs and the audit log. */
  readonly requestId: string;
  /** Logger whose lines carry the call's id. */
  readonly log: FastifyBaseLogger;
  /** Sends a progress notification when the client asked for them (a progress token); otherwise nothing. */
  readonly progress: (message: string) => void;
  /** Metrics, logs and one audit record (channel `mcp`) for a question or statement this call runs. */
  readonly operationsObserver: (question: string) => PipelineObserver;
}

/** A tool's answer: the structured result (matching its result schema), readable text, and links to resources. */
export interface McpToolOutcome<Result> {
  /** The structured content. */
  readonly structured: Result;
  /** The same result in words, for clients and models that read text. */
  readonly text: string;
  /** Resources the result points to, e.g. the full rows as CSV. */
  readonly links?: readonly ResourceLink[];
}

/** One MCP tool: its schemas (TypeBox, served as JSON Schema), its annotations and what it does. */
export interface McpTool<Arguments extends TSchema = TSchema, Result extends TSchema = TSchema> {
  /** Name clients call it by. */
  readonly name: string;
  /** Human-readable title. */
  readonly title: string;
  /** What it does and returns, for the model choosing a tool. */
  readonly description: string;
  /** Schema of its arguments. */
  readonly arguments: Arguments;
  /** Schema of its structured result. */
  readonly result: Result;
  /** Annotations beside the title, which is given above (every tool is read-only and closed-world). */
  readonly annotations: Pick<ToolAnnotations, 'idempotentHint'>;
  /** Runs it; errors are SwitchyardErrors, answered as a tool result with isError. */
  run(input: Static<Arguments>, context: McpToolContext): Promise<McpToolOutcome<Static<Result>>>;
}

/** A tool with its own schemas, stored beside the others (the call is checked against its schema first). */
export function defineTool<Arguments extends TSchema, Result extends TSchema>(tool: McpTool<Arguments, Result>): McpTool {
  return tool as unknown as McpTool;
}
