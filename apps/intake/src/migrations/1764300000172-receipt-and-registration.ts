import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Receipt and registration apart. `received_at` becomes the receipt (when the melding or adviesvraag reached
 * Veilig Thuis, as the call handler gives it); `registered_at` is when intake registered it. Until now
 * `received_at` held the registration time, and no receipt was recorded: existing rows get `registered_at` =
 * that time, and keep it as their receipt too (the best that is known). A melding registered more than
 * `RECEIPT_REASON_AFTER` after receipt keeps the reason, as a code.
 */
export class ReceiptAndRegistration1764300000172 implements MigrationInterface {
  name = 'ReceiptAndRegistration1764300000172';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['melding', 'adviesvraag']) {
      await queryRunner.query(`alter table ${table} add column registered_at timestamptz`);
      await queryRunner.query(`update ${table} set registered_at = received_at`);
      await queryRunner.query(`alter table ${table} alter column registered_at set not null`);
      // A receipt may lie at most RECEIPT_CLOCK_SKEW (PT15M at most) after its registration.
      await queryRunner.query(`alter table ${table} add constraint ${table}_received_before_registered check (received_at <= registered_at + interval '15 minutes')`);
    }
    await queryRunner.query(`alter table melding add column late_registration_reason text
      check (late_registration_reason in ('batchverwerking', 'schriftelijk-ontvangen', 'storing', 'doorgestuurd-door-andere-regio', 'anders'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table melding drop column late_registration_reason');
    for (const table of ['melding', 'adviesvraag']) {
      await queryRunner.query(`alter table ${table} drop constraint ${table}_received_before_registered`);
      await queryRunner.query(`update ${table} set received_at = registered_at`);
      await queryRunner.query(`alter table ${table} drop column registered_at`);
    }
  }
}
