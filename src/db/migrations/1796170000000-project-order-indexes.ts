import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for every `projects(orderBy:)` order, in both directions, each with the `id` tie-breaker and
 * NULLS LAST as the API sorts: a page is then an index scan of `first` rows instead of a top-N sort of
 * every matching project (EXPLAIN ANALYZE at 26,500 projects in the note of issue 9). Declared on the
 * entity with `synchronize: false`, since TypeORM cannot describe a DESC NULLS LAST column.
 */
const ORDERS: [string, string][] = [
  ['title', 'title'],
  ['total_budget', 'total_budget_bgn'],
  ['start_date', 'start_date'],
  ['end_date', 'end_date'],
];

export class ProjectOrderIndexes1796170000000 implements MigrationInterface {
  name = 'ProjectOrderIndexes1796170000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, column] of ORDERS) {
      await queryRunner.query(
        `CREATE INDEX "idx_projects_order_${name}_asc" ON "projects" ("${column}" ASC NULLS LAST, "id" ASC)`,
      );
      await queryRunner.query(
        `CREATE INDEX "idx_projects_order_${name}_desc" ON "projects" ("${column}" DESC NULLS LAST, "id" ASC)`,
      );
    }
    await queryRunner.query('CREATE INDEX "idx_municipalities_order_name" ON "municipalities" ("name", "code")');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."idx_municipalities_order_name"');
    for (const [name] of [...ORDERS].reverse()) {
      await queryRunner.query(`DROP INDEX "public"."idx_projects_order_${name}_desc"`);
      await queryRunner.query(`DROP INDEX "public"."idx_projects_order_${name}_asc"`);
    }
  }
}
