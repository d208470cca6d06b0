import { createHash } from 'node:crypto';

/** A strong validator for bytes that are sent unchanged: their hash, computed once. */
export function etagOf(body: Buffer | string): string {
  // Not a security boundary: any stable digest does; sha1 is the cheapest built in.
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** Whether If-None-Match names this ETag; RFC 9110 compares weakly here, so W/ is ignored. */
export function etagMatches(ifNoneMatch: string | string[] | undefined | null, etag: string): boolean {
  if (typeof ifNoneMatch !== 'string' || !ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === opaque);
}
