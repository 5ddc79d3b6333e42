/** Whether `hostname` (as URL.hostname gives it) names this machine's loopback interface. */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function hostnameOf(value: string): string | undefined {
  try {
    return new URL(value).hostname;
  } catch {
    return undefined;
  }
}

/**
 * The spec's defence against DNS rebinding: a browser page on another site whose name was pointed at
 * this server sends its own Origin (and its own name as Host, so "same origin" proves nothing). A
 * request without Origin comes from a program, not a page, and passes; one with Origin passes only when
 * that origin is listed in SWITCHYARD_MCP_ALLOWED_ORIGINS, or when the page and the server are both on
 * loopback (a local inspector or desktop client's web view talking to a local service).
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, allowedOrigins: readonly string[]): boolean {
  if (origin === undefined) return true;
  if (allowedOrigins.includes(origin)) return true;
  const originHost = hostnameOf(origin);
  const serverHost = host === undefined ? undefined : hostnameOf(`http://${host}`);
  return originHost !== undefined && serverHost !== undefined && isLoopback(originHost) && isLoopback(serverHost);
}
