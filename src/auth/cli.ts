import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { DatabaseMissingError, openDatabase } from '../db/open.js';
import { roles } from '../db/tables/api-keys.js';
import { CLI_ACTOR, KeyError, keyStore, type KeyInfo } from './key-store.js';

// npm run keys -- create --name NAME --role ROLE | list | revoke --name NAME
// Works on DATABASE_PATH, like db:seed; a running server sees the change on its next request.

const usage = `Usage:
  npm run keys -- create --name <name> --role <${roles.join('|')}>
  npm run keys -- list
  npm run keys -- revoke --name <name>`;

class UsageError extends Error {}

function table(keys: KeyInfo[]): string {
  const rows = [
    ['NAME', 'ROLE', 'CREATED', 'CREATED-BY', 'REVOKED', 'REVOKED-BY'],
    ...keys.map((k) => [k.name, k.role, k.createdAt, k.createdBy, k.revokedAt ?? '-', k.revokedBy ?? '-']),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function run(argv: string[]): void {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { name: { type: 'string' }, role: { type: 'string' } } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { positionals, values } = parsed;
  const [command, ...extra] = positionals;
  if (extra.length) throw new UsageError(`Unexpected argument "${extra[0]}"`);
  const need = (option: 'name' | 'role') => {
    const value = values[option];
    if (!value) throw new UsageError(`${command} needs --${option}`);
    return value;
  };
  if (command !== 'create' && command !== 'list' && command !== 'revoke') {
    throw new UsageError(command ? `Unknown command "${command}"` : 'No command given');
  }
  // Checked before the database is opened, so a typo creates no file.
  const args = command === 'list' ? {} : command === 'create' ? { name: need('name'), role: need('role') } : { name: need('name') };

  const config = loadConfig();
  // A mistyped path must not become a new, empty database that no server reads.
  const db = openDatabase(config.DATABASE_PATH, { mustExist: true });
  try {
    const keys = keyStore(db);
    if (command === 'list') {
      const all = keys.list();
      console.log(all.length ? table(all) : `No keys in ${config.DATABASE_PATH}`);
    } else if (command === 'create') {
      const { secret, key } = keys.create(args.name!, args.role!, CLI_ACTOR);
      // The secret alone on stdout, so `$(npm run -s keys -- create ...)` captures just it.
      console.error(`Created key "${key.name}" with role ${key.role} in ${config.DATABASE_PATH}.`);
      console.error('Its secret follows. It is shown this once and will not be shown again: only its hash is stored.');
      console.log(secret);
      console.error('Send it as the header  Authorization: Bearer <secret>');
    } else {
      const { key, alreadyRevoked } = keys.revoke(args.name!, CLI_ACTOR);
      console.log(
        alreadyRevoked
          ? `Key "${key.name}" was already revoked at ${key.revokedAt}; nothing changed.`
          : `Revoked key "${key.name}" at ${key.revokedAt}; servers on ${config.DATABASE_PATH} refuse it from their next request.`,
      );
    }
  } finally {
    db.$client.close();
  }
}

try {
  run(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) console.error(`${error.message}\n\n${usage}`);
  else if (error instanceof KeyError) console.error(error.message);
  else if (error instanceof DatabaseMissingError) {
    console.error(`${error.message}: check DATABASE_PATH. The server creates and seeds one on its first start, as does npm run db:seed.`);
  } else console.error(`keys failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
