import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795351660844 implements MigrationInterface {
  name = 'Initial1795351660844';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "activities" ("id" SERIAL NOT NULL, "project_id" integer NOT NULL, "source_key" text NOT NULL, "as_published" text, "note" text, "programme_code" text, "number" integer, "title" text NOT NULL, "title_latin" text NOT NULL, "category" text NOT NULL, CONSTRAINT "PK_7f4004429f731ffb9c88eb486a8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_activities_category" ON "activities"  ("category") `);
    await queryRunner.query(`CREATE INDEX "idx_activities_project_id" ON "activities"  ("project_id") `);
    await queryRunner.query(
      `CREATE TABLE "contracts" ("id" SERIAL NOT NULL, "project_id" integer NOT NULL, "source_key" text NOT NULL, "as_published" text, "note" text, "programme_code" text NOT NULL, "number" text NOT NULL, "signed_on" date, CONSTRAINT "PK_2c7b8f3a7b1acdd49497d83d0fb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_contracts_number" ON "contracts"  ("number") `);
    await queryRunner.query(`CREATE INDEX "idx_contracts_project_id" ON "contracts"  ("project_id") `);
    await queryRunner.query(
      `CREATE TABLE "funding_amounts" ("id" SERIAL NOT NULL, "project_id" integer NOT NULL, "source_key" text NOT NULL, "as_published" text, "note" text, "programme_code" text, "kind" text NOT NULL, "amount" numeric(14,2) NOT NULL, "currency" text NOT NULL, "qualifier" text NOT NULL, CONSTRAINT "chk_funding_amounts_amount_non_negative" CHECK ("amount" >= 0), CONSTRAINT "PK_cf279e06e6c0eb12e3b835b7dd8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_funding_amounts_project_id" ON "funding_amounts"  ("project_id") `);
    await queryRunner.query(
      `CREATE TABLE "indicators" ("code" text NOT NULL, "name" text NOT NULL, "name_en" text NOT NULL, "unit" text NOT NULL, "domain" text NOT NULL, "description" text NOT NULL, CONSTRAINT "PK_7908c77362d20f1c428d49bfe4b" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "indicator_values" ("id" SERIAL NOT NULL, "project_id" integer NOT NULL, "source_key" text NOT NULL, "as_published" text, "note" text, "indicator_code" text NOT NULL, "value" numeric(14,2) NOT NULL, "qualifier" text NOT NULL, "basis" text NOT NULL, "as_of" date, "breakdown" text, CONSTRAINT "PK_611038cccc7a74de92fed3da44d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_indicator_values_basis" ON "indicator_values"  ("basis") `);
    await queryRunner.query(
      `CREATE INDEX "idx_indicator_values_indicator_code" ON "indicator_values"  ("indicator_code") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_indicator_values_project_id" ON "indicator_values"  ("project_id") `);
    await queryRunner.query(
      `CREATE TABLE "municipalities" ("code" text NOT NULL, "name" text NOT NULL, "name_latin" text NOT NULL, "oblast_code" text NOT NULL, "oblast_name" text NOT NULL, "oblast_name_latin" text NOT NULL, "nuts3" text NOT NULL, "nuts2" text NOT NULL, "nuts1" text NOT NULL, "admin_centre_ekatte" text NOT NULL, "population" integer, "population_reference_date" date, "population_source_key" text, "search_text" text NOT NULL, CONSTRAINT "PK_9e0e960d7323bb120dc5e915dd8" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_municipalities_oblast_code" ON "municipalities"  ("oblast_code") `);
    await queryRunner.query(
      `CREATE TABLE "organisations" ("id" SERIAL NOT NULL, "name" text NOT NULL, "name_latin" text NOT NULL, "type" text NOT NULL, CONSTRAINT "PK_7bf54cba378d5b2f1d4c10ef4df" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_organisations_name" ON "organisations"  ("name") `);
    await queryRunner.query(
      `CREATE TABLE "partnerships" ("id" SERIAL NOT NULL, "project_id" integer NOT NULL, "source_key" text NOT NULL, "as_published" text, "note" text, "organisation_id" integer NOT NULL, "role" text NOT NULL, "programme_code" text, CONSTRAINT "PK_55de3c169ff0d5d88e9a7cb0cd6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_partnerships_project_id" ON "partnerships"  ("project_id") `);
    await queryRunner.query(
      `CREATE TABLE "project_period_statements" ("id" SERIAL NOT NULL, "project_id" integer NOT NULL, "source_key" text NOT NULL, "as_published" text, "note" text, "field" text NOT NULL, "date" date, "months" integer, CONSTRAINT "PK_ced2d2f417f8103b3ca0974703b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_project_period_statements_project_id" ON "project_period_statements"  ("project_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "procedures" ("code" text NOT NULL, "name" text NOT NULL, "name_latin" text NOT NULL, "name_en" text NOT NULL, "component" text NOT NULL, "source_key" text NOT NULL, CONSTRAINT "PK_8f0dd6bd4d8e1abaaf816856e29" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "procedure_citations" ("id" SERIAL NOT NULL, "project_id" integer NOT NULL, "source_key" text NOT NULL, "as_published" text, "note" text, "quote" text NOT NULL, CONSTRAINT "PK_8fbd82db876180b325076eacd5e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_procedure_citations_project_id" ON "procedure_citations"  ("project_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "programmes" ("code" text NOT NULL, "short_code" text NOT NULL, "name" text NOT NULL, "name_latin" text NOT NULL, "name_en" text NOT NULL, "abbreviation" text NOT NULL, "fund" text NOT NULL, CONSTRAINT "UQ_c8acc3d8b38bd297f564dab2c99" UNIQUE ("short_code"), CONSTRAINT "PK_716cd216ca31adaa70e65bb1899" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "projects" ("id" SERIAL NOT NULL, "key" text NOT NULL, "municipality_code" text NOT NULL, "procedure_code" text NOT NULL, "title" text, "title_latin" text, "title_source_key" text, "registration_number" text, "registration_number_as_published" text, "registration_number_source_key" text, "status" text NOT NULL, "status_as_of" date, "status_source_key" text, "confirmation" text NOT NULL, "aim" text, "aim_source_key" text, "start_date" date, "end_date" date, "stated_duration_months" integer, "total_budget_bgn" numeric(14,2), "missing" jsonb NOT NULL DEFAULT '[]'::jsonb, "notes" jsonb NOT NULL DEFAULT '[]'::jsonb, "search_text" text NOT NULL, "document" jsonb NOT NULL, "content_hash" text NOT NULL, "revision" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_projects" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_projects_key" ON "projects"  ("key") `);
    await queryRunner.query(`CREATE INDEX "idx_projects_municipality_code" ON "projects"  ("municipality_code") `);
    await queryRunner.query(`CREATE INDEX "idx_projects_registration_number" ON "projects"  ("registration_number") `);
    await queryRunner.query(`CREATE INDEX "idx_projects_confirmation" ON "projects"  ("confirmation") `);
    await queryRunner.query(`CREATE INDEX "idx_projects_start_date" ON "projects"  ("start_date") `);
    await queryRunner.query(`CREATE INDEX "idx_projects_end_date" ON "projects"  ("end_date") `);
    await queryRunner.query(`CREATE INDEX "idx_projects_total_budget_bgn" ON "projects"  ("total_budget_bgn") `);
    await queryRunner.query(
      `CREATE TABLE "project_revisions" ("id" SERIAL NOT NULL, "project_id" integer NOT NULL, "revision" integer NOT NULL, "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL, "content_hash" text NOT NULL, "changed_fields" jsonb NOT NULL, "previous" jsonb, CONSTRAINT "PK_70af263890bea2a019470196048" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_project_revisions_project_revision" ON "project_revisions"  ("project_id", "revision") `,
    );
    await queryRunner.query(
      `CREATE TABLE "quality_flags" ("id" SERIAL NOT NULL, "project_id" integer NOT NULL, "code" text NOT NULL, "severity" text NOT NULL, "field" text NOT NULL, "message" text NOT NULL, CONSTRAINT "PK_0adb85c9d17e94c09e44374bc84" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_quality_flags_code" ON "quality_flags"  ("code") `);
    await queryRunner.query(`CREATE INDEX "idx_quality_flags_project_id" ON "quality_flags"  ("project_id") `);
    await queryRunner.query(
      `CREATE TABLE "reference_data" ("name" text NOT NULL, "content_hash" text NOT NULL, "loaded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_a3732c9e64fb5954120b89e9ea4" PRIMARY KEY ("name"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "sources" ("key" text NOT NULL, "url" text, "title" text NOT NULL, "publisher" text NOT NULL, "published_on" date, "kind" text NOT NULL, "language" text NOT NULL, CONSTRAINT "PK_a639aad9bf1f76d4dbb6b126035" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "target_groups" ("id" SERIAL NOT NULL, "project_id" integer NOT NULL, "source_key" text NOT NULL, "as_published" text, "note" text, "programme_code" text, "description" text NOT NULL, "description_latin" text NOT NULL, "category" text NOT NULL, CONSTRAINT "PK_73042b184f2c7b5f2c2bf28311d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_target_groups_project_id" ON "target_groups"  ("project_id") `);
    await queryRunner.query(
      `ALTER TABLE "activities" ADD CONSTRAINT "FK_7297db78eb572fa29db5aaf8158" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activities" ADD CONSTRAINT "FK_064f0a56b2d3365e85a6c781759" FOREIGN KEY ("source_key") REFERENCES "sources"("key") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activities" ADD CONSTRAINT "FK_ef382cea34f30a33c571f477f75" FOREIGN KEY ("programme_code") REFERENCES "programmes"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" ADD CONSTRAINT "FK_6dbcbd3f7392ba65c8832e04435" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" ADD CONSTRAINT "FK_2ab693deaf463e16e91204e989e" FOREIGN KEY ("source_key") REFERENCES "sources"("key") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" ADD CONSTRAINT "FK_50d4efc515fd050032ae2f47f88" FOREIGN KEY ("programme_code") REFERENCES "programmes"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "funding_amounts" ADD CONSTRAINT "FK_12208177efe34ef4ca5045dc582" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "funding_amounts" ADD CONSTRAINT "FK_515ecc49e4d13e4194e636816b8" FOREIGN KEY ("source_key") REFERENCES "sources"("key") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "funding_amounts" ADD CONSTRAINT "FK_cb39529598ad08c0f725760d3d5" FOREIGN KEY ("programme_code") REFERENCES "programmes"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "indicator_values" ADD CONSTRAINT "FK_a4783c920fc8b5412d2647fef94" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "indicator_values" ADD CONSTRAINT "FK_7d8a0a5f35299e9df1030fed308" FOREIGN KEY ("source_key") REFERENCES "sources"("key") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "indicator_values" ADD CONSTRAINT "FK_a914d6316665ea9a0f263c159fc" FOREIGN KEY ("indicator_code") REFERENCES "indicators"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "municipalities" ADD CONSTRAINT "fk_municipalities_population_source" FOREIGN KEY ("population_source_key") REFERENCES "sources"("key") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "partnerships" ADD CONSTRAINT "FK_c5f41f2d33fbc205d944cacf61f" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "partnerships" ADD CONSTRAINT "FK_a2a780eb01f1bb39fe4d527e859" FOREIGN KEY ("source_key") REFERENCES "sources"("key") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "partnerships" ADD CONSTRAINT "FK_7a6b153376aee4f7a81a1a8cc50" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "partnerships" ADD CONSTRAINT "FK_d154dfb398f3d9ab160f4711162" FOREIGN KEY ("programme_code") REFERENCES "programmes"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_period_statements" ADD CONSTRAINT "FK_d6659ebfa7af88094c2391b8a8b" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_period_statements" ADD CONSTRAINT "FK_bcdd405b4fdc10e7a0e7d791c1f" FOREIGN KEY ("source_key") REFERENCES "sources"("key") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "procedures" ADD CONSTRAINT "fk_procedures_source" FOREIGN KEY ("source_key") REFERENCES "sources"("key") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "procedure_citations" ADD CONSTRAINT "FK_096653583c97197f629a6802127" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "procedure_citations" ADD CONSTRAINT "FK_85279a779566c756e8d6316063a" FOREIGN KEY ("source_key") REFERENCES "sources"("key") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "projects" ADD CONSTRAINT "fk_projects_municipality" FOREIGN KEY ("municipality_code") REFERENCES "municipalities"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "projects" ADD CONSTRAINT "fk_projects_procedure" FOREIGN KEY ("procedure_code") REFERENCES "procedures"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "projects" ADD CONSTRAINT "fk_projects_title_source" FOREIGN KEY ("title_source_key") REFERENCES "sources"("key") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "projects" ADD CONSTRAINT "fk_projects_registration_number_source" FOREIGN KEY ("registration_number_source_key") REFERENCES "sources"("key") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "projects" ADD CONSTRAINT "fk_projects_status_source" FOREIGN KEY ("status_source_key") REFERENCES "sources"("key") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "projects" ADD CONSTRAINT "fk_projects_aim_source" FOREIGN KEY ("aim_source_key") REFERENCES "sources"("key") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_revisions" ADD CONSTRAINT "FK_841e8942c6d95c52d0a94dfcf93" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "quality_flags" ADD CONSTRAINT "FK_52f9cc7daf3315685d4c91d4ba0" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "target_groups" ADD CONSTRAINT "FK_e192193972a924d421e1c3ff78c" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "target_groups" ADD CONSTRAINT "FK_c3a33ef287a6ee20015de1c43e7" FOREIGN KEY ("source_key") REFERENCES "sources"("key") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "target_groups" ADD CONSTRAINT "FK_2437f4c655d5e6c7630e1166cb7" FOREIGN KEY ("programme_code") REFERENCES "programmes"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "target_groups" DROP CONSTRAINT "FK_2437f4c655d5e6c7630e1166cb7"`);
    await queryRunner.query(`ALTER TABLE "target_groups" DROP CONSTRAINT "FK_c3a33ef287a6ee20015de1c43e7"`);
    await queryRunner.query(`ALTER TABLE "target_groups" DROP CONSTRAINT "FK_e192193972a924d421e1c3ff78c"`);
    await queryRunner.query(`ALTER TABLE "quality_flags" DROP CONSTRAINT "FK_52f9cc7daf3315685d4c91d4ba0"`);
    await queryRunner.query(`ALTER TABLE "project_revisions" DROP CONSTRAINT "FK_841e8942c6d95c52d0a94dfcf93"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP CONSTRAINT "fk_projects_aim_source"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP CONSTRAINT "fk_projects_status_source"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP CONSTRAINT "fk_projects_registration_number_source"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP CONSTRAINT "fk_projects_title_source"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP CONSTRAINT "fk_projects_procedure"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP CONSTRAINT "fk_projects_municipality"`);
    await queryRunner.query(`ALTER TABLE "procedure_citations" DROP CONSTRAINT "FK_85279a779566c756e8d6316063a"`);
    await queryRunner.query(`ALTER TABLE "procedure_citations" DROP CONSTRAINT "FK_096653583c97197f629a6802127"`);
    await queryRunner.query(`ALTER TABLE "procedures" DROP CONSTRAINT "fk_procedures_source"`);
    await queryRunner.query(`ALTER TABLE "project_period_statements" DROP CONSTRAINT "FK_bcdd405b4fdc10e7a0e7d791c1f"`);
    await queryRunner.query(`ALTER TABLE "project_period_statements" DROP CONSTRAINT "FK_d6659ebfa7af88094c2391b8a8b"`);
    await queryRunner.query(`ALTER TABLE "partnerships" DROP CONSTRAINT "FK_d154dfb398f3d9ab160f4711162"`);
    await queryRunner.query(`ALTER TABLE "partnerships" DROP CONSTRAINT "FK_7a6b153376aee4f7a81a1a8cc50"`);
    await queryRunner.query(`ALTER TABLE "partnerships" DROP CONSTRAINT "FK_a2a780eb01f1bb39fe4d527e859"`);
    await queryRunner.query(`ALTER TABLE "partnerships" DROP CONSTRAINT "FK_c5f41f2d33fbc205d944cacf61f"`);
    await queryRunner.query(`ALTER TABLE "municipalities" DROP CONSTRAINT "fk_municipalities_population_source"`);
    await queryRunner.query(`ALTER TABLE "indicator_values" DROP CONSTRAINT "FK_a914d6316665ea9a0f263c159fc"`);
    await queryRunner.query(`ALTER TABLE "indicator_values" DROP CONSTRAINT "FK_7d8a0a5f35299e9df1030fed308"`);
    await queryRunner.query(`ALTER TABLE "indicator_values" DROP CONSTRAINT "FK_a4783c920fc8b5412d2647fef94"`);
    await queryRunner.query(`ALTER TABLE "funding_amounts" DROP CONSTRAINT "FK_cb39529598ad08c0f725760d3d5"`);
    await queryRunner.query(`ALTER TABLE "funding_amounts" DROP CONSTRAINT "FK_515ecc49e4d13e4194e636816b8"`);
    await queryRunner.query(`ALTER TABLE "funding_amounts" DROP CONSTRAINT "FK_12208177efe34ef4ca5045dc582"`);
    await queryRunner.query(`ALTER TABLE "contracts" DROP CONSTRAINT "FK_50d4efc515fd050032ae2f47f88"`);
    await queryRunner.query(`ALTER TABLE "contracts" DROP CONSTRAINT "FK_2ab693deaf463e16e91204e989e"`);
    await queryRunner.query(`ALTER TABLE "contracts" DROP CONSTRAINT "FK_6dbcbd3f7392ba65c8832e04435"`);
    await queryRunner.query(`ALTER TABLE "activities" DROP CONSTRAINT "FK_ef382cea34f30a33c571f477f75"`);
    await queryRunner.query(`ALTER TABLE "activities" DROP CONSTRAINT "FK_064f0a56b2d3365e85a6c781759"`);
    await queryRunner.query(`ALTER TABLE "activities" DROP CONSTRAINT "FK_7297db78eb572fa29db5aaf8158"`);
    await queryRunner.query(`DROP INDEX "public"."idx_target_groups_project_id"`);
    await queryRunner.query(`DROP TABLE "target_groups"`);
    await queryRunner.query(`DROP TABLE "sources"`);
    await queryRunner.query(`DROP TABLE "reference_data"`);
    await queryRunner.query(`DROP INDEX "public"."idx_quality_flags_project_id"`);
    await queryRunner.query(`DROP INDEX "public"."idx_quality_flags_code"`);
    await queryRunner.query(`DROP TABLE "quality_flags"`);
    await queryRunner.query(`DROP INDEX "public"."uq_project_revisions_project_revision"`);
    await queryRunner.query(`DROP TABLE "project_revisions"`);
    await queryRunner.query(`DROP INDEX "public"."idx_projects_total_budget_bgn"`);
    await queryRunner.query(`DROP INDEX "public"."idx_projects_end_date"`);
    await queryRunner.query(`DROP INDEX "public"."idx_projects_start_date"`);
    await queryRunner.query(`DROP INDEX "public"."idx_projects_confirmation"`);
    await queryRunner.query(`DROP INDEX "public"."idx_projects_registration_number"`);
    await queryRunner.query(`DROP INDEX "public"."idx_projects_municipality_code"`);
    await queryRunner.query(`DROP INDEX "public"."uq_projects_key"`);
    await queryRunner.query(`DROP TABLE "projects"`);
    await queryRunner.query(`DROP TABLE "programmes"`);
    await queryRunner.query(`DROP INDEX "public"."idx_procedure_citations_project_id"`);
    await queryRunner.query(`DROP TABLE "procedure_citations"`);
    await queryRunner.query(`DROP TABLE "procedures"`);
    await queryRunner.query(`DROP INDEX "public"."idx_project_period_statements_project_id"`);
    await queryRunner.query(`DROP TABLE "project_period_statements"`);
    await queryRunner.query(`DROP INDEX "public"."idx_partnerships_project_id"`);
    await queryRunner.query(`DROP TABLE "partnerships"`);
    await queryRunner.query(`DROP INDEX "public"."uq_organisations_name"`);
    await queryRunner.query(`DROP TABLE "organisations"`);
    await queryRunner.query(`DROP INDEX "public"."idx_municipalities_oblast_code"`);
    await queryRunner.query(`DROP TABLE "municipalities"`);
    await queryRunner.query(`DROP INDEX "public"."idx_indicator_values_project_id"`);
    await queryRunner.query(`DROP INDEX "public"."idx_indicator_values_indicator_code"`);
    await queryRunner.query(`DROP INDEX "public"."idx_indicator_values_basis"`);
    await queryRunner.query(`DROP TABLE "indicator_values"`);
    await queryRunner.query(`DROP TABLE "indicators"`);
    await queryRunner.query(`DROP INDEX "public"."idx_funding_amounts_project_id"`);
    await queryRunner.query(`DROP TABLE "funding_amounts"`);
    await queryRunner.query(`DROP INDEX "public"."idx_contracts_project_id"`);
    await queryRunner.query(`DROP INDEX "public"."idx_contracts_number"`);
    await queryRunner.query(`DROP TABLE "contracts"`);
    await queryRunner.query(`DROP INDEX "public"."idx_activities_project_id"`);
    await queryRunner.query(`DROP INDEX "public"."idx_activities_category"`);
    await queryRunner.query(`DROP TABLE "activities"`);
  }
}
