import { badUserInput } from './errors.js';

/** Opaque and stable: the type and the slug (or MIC), never a row number. */
export function toGlobalId(type: string, key: string): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

/** Decodes an id to its GraphQL type name and key; null when it is not shaped like one of ours (callers decide if that is an error). */
export function fromGlobalId(id: string): { typeName: string; key: string } | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(id)) return null;
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const colon = text.indexOf(':');
  const key = text.slice(colon + 1);
  return colon >= 1 && key ? { typeName: text.slice(0, colon), key } : null;
}

/** The key of an id that must be of one type, e.g. a filter's company: ID; `field` names it in the message, `argument` in argumentName. */
export function keyOfType(id: string, type: string, field: string, argument = field): string {
  const decoded = fromGlobalId(id);
  if (!decoded || decoded.typeName !== type) throw badUserInput(`${field} must be the id of a ${type}`, argument);
  return decoded.key;
}

/** A filter's `company: ID` decoded to the company's slug (companyId); another type's id is BAD_USER_INPUT naming the argument, filter. */
export const withCompanyKey = <F extends { company?: string | null }>(filter: F | null | undefined): WithCompanyKey<F> =>
  Object.assign({}, filter, {
    companyId: filter?.company != null ? keyOfType(filter.company, 'Company', 'filter.company', 'filter') : null,
  });

export type WithCompanyKey<Filter> = Partial<Omit<Filter, 'company'>> & { companyId?: string | null } & Retractable;

/** A list's includeRetracted argument. */
export interface Retractable {
  includeRetracted?: boolean | null;
}
