/**
 * The `address:port` a failed connection tried, read from the socket error wherever a driver put it
 * (the error itself, its cause, or each attempt of an AggregateError when a name resolved to several
 * addresses); undefined when no socket error is found.
 */
export function networkEndpointOf(error: unknown): { readonly address: string } | undefined {
  const pending: unknown[] = [error];
  for (let visited = 0; visited < 10 && pending.length > 0; visited += 1) {
    const current = pending.shift();
    if (typeof current !== 'object' || current === null) continue;
    const candidate = current as { address?: unknown; port?: unknown; cause?: unknown; errors?: unknown };
    if (typeof candidate.address === 'string' && typeof candidate.port === 'number') {
      const host = candidate.address.includes(':') ? `[${candidate.address}]` : candidate.address;
      return { address: `${host}:${candidate.port}` };
    }
    pending.push(candidate.cause);
    if (Array.isArray(candidate.errors)) pending.push(...(candidate.errors as unknown[]));
  }
  return undefined;
}
