import { kindOfTypeName, type Kind, type NodeType } from '../kinds/index.js';
import { badUserInput } from './errors.js';

export type { NodeType } from '../kinds/index.js';

/** Opaque and stable: the type and the slug (or MIC), never a row number. */
export function toGlobalId(type: NodeType, key: string): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

/** Decodes an id to its kind and key; null when it is not one of ours (callers decide if that is an error). */
export function fromGlobalId(id: string): { kind: Kind; key: string } | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(id)) return null;
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const colon = text.indexOf(':');
  const kind = colon < 1 ? undefined : kindOfTypeName(text.slice(0, colon));
  const key = text.slice(colon + 1);
  return kind && key ? { kind, key } : null;
}

/** The key of an id that must be of one type, e.g. a filter's company: ID; `field` names it in the message, `argument` in argumentName. */
export function keyOfType(id: string, type: NodeType, field: string, argument = field): string {
  const decoded = fromGlobalId(id);
  if (!decoded || decoded.kind !== kindOfTypeName(type)) throw badUserInput(`${field} must be the id of a ${type}`, argument);
  return decoded.key;
}
