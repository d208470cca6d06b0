// W3C Trace Context: version-traceid-parentid-flags, lower-case hex.
const traceparent = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/**
 * The trace id of a valid `traceparent` header, for the log line; undefined
 * when absent or malformed (the spec says to ignore an invalid header).
 */
export function traceIdOf(header: string | string[] | undefined | null): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = traceparent.exec(header.trim());
  if (!match) return undefined;
  const [, version, traceId, parentId, , rest] = match;
  if (version === 'ff' || (version === '00' && rest)) return undefined;
  if (/^0+$/.test(traceId!) || /^0+$/.test(parentId!)) return undefined;
  return traceId;
}
