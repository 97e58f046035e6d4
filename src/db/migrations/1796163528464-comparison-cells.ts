import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ComparisonCells1796163528464 implements MigrationInterface {
  name = 'ComparisonCells1796163528464';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "comparison_rows" ("municipality_code" text NOT NULL, "project_ids" integer array NOT NULL, CONSTRAINT "PK_c6f9f418b06574100acae34ab34" PRIMARY KEY ("municipality_code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "comparison_cells" ("municipality_code" text NOT NULL, "metric" text NOT NULL, "basis" text NOT NULL, "cell" jsonb NOT NULL, CONSTRAINT "PK_3a145da93d225cc720e562ab662" PRIMARY KEY ("municipality_code", "metric", "basis"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "comparison_cell_details" ("municipality_code" text NOT NULL, "metric" text NOT NULL, "basis" text NOT NULL, "details" jsonb NOT NULL, CONSTRAINT "PK_ea919816ce066fd91f90f68c03a" PRIMARY KEY ("municipality_code", "metric", "basis"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "comparison_cell_details"`);
    await queryRunner.query(`DROP TABLE "comparison_cells"`);
    await queryRunner.query(`DROP TABLE "comparison_rows"`);
  }
}
