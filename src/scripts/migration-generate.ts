/**
 * `npm run migration:generate -- <Name>`: starts a throwaway embedded PostgreSQL, applies the existing
 * migrations, and writes the SQL that brings the schema in line with the entities as a new migration
 * in src/db/migrations (add it to the list in src/db/migrations/index.ts). Like TypeORM's
 * `migration:generate`, without needing a running server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDataSource } from '../db/data-source';
import { EmbeddedPostgres } from '../db/embedded-postgres';
import { createLogger } from '../logger';

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    throw new Error('usage: npm run migration:generate -- <PascalCaseName>');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2hub-migration-'));
  fs.chmodSync(dataDir, 0o755);
  const logger = createLogger('warn');
  const postgres = await EmbeddedPostgres.start({ dataDir, logger, timeoutMs: 20_000 });
  const { user, ...connection } = postgres.connection;
  const dataSource = createDataSource({ ...connection, username: user });
  try {
    await dataSource.initialize();
    await dataSource.runMigrations();
    const sql = await dataSource.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) {
      console.log('No changes: the migrations already match the entities.');
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const quote = (query: string) => '`' + query.replace(/\\/g, '\\\\').replace(/`/g, '\\`') + '`';
    const up = sql.upQueries.map((q) => `    await queryRunner.query(${quote(q.query)});`).join('\n');
    const down = sql.downQueries
      .reverse()
      .map((q) => `    await queryRunner.query(${quote(q.query)});`)
      .join('\n');
    const file = path.resolve(__dirname, '..', '..', 'src', 'db', 'migrations', `${timestamp}-${kebab(name)}.ts`);
    fs.writeFileSync(
      file,
      `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\n` +
        `export class ${className} implements MigrationInterface {\n  name = '${className}';\n\n` +
        `  public async up(queryRunner: QueryRunner): Promise<void> {\n${up}\n  }\n\n` +
        `  public async down(queryRunner: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
    );
    console.log(`Wrote ${path.relative(process.cwd(), file)}; add ${className} to src/db/migrations/index.ts.`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await postgres.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

main().catch((error) => {
  console.error(`migration:generate failed: ${error.message}`);
  process.exit(1);
});
