import type Database from 'better-sqlite3';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import { writeTransaction, type Db } from '../db/open.js';
import { apiKeys, roles, type Role } from '../db/tables/api-keys.js';
import { generateSecret, hashSecret } from './secrets.js';

export interface KeyInfo {
  name: string;
  role: Role;
  createdAt: string;
  revokedAt: string | null;
  /** Who created it: an admin key's name, or CLI_ACTOR. */
  createdBy: string;
  /** Who revoked it, as createdBy; null while it is live. */
  revokedBy: string | null;
}

/** Who a key was created or revoked by when npm run keys did it on the file (and for every key before the API could). */
export const CLI_ACTOR = 'cli';

/**
 * Names no key may take, in any letter case: 'seed' and 'curator' stand for
 * other writers in history (what readers see), 'cli' in the key audit.
 */
export const RESERVED_KEY_NAMES: readonly string[] = ['seed', 'cli', 'curator'];

export type KeyErrorCode = 'DUPLICATE_NAME' | 'INVALID_NAME' | 'UNKNOWN_ROLE' | 'UNKNOWN_KEY';

/** A refused key operation, with a message fit to show the operator as it is. */
export class KeyError extends Error {
  override name = 'KeyError';
  constructor(
    readonly code: KeyErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** What a presented secret turned out to be. */
export type Verification =
  { status: 'valid'; keyName: string; role: Role } | { status: 'revoked'; keyName: string } | { status: 'unknown' };

export interface KeyStore {
  /**
   * Stores a new key and returns its secret: the only time the secret exists outside the client.
   * `by` is who creates it, recorded beside it: an admin key's name, or CLI_ACTOR.
   */
  create(name: string, role: string, by?: string): { secret: string; key: KeyInfo };
  list(): KeyInfo[];
  /** Revokes a key at once for every request this process serves from now on; `by` as for create. */
  revoke(name: string, by?: string): { key: KeyInfo; alreadyRevoked: boolean };
  verify(secret: string): Verification;
}

const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const isRole = (role: string): role is Role => (roles as readonly string[]).includes(role);

// One store per connection: the cache lives beside the connection its revocations are written through.
const stores = new WeakMap<Database.Database, KeyStore>();

/** The key store of a database connection; api_keys is written only through it. */
export function keyStore(db: Db): KeyStore {
  let store = stores.get(db.$client);
  if (!store) stores.set(db.$client, (store = createKeyStore(db)));
  return store;
}

function createKeyStore(db: Db): KeyStore {
  const columns = {
    name: apiKeys.name,
    role: apiKeys.role,
    createdAt: apiKeys.createdAt,
    revokedAt: apiKeys.revokedAt,
    createdBy: apiKeys.createdBy,
    revokedBy: apiKeys.revokedBy,
  };
  const byHash = db
    .select(columns)
    .from(apiKeys)
    .where(eq(apiKeys.secretHash, sql.placeholder('hash')))
    .prepare();
  const byName = db
    .select(columns)
    .from(apiKeys)
    .where(eq(apiKeys.name, sql.placeholder('name')))
    .prepare();

  // Verified live keys by secret hash, so a keyed request costs no table read.
  // The cache is dropped whenever another connection (the CLI, another worker)
  // has committed anything, which SQLite reports through data_version; this
  // connection's own revocations drop it directly.
  const verified = new LRUCache<string, { keyName: string; role: Role }>({ max: 1000 });
  const dataVersion = db.$client.prepare('pragma data_version').pluck();
  let seenVersion = dataVersion.get();

  const verify = (secret: string): Verification => {
    const version = dataVersion.get();
    if (version !== seenVersion) {
      verified.clear();
      seenVersion = version;
    }
    const hash = hashSecret(secret);
    const cached = verified.get(hash);
    if (cached) return { status: 'valid', ...cached };
    const row = byHash.get({ hash });
    if (!row) return { status: 'unknown' };
    if (row.revokedAt !== null) return { status: 'revoked', keyName: row.name };
    const key = { keyName: row.name, role: row.role };
    verified.set(hash, key);
    return { status: 'valid', ...key };
  };

  const create = (name: string, role: string, by = CLI_ACTOR) => {
    if (!namePattern.test(name)) {
      throw new KeyError(
        'INVALID_NAME',
        `Invalid key name "${name}": use 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit`,
      );
    }
    if (RESERVED_KEY_NAMES.includes(name.toLowerCase())) {
      throw new KeyError('INVALID_NAME', `Invalid key name "${name}": ${RESERVED_KEY_NAMES.join(', ')} are reserved for history and audit`);
    }
    if (!isRole(role)) throw new KeyError('UNKNOWN_ROLE', `Unknown role "${role}": choose one of ${roles.join(', ')}`);
    const secret = generateSecret();
    const key: KeyInfo = { name, role, createdAt: new Date().toISOString(), revokedAt: null, createdBy: by, revokedBy: null };
    try {
      writeTransaction(db, () =>
        db
          .insert(apiKeys)
          .values({ ...key, secretHash: hashSecret(secret) })
          .run(),
      );
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && byName.get({ name })) {
        throw new KeyError('DUPLICATE_NAME', `A key named "${name}" already exists (names are never reused, even after revocation)`);
      }
      throw error;
    }
    return { secret, key };
  };

  const revoke = (name: string, by = CLI_ACTOR) => {
    const key = byName.get({ name });
    if (!key) throw new KeyError('UNKNOWN_KEY', `No key named "${name}"`);
    if (key.revokedAt !== null) return { key, alreadyRevoked: true };
    const revokedAt = new Date().toISOString();
    // Only a live key is revoked: of two revocations at once, the second finds it done and records nothing.
    const changes = writeTransaction(
      db,
      () =>
        db
          .update(apiKeys)
          .set({ revokedAt, revokedBy: by })
          .where(and(eq(apiKeys.name, name), isNull(apiKeys.revokedAt)))
          .run().changes,
    );
    verified.clear();
    if (changes === 0) return { key: byName.get({ name }) ?? key, alreadyRevoked: true };
    return { key: { ...key, revokedAt, revokedBy: by }, alreadyRevoked: false };
  };

  // In creation order: ids only grow.
  const list = () => db.select(columns).from(apiKeys).orderBy(asc(apiKeys.id)).all();

  return { create, list, revoke, verify };
}
