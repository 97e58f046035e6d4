import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SourceTexts1796165729304 implements MigrationInterface {
  name = 'SourceTexts1796165729304';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "source_texts" ("source_key" text NOT NULL, "text" text NOT NULL, CONSTRAINT "PK_31ebe487eacceae5eb0f5d3bef3" PRIMARY KEY ("source_key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "source_revisions" ("id" SERIAL NOT NULL, "source_key" text NOT NULL, "revision" integer NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "author" text, "changed_fields" jsonb NOT NULL, "previous" jsonb NOT NULL, CONSTRAINT "PK_eea6e5c21d9d14f13d5c857abe6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_source_revisions_source_key" ON "source_revisions"  ("source_key") `);
    await queryRunner.query(`ALTER TABLE "sources" ADD "text_sha256" text`);
    await queryRunner.query(`ALTER TABLE "sources" ADD "revision" integer NOT NULL DEFAULT '1'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sources" DROP COLUMN "revision"`);
    await queryRunner.query(`ALTER TABLE "sources" DROP COLUMN "text_sha256"`);
    await queryRunner.query(`DROP INDEX "public"."idx_source_revisions_source_key"`);
    await queryRunner.query(`DROP TABLE "source_revisions"`);
    await queryRunner.query(`DROP TABLE "source_texts"`);
  }
}
