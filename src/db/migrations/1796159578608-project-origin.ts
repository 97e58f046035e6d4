import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProjectOrigin1796159578608 implements MigrationInterface {
  name = 'ProjectOrigin1796159578608';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "projects" ADD "origin" text NOT NULL DEFAULT 'IMPORT'`);
    // Until now the seeds overwrote their projects at every start: what exists was last written by them.
    await queryRunner.query(`UPDATE "projects" SET "origin" = 'SEED'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "origin"`);
  }
}
