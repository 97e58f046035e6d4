import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DropProjectJsonDefaults1795352278028 implements MigrationInterface {
  name = 'DropProjectJsonDefaults1795352278028';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "projects" ALTER COLUMN "missing" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "projects" ALTER COLUMN "notes" DROP DEFAULT`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "projects" ALTER COLUMN "notes" SET DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "projects" ALTER COLUMN "missing" SET DEFAULT '[]'`);
  }
}
