import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `project_amounts`: each project's amounts as the budget aggregates add them, reconciled once by the
 * importer in the import's transaction (ingest/project-amounts.ts): for the whole project, each programme
 * it names, and each EU or national share stated; an exact BGN amount, or the reason it is left out of
 * sums. A budget aggregate then reads this narrow table instead of reconciling every funding statement per
 * call. Filled at the next start from the stored files (ensureProjectAmounts), not by this migration: the
 * reconciliation is the importer's code. Not an entity: nothing reads it through TypeORM.
 */
export class ProjectAmounts1796174000000 implements MigrationInterface {
  name = 'ProjectAmounts1796174000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "project_amounts" (
      "project_id" integer NOT NULL REFERENCES "projects"("id") ON DELETE CASCADE,
      "programme_code" text,
      "kind" text NOT NULL,
      "amount" numeric(14,2),
      "left_out" text,
      CONSTRAINT "chk_project_amounts_amount_or_reason" CHECK (("amount" IS NULL) <> ("left_out" IS NULL)))`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_project_amounts_key" ON "project_amounts" ("project_id", "kind", coalesce("programme_code", \'\'))',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "project_amounts"');
  }
}
