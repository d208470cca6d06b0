// What makes two articles the same whatever their slugs: the page they were
// published at, or the text they carry. A feed posts one story under many
// spellings of its link (tracking parameters, a trailing slash, a #fragment,
// the host in capitals) and one text with its lines wrapped anew; these keys
// are equal for those, so the write path finds a re-posted article through an
// index (articles.url_key, articles.body_hash) instead of reading every one.
// Migration 0019 fills them for articles stored before, through the SQL
// functions db/open.ts registers over these same functions.

import { createHash } from 'node:crypto';
import normalizeUrl from 'normalize-url';

// Only what a feed changes without changing the page: nothing that could make two pages one.
const URL_OPTIONS = {
  stripHash: true,
  // www.example.com and example.com may serve different pages: kept apart.
  stripWWW: false,
  // Tracking parameters: Google Analytics' utm_*, Facebook's and Google Ads' click ids.
  removeQueryParameters: [/^utm_\w+/i, /^fbclid$/i, /^gclid$/i],
  removeTrailingSlash: true,
  sortQueryParameters: true,
} as const;

/**
 * A URL's key: scheme and host lower-cased, the default port, a trailing
 * slash, the #fragment and tracking parameters dropped, the other parameters
 * in order (normalize-url also collapses repeated slashes in the path, drops
 * user:password@ and a host's trailing dot, and encodes the path one way).
 * http and https stay apart. A text no URL parser reads (none reaches a
 * write: the article schema takes only http and https URLs) is its own key.
 */
export function urlKey(url: string): string {
  try {
    return normalizeUrl(url, URL_OPTIONS);
  } catch {
    return url.trim();
  }
}

/** A body's key: the SHA-256 of its text with every run of whitespace one space, and none at its ends. */
export const bodyHash = (body: string): string => createHash('sha256').update(body.replace(/\s+/gu, ' ').trim()).digest('hex');
