import { Type, type Static } from 'typebox';
import { ApiErrorSchema } from './error-schema.js';
import { AttemptSchema, ColumnSchema, FederatedPartSchema, QueryResponseSchema } from './query-schema.js';

/*
 * The Server-Sent Events of POST /query/stream, one schema per event. Each `data:` object repeats its
 * event name in `event`, so a client that reads only the data (most generated SSE clients yield just
 * the parsed data) can still tell the events apart: the union below is discriminated on it.
 */

/** Where the document publishes a named schema: components are named by `$id`. */
const component = (schema: { $id?: string }): string => `#/components/schemas/${schema.$id}`;

/** `route`: the source and tables chosen. */
export const RouteEventSchema = Type.Object(
  { event: Type.Literal('route'), source: Type.String(), tables: Type.Array(Type.String()) },
  { $id: 'QueryRouteEvent', description: 'The source and tables chosen.' },
);

/** `sql`: one SQL attempt finished (ran, failed on the database, or was rejected by the guard). */
export const SqlEventSchema = Type.Object(
  {
    event: Type.Literal('sql'),
    attempt: Type.Integer({ minimum: 1, description: 'Which attempt, the first is 1.' }),
    sql: AttemptSchema.properties.sql,
    error: AttemptSchema.properties.error,
  },
  { $id: 'QuerySqlEvent', description: 'One SQL attempt finished: ran, failed on the database, or was rejected by the guard.' },
);

/** `rows`: the columns and the first rows. */
export const RowsEventSchema = Type.Object(
  {
    event: Type.Literal('rows'),
    // The properties, not the named schema: one schema may hold a given `$id` once, and `done` holds it already.
    columns: Type.Array(Type.Object(ColumnSchema.properties), { description: 'The result columns (as `ResultColumn`).' }),
    rows: Type.Array(Type.Array(Type.Unknown()), { description: 'The first 20 rows; all of them arrive with `done`.' }),
    truncated: Type.Boolean({ description: 'True when the source had more rows than maxRows.' }),
    rowCount: Type.Integer({ description: 'Rows read from the source.' }),
  },
  { $id: 'QueryRowsEvent', description: 'The columns and the first rows, before the answer is written.' },
);

/** `part`: one extraction of a federated answer finished. */
export const PartEventSchema = Type.Object(
  {
    event: Type.Literal('part'),
    // The properties, not the named schema: `done` holds `FederatedPart` already.
    ...FederatedPartSchema.properties,
    rows: Type.Integer({ description: 'Rows the part moved into the combine step.' }),
    bytes: Type.Integer({ description: 'Approximate bytes the part moved.' }),
    milliseconds: Type.Number({ description: 'Time the extraction took.' }),
  },
  { $id: 'QueryPartEvent', description: 'One extraction of a federated answer finished (as `FederatedPart`); one per part, before `rows`.' },
);

/** `token`: a piece of the answer as the model writes it. */
export const TokenEventSchema = Type.Object(
  { event: Type.Literal('token'), text: Type.String() },
  { $id: 'QueryTokenEvent', description: 'A piece of the answer as the model writes it.' },
);

/** `done`: the full answer, as POST /query returns it; the last event. */
export const DoneEventSchema = Type.Intersect([QueryResponseSchema, Type.Object({ event: Type.Literal('done') })], {
  $id: 'QueryDoneEvent',
  description: 'The full answer, as POST /query returns it; the last event.',
});

/** `error`: the question failed after the stream began; the last event. */
export const ErrorEventSchema = Type.Object(
  {
    event: Type.Literal('error'),
    status: Type.Integer({ description: 'The HTTP status POST /query would have answered.' }),
    error: ApiErrorSchema,
  },
  { $id: 'QueryErrorEvent', description: 'The question failed after the stream began (any error POST /query answers); the last event.' },
);

/** Each event's schema by its name. */
const eventSchemas = { route: RouteEventSchema, sql: SqlEventSchema, part: PartEventSchema, rows: RowsEventSchema, token: TokenEventSchema, done: DoneEventSchema, error: ErrorEventSchema };

/** Any event of the stream, discriminated by `event` (also the SSE `event:` field). */
export const QueryEventSchema = Type.Unsafe<Static<typeof RouteEventSchema> | Static<typeof SqlEventSchema> | Static<typeof PartEventSchema> | Static<typeof RowsEventSchema> | Static<typeof TokenEventSchema> | Static<typeof DoneEventSchema> | Static<typeof ErrorEventSchema>>({
  $id: 'QueryEvent',
  oneOf: Object.values(eventSchemas),
  discriminator: { propertyName: 'event', mapping: Object.fromEntries(Object.entries(eventSchemas).map(([name, schema]) => [name, component(schema as { $id?: string })])) },
  description:
    'One Server-Sent Event: `route`, `sql` per attempt, `part` per extraction of a federated answer, `rows`, `token` per answer piece, then `done` (the full answer) or `error`. The SSE `event:` field and the `event` property name it alike.',
});

export type QueryEvent = Static<typeof QueryEventSchema>;

/** The 200 of the routes that answer as Server-Sent Events. */
export const EventStreamContent = { 'text/event-stream': { schema: QueryEventSchema } } as const;
