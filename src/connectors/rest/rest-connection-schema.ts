import { Type, type Static } from 'typebox';

/**
 * A REST API described by an OpenAPI 3 document. Only its GET operations are offered, and requests
 * go only to `baseUrl` (or the document's first server); header values normally come from ${ENV}.
 */
export const RestConnectionSchema = Type.Object(
  {
    document: Type.String({ minLength: 1, description: 'OpenAPI 3 document: an http(s) URL or a file path (YAML or JSON).' }),
    baseUrl: Type.Optional(Type.String({ description: 'Server URL requests go to; default the document\'s first `servers` entry.' })),
    headers: Type.Optional(
      Type.Record(Type.String(), Type.String(), { description: 'Headers sent with every request, e.g. Authorization: "Bearer ${API_TOKEN}"; never logged.' }),
    ),
    maxResponseBytes: Type.Optional(Type.Integer({ minimum: 1024, description: 'Largest response body read (default 10 MB).' })),
  },
  { additionalProperties: false },
);

/** Settings of a REST API source, as read from the sources file. */
export type RestConnection = Static<typeof RestConnectionSchema>;
