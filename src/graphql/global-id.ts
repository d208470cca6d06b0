import { badUserInput } from './errors.js';

export const nodeTypes = [
  'Company',
  'Exchange',
  'Listing',
  'IpoDeal',
  'PolicyEvent',
  'MarketIndex',
  'IndexWeighting',
  'Metric',
  'Article',
] as const;
export type NodeType = (typeof nodeTypes)[number];

/** Opaque and stable: the type and the slug (or MIC), never a row number. */
export function toGlobalId(type: NodeType, key: string): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

/** Decodes an id; null when it is not one of ours (callers decide if that is an error). */
export function fromGlobalId(id: string): { type: NodeType; key: string } | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(id)) return null;
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const colon = text.indexOf(':');
  const type = text.slice(0, colon) as NodeType;
  const key = text.slice(colon + 1);
  if (colon < 1 || !key || !nodeTypes.includes(type)) return null;
  return { type, key };
}

/** The key of an id that must be of one type, e.g. a filter's company: ID. */
export function keyOfType(id: string, type: NodeType, argument: string): string {
  const decoded = fromGlobalId(id);
  if (!decoded || decoded.type !== type) throw badUserInput(`${argument} must be the id of a ${type}`, argument);
  return decoded.key;
}
