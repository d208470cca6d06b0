import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/auth/secrets.js';
import { openDatabase } from '../../src/db/open.js';
import { createdSecret, runKeysCli, type CliRun } from '../helpers/keys.js';
import { tempDbPath } from '../helpers/temp-db.js';

// One database for the file: each test builds on the keys the previous ones made.
// Each CLI run starts tsx (seconds on a loaded machine): timeouts are generous.
const dbPath = tempDbPath();
let created: CliRun;
let secret: string;
beforeAll(() => {
  // The CLI works on an existing database, as the server (or db:seed) leaves it.
  openDatabase(dbPath).$client.close();
  created = runKeysCli(dbPath, 'create', '--name', 'ingest-bot', '--role', 'editor');
  secret = createdSecret(created);
}, 60_000);

const rows = () => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db
      .prepare('select name, role, secret_hash, created_at, created_by, revoked_at, revoked_by from api_keys order by id')
      .all() as Record<string, string | null>[];
  } finally {
    db.close();
  }
};

describe('npm run keys', { timeout: 90_000 }, () => {
  it('creates a key and prints its secret once, alone on stdout, saying it will not be shown again', () => {
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(/^kb_[A-Za-z0-9_-]{43}\n$/);
    expect(created.stderr).toContain('Created key "ingest-bot" with role editor');
    expect(created.stderr).toContain('will not be shown again');
  });

  it('stores the SHA-256 of the secret and never the secret itself, in the table or anywhere in the file', () => {
    expect(rows()).toEqual([
      {
        name: 'ingest-bot',
        role: 'editor',
        secret_hash: hashSecret(secret),
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        created_by: 'cli',
        revoked_at: null,
        revoked_by: null,
      },
    ]);
    for (const file of [dbPath, `${dbPath}-wal`]) {
      if (existsSync(file)) expect(readFileSync(file).includes(secret)).toBe(false);
    }
  });

  it('refuses a second key with the same name, an unknown role and a bad name with exit code 1 and a clear message, creating nothing', () => {
    const duplicate = runKeysCli(dbPath, 'create', '--name', 'ingest-bot', '--role', 'reader');
    expect(duplicate.status).toBe(1);
    expect(duplicate.stderr).toContain('A key named "ingest-bot" already exists');
    expect(duplicate.stdout).toBe('');

    const role = runKeysCli(dbPath, 'create', '--name', 'viewer', '--role', 'superuser');
    expect(role.status).toBe(1);
    expect(role.stderr).toContain('Unknown role "superuser": choose one of reader, editor, admin');

    const name = runKeysCli(dbPath, 'create', '--name', 'has space', '--role', 'reader');
    expect(name.status).toBe(1);
    expect(name.stderr).toContain('Invalid key name "has space"');

    // History shows 'seed' and 'curator' for other writers, the key audit 'cli': no key may be mistaken for them.
    const reserved = runKeysCli(dbPath, 'create', '--name', 'Seed', '--role', 'reader');
    expect(reserved.status).toBe(1);
    expect(reserved.stderr).toContain('Invalid key name "Seed": seed, cli, curator are reserved');

    expect(rows().map((r) => r.name)).toEqual(['ingest-bot']);
  });

  it('revokes a key by name, says so, and treats revoking it again as a no-op', () => {
    const revoked = runKeysCli(dbPath, 'revoke', '--name', 'ingest-bot');
    expect(revoked.status).toBe(0);
    expect(revoked.stdout).toMatch(/^Revoked key "ingest-bot" at \d{4}-\d\d-\d\dT/);
    const revokedAt = rows()[0]!.revoked_at;
    expect(revokedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(rows()[0]!.revoked_by).toBe('cli');

    const again = runKeysCli(dbPath, 'revoke', '--name', 'ingest-bot');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(`already revoked at ${revokedAt}; nothing changed`);
    expect(rows()[0]!.revoked_at).toBe(revokedAt);
  });

  it('refuses to revoke a key that does not exist, with exit code 1', () => {
    const unknown = runKeysCli(dbPath, 'revoke', '--name', 'nobody');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('No key named "nobody"');
  });

  it('lists every key with its name, role, creation and revocation time and who made each (cli), and no secret or hash', () => {
    createdSecret(runKeysCli(dbPath, 'create', '--name', 'dashboard', '--role', 'reader'));
    const list = runKeysCli(dbPath, 'list');
    expect(list.status).toBe(0);
    const lines = list.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(/\s+/));
    expect(lines[0]).toEqual(['NAME', 'ROLE', 'CREATED', 'CREATED-BY', 'REVOKED', 'REVOKED-BY']);
    const [bot, dashboard] = rows();
    expect(lines.slice(1)).toEqual([
      ['ingest-bot', 'editor', bot!.created_at, 'cli', bot!.revoked_at, 'cli'],
      ['dashboard', 'reader', dashboard!.created_at, 'cli', '-', '-'],
    ]);
    expect(list.stdout).not.toContain('kb_');
    expect(list.stdout).not.toContain(bot!.secret_hash);
  });

  it('answers an unknown command or a missing option with the usage and exit code 1', () => {
    const unknown = runKeysCli(dbPath, 'rotate');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Unknown command "rotate"');
    expect(unknown.stderr).toContain('npm run keys -- create --name <name> --role <reader|editor|admin>');

    const missing = runKeysCli(dbPath, 'create', '--name', 'no-role');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('create needs --role');
  });

  it('refuses a DATABASE_PATH that names no file with one line and exit code 1, creating neither the file nor its folder', () => {
    const typo = join(dirname(dbPath), 'dtaa', 'knowledge.db');
    for (const args of [['list'], ['create', '--name', 'typo-bot', '--role', 'reader'], ['revoke', '--name', 'ingest-bot']]) {
      const run = runKeysCli(typo, ...args);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toEqual([
        `No database at ${typo}: check DATABASE_PATH. The server creates and seeds one on its first start, as does npm run db:seed.`,
      ]);
    }
    expect(existsSync(dirname(typo))).toBe(false);
  });
});
