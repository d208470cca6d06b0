import type { z } from 'zod';
import type { Kind } from '../kinds/index.js';
import type { FieldProblem } from '../kinds/kind.js';

/** Stable codes of a refused write (docs/curators.md). */
export type UserErrorCode =
  | 'QUOTE_NOT_IN_ARTICLE'
  | 'UNKNOWN_REFERENCE'
  | 'DUPLICATE_SLUG'
  | 'DUPLICATE_ARTICLE'
  | 'INVALID_DATE'
  | 'INVALID_INPUT'
  | 'CONFLICT'
  | 'NOT_FOUND'
  | 'ALREADY_RETRACTED'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'TOO_LARGE'
  | 'CITATION_REQUIRED'
  | 'NOT_RETRACTED'
  | 'QUOTE_DOES_NOT_NAME_COMPANY';

export interface UserError {
  /** Path to the offending input field, e.g. ['input', 'sources', '0', 'quote']. */
  field: string[];
  message: string;
  code: UserErrorCode;
  /** What to send instead, when there is one obvious fix. */
  suggestion?: string;
}

/** What a write did: the fact it wrote (or found, for a repeated idempotent create), or why it wrote nothing. */
export type WriteOutcome = { ok: true; kind: Kind; key: string } | { ok: false; userErrors: UserError[] };

export const refused = (...userErrors: UserError[]): WriteOutcome => ({ ok: false, userErrors });
export const userError = (field: string[], message: string, code: UserErrorCode): UserError => ({ field, message, code });

/** A problem the seed loader would report (field path as text) as a userError under `root`. */
export const fromProblem =
  (root: string[], code: (p: FieldProblem) => UserErrorCode) =>
  (p: FieldProblem): UserError => ({
    ...userError([...root, ...p.field.split('.')], p.message, code(p)),
    ...(p.suggestion !== undefined ? { suggestion: p.suggestion } : {}),
  });

/** A schema's issues as userErrors: an over-long text or list is TOO_LARGE, a custom issue carries its own code. */
export const zodErrors = (root: string[], error: z.ZodError): UserError[] =>
  error.issues.map((issue) => {
    const code =
      issue.code === 'too_big' ? 'TOO_LARGE' : issue.code === 'custom' && (issue.params as { code?: UserErrorCode } | undefined)?.code;
    return userError([...root, ...issue.path.map(String)], issue.message, code || 'INVALID_INPUT');
  });
