import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `data_sizes`: the largest texts and lists the stored data hold, by name (db/data-measures.ts), for the
 * cost analysis. Filled at the next start (ensureDataMeasures), then grown by every import.
 */
export class DataSizes1796175000000 implements MigrationInterface {
  name = 'DataSizes1796175000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "data_sizes" (
      "name" text NOT NULL CONSTRAINT "pk_data_sizes" PRIMARY KEY,
      "value" bigint NOT NULL)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "data_sizes"');
  }
}
