import { MigrationInterface, QueryRunner } from 'typeorm';

/** The registration model: channel, melder, concerns, routing; persons get an optional BSN. */
export class RegistrationModel1764300000110 implements MigrationInterface {
  name = 'RegistrationModel1764300000110';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table melding
      add column channel text,
      add column vt_region text,
      add column veiligheidsregio text,
      add column postcode text,
      add column house_number text,
      add column routing_tables jsonb,
      add column aard text[],
      add column tags text[],
      add column account text`);
    await queryRunner.query(`alter table melding_person add column bsn text`);
    await queryRunner.query(`
      create table melder (
        melding_id uuid primary key references melding (melding_id),
        kind text not null,
        sector text,
        role text not null,
        name text not null,
        organisation text,
        phone text,
        email text,
        identity_sealed boolean not null,
        seal_reason text,
        seal_explanation text
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop table melder');
    await queryRunner.query('alter table melding_person drop column bsn');
    await queryRunner.query(`alter table melding drop column channel, drop column vt_region, drop column veiligheidsregio, drop column postcode,
      drop column house_number, drop column routing_tables, drop column aard, drop column tags, drop column account`);
  }
}
