import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `data_revision`: one row counting the imports that changed the data (and the reference loads), with
 * the time of the last one. Read in an export's snapshot, it names the state a file was made from.
 */
export class DataRevision1796176000000 implements MigrationInterface {
  name = 'DataRevision1796176000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "data_revision" (
      "id" integer NOT NULL DEFAULT 1 CONSTRAINT "pk_data_revision" PRIMARY KEY CONSTRAINT "chk_data_revision_one_row" CHECK ("id" = 1),
      "revision" bigint NOT NULL,
      "changed_at" timestamptz NOT NULL)`);
    await queryRunner.query(`INSERT INTO "data_revision" ("id", "revision", "changed_at") VALUES (1, 0, now())`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "data_revision"');
  }
}
