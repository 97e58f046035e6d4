/**
 * `npm run token -- <command>`: API tokens for the write API (`importProjects`).
 *   create --role EDITOR --municipality RSE27 [--municipality …] --name "Община Русе"
 *   create --role ADMIN --name "Administrator"
 *   list
 *   revoke <id>
 * `create` prints the token once: only a scrypt hash is stored. Works on the hub's database
 * (DATABASE_URL, or the embedded PostgreSQL of HUB_DATA_DIR, the running hub's when one runs).
 * Exit codes: 0 done, 1 refused (bad arguments), 2 could not run.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { createToken, listTokens, revokeToken, Role, TokenInputError } from '../auth/tokens';
import { loadConfig } from '../config';
import { openToolDatabase } from '../db/tool-database';
import { loadReferenceData } from '../ingest/reference';
import { createLogger } from '../logger';
import { runCommand } from './run-command';

const USAGE =
  'usage: npm run token -- create --role EDITOR|ADMIN [--municipality CODE ...] --name NAME | list | revoke ID';

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: { role: { type: 'string' }, municipality: { type: 'string', multiple: true }, name: { type: 'string' } },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 1;
  }
  const [command, ...rest] = parsed.positionals;
  if (!['create', 'list', 'revoke'].includes(command ?? '') || (command === 'revoke' && !/^\d+$/.test(rest[0] ?? ''))) {
    console.error(USAGE);
    return 1;
  }
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', 'component2-hub-token');
  const database = await openToolDatabase(config, logger);
  try {
    const manager = database.dataSource.manager;
    if (command === 'create') {
      // The municipality codes are checked against the reference table.
      await database.dataSource.transaction((tx) => loadReferenceData(tx, config.seedsDir));
      const { id, token } = await createToken(manager, {
        name: parsed.values.name ?? '',
        role: (parsed.values.role ?? '').toUpperCase() as Role,
        municipalityCodes: parsed.values.municipality ?? [],
      });
      console.error(
        `token ${id} created in ${database.description}. It is shown this once; keep it secret (Authorization: Bearer <token>):`,
      );
      console.log(token);
    } else if (command === 'list') {
      for (const token of await listTokens(manager)) {
        const state = token.revokedAt
          ? `revoked ${token.revokedAt.toISOString()}`
          : `active, last used ${token.lastUsedAt?.toISOString() ?? 'never'}`;
        console.log(
          `${token.id}\t${token.role}\t${token.municipalityCodes.join(',') || '*'}\t${token.name}\tcreated ${token.createdAt.toISOString()}\t${state}`,
        );
      }
    } else {
      const id = Number(rest[0]);
      if (!(await revokeToken(manager, id))) {
        console.error(`no active token ${id}`);
        return 1;
      }
      console.log(`token ${id} revoked: its next request is refused (UNAUTHENTICATED)`);
    }
    return 0;
  } finally {
    await database.close();
  }
}

runCommand('token', main, [TokenInputError]);
