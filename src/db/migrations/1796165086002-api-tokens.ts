import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ApiTokens1796165086002 implements MigrationInterface {
  name = 'ApiTokens1796165086002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "api_tokens" ("id" SERIAL NOT NULL, "name" text NOT NULL, "role" text NOT NULL, "municipality_codes" text array NOT NULL, "salt" text NOT NULL, "hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_c587455266b5fa8dace7194caac" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "project_revisions" ADD "author" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "project_revisions" DROP COLUMN "author"`);
    await queryRunner.query(`DROP TABLE "api_tokens"`);
  }
}
