import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tables whose rows name a programme, as they were when this migration was written (a migration is a
 * snapshot: the importer keeps its own list, PROGRAMME_TABLES in import-projects.ts).
 */
const PROGRAMME_TABLES = ['funding_amounts', 'contracts', 'partnerships', 'activities', 'target_groups'];

/**
 * `project_programmes`: each project's programmes, one row per project and programme, maintained by the
 * importer in the import's transaction (the programme filter and the aggregates by PROGRAMME read it,
 * instead of a union of five tables per call). Backfilled from the five tables. Not an entity: nothing
 * reads it through TypeORM, and TypeORM leaves tables it does not know alone.
 */
export class ProjectProgrammes1796171000000 implements MigrationInterface {
  name = 'ProjectProgrammes1796171000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "project_programmes" ("project_id" integer NOT NULL REFERENCES "projects"("id") ON DELETE CASCADE,
      "programme_code" text NOT NULL, CONSTRAINT "pk_project_programmes" PRIMARY KEY ("project_id", "programme_code"))`);
    await queryRunner.query(
      'CREATE INDEX "idx_project_programmes_programme_code" ON "project_programmes" ("programme_code", "project_id")',
    );
    await queryRunner.query(`INSERT INTO "project_programmes" (project_id, programme_code)
      SELECT DISTINCT project_id, programme_code FROM (${PROGRAMME_TABLES.map((table) => `SELECT project_id, programme_code FROM ${table} WHERE programme_code IS NOT NULL`).join(' UNION ALL ')}) named`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "project_programmes"');
  }
}
