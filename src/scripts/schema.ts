/**
 * `npm run schema:emit` writes schema/schema.graphql from the code; `npm run schema:check` fails when
 * the committed file differs from what the code emits (the schema is a public contract).
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { PROJECT_ROOT } from '../config';
import { buildGraphqlSchema } from '../schema';

export async function emittedSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildGraphqlSchema()))}\n`;
}

async function main(): Promise<number> {
  const file = path.join(PROJECT_ROOT, 'schema', 'schema.graphql');
  const emitted = await emittedSchema();
  if (process.argv.includes('--check')) {
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (committed !== emitted) {
      const committedLines = committed.split('\n');
      const firstDifference = emitted.split('\n').findIndex((line, index) => line !== committedLines[index]);
      console.error(
        `schema/schema.graphql is out of date with the code (first difference at line ${firstDifference + 1}).\n` +
          'Run `npm run schema:emit` and commit the result.',
      );
      return 1;
    }
    console.log('schema/schema.graphql matches the code.');
    return 0;
  }
  fs.writeFileSync(file, emitted);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
