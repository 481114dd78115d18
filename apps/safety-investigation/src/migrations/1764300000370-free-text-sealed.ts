import { MigrationInterface, QueryRunner } from 'typeorm';
import { EventType, INVESTIGATION_CONCLUDED, UPCASTERS, upcastData } from '@vt/contracts';

/** The citations an informatie-derden step may carry, as they stood when this migration was written (INFORMATION_REQUEST_LEGAL_BASES). */
const KNOWN_LEGAL_BASES = ['Wmo 2015 art. 5.2.6', 'toestemming van betrokkene'];
/** What a legal basis typed freely before the list existed becomes: its text is not kept. */
const REMOVED_LEGAL_BASIS = 'onbekend (vrije tekst verwijderd, ADR 0020)';

/** Every type this service wrote in its first version with a person's free text in clear (ADR 0020). */
const CLEAR_TEXT_TYPES = [
  'nl.veiligthuis.household.ImmediateSafetyConfirmed.v1',
  'nl.veiligthuis.household.HouseholdPhaseChanged.v1',
  'nl.veiligthuis.household.SafetyConditionsRecorded.v1',
  'nl.veiligthuis.household.MonitoringResultRecorded.v1',
  'nl.veiligthuis.household.NewAssessmentRequested.v1',
  'nl.veiligthuis.investigation.HuisverbodExtended.v1',
  'nl.veiligthuis.investigation.InvestigationConcluded.v1',
];

const BATCH = 500;

/**
 * No free text of a person in clear in this service's schema (ADR 0020). From here on the text is stored only as
 * ciphertext under the key of the subject it concerns (the person, or the household as a data subject of its own);
 * what was stored before is removed, as the upcasters drop it from the log's v1 records when they are read:
 * - `household_event`: rows of superseded types are rewritten to their newest version (`upcastData`, the same
 *   upcasters the consumers and the audit reader apply): `how`, a phase change's `reason` (now `reasonCode`), the
 *   conditions (now `conditionCount`), monitoring and new-assessment reasons go.
 * - `investigation.conclusion`: a v1 conclusion is rewritten to v2 (the conditions' count, not their text), and
 *   `concluded_event_id` remembers the InvestigationConcluded a referral names as its basis (backfilled from the outbox).
 * - `investigation_step.legal_basis`: a basis typed freely that is not a known citation is replaced by a marker.
 * - `huisverbod_extension` (new): each extension with its reason, sealed; extensions from before are taken from the
 *   outbox without their reason.
 * - `household_referral`: the referral's basis (`basis_event_type`, `basis_event_id`), so a partner reads the
 *   conditions of the decision it was referred on, and whether it was `closed` (declined, expired, re-routed).
 * - `outbox`: published copies of the types above (and of steps with a freely typed legal basis) are deleted; the log
 *   holds them, and the relay has no further use for them. Rows not yet published stay and go out as written: their
 *   chain hash covers those bytes (ADR 0009), and the upcasters read them.
 * Not reversible: `down` removes the new columns and table, but the removed text does not come back.
 */
export class FreeTextSealed1764300000370 implements MigrationInterface {
  name = 'FreeTextSealed1764300000370';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table investigation add column concluded_event_id uuid');
    await queryRunner.query('create unique index investigation_concluded_event on investigation (concluded_event_id)');
    await queryRunner.query(`
      update investigation i set concluded_event_id = o.event_id
      from outbox o
      where o.payload::jsonb ->> 'type' like 'nl.veiligthuis.investigation.InvestigationConcluded.v%'
        and o.payload::jsonb -> 'data' ->> 'investigationId' = i.investigation_id::text
        and i.concluded_event_id is null`);
    const conclusions = (await queryRunner.query(`select investigation_id, conclusion from investigation where jsonb_typeof(conclusion -> 'safetyConditions') = 'array'`)) as {
      investigation_id: string;
      conclusion: unknown;
    }[];
    for (const row of conclusions) {
      await queryRunner.query('update investigation set conclusion = $2 where investigation_id = $1', [row.investigation_id, JSON.stringify(upcastData(INVESTIGATION_CONCLUDED, row.conclusion).data)]);
    }

    await queryRunner.query(`update investigation_step set legal_basis = $2 where legal_basis is not null and not (legal_basis = any($1::text[]))`, [KNOWN_LEGAL_BASES, REMOVED_LEGAL_BASIS]);

    await queryRunner.query(`
      create table huisverbod_extension (
        extension_id uuid primary key default gen_random_uuid(),
        huisverbod_id uuid not null references huisverbod (huisverbod_id),
        previous_ends_at timestamptz not null,
        ends_at timestamptz not null,
        decided_at timestamptz not null,
        reason jsonb,
        recorded_at timestamptz not null,
        recorded_by text not null
      )`);
    await queryRunner.query('create index huisverbod_extension_by_huisverbod on huisverbod_extension (huisverbod_id)');
    await queryRunner.query(`
      insert into huisverbod_extension (huisverbod_id, previous_ends_at, ends_at, decided_at, reason, recorded_at, recorded_by)
      select (d ->> 'huisverbodId')::uuid, (d ->> 'previousEndsAt')::timestamptz, (d ->> 'endsAt')::timestamptz, (d ->> 'decidedAt')::timestamptz, null,
             (d ->> 'recordedAt')::timestamptz, d ->> 'actor'
      from (select payload::jsonb -> 'data' as d from outbox where payload::jsonb ->> 'type' = 'nl.veiligthuis.investigation.HuisverbodExtended.v1') extended
      where exists (select 1 from huisverbod h where h.huisverbod_id::text = d ->> 'huisverbodId')`);

    await queryRunner.query(`
      alter table household_referral
        add column basis_event_type text,
        add column basis_event_id text,
        add column closed text check (closed in ('declined', 'expired', 'rerouted')),
        add column closed_at timestamptz`);

    const superseded = Object.keys(UPCASTERS);
    for (;;) {
      const rows = (await queryRunner.query('select household_id, sequence, type, data from household_event where type = any($1::text[]) order by household_id, sequence limit $2', [superseded, BATCH])) as {
        household_id: string;
        sequence: number;
        type: EventType;
        data: unknown;
      }[];
      if (rows.length === 0) break;
      const newest = rows.map((row) => upcastData(row.type, row.data));
      await queryRunner.query(
        `update household_event e set type = v.type, data = v.data
         from unnest($1::uuid[], $2::int[], $3::text[], $4::jsonb[]) as v(household_id, sequence, type, data)
         where e.household_id = v.household_id and e.sequence = v.sequence`,
        [rows.map((row) => row.household_id), rows.map((row) => row.sequence), newest.map((event) => event.type), newest.map((event) => JSON.stringify(event.data))],
      );
    }

    await queryRunner.query(`delete from outbox where published_at is not null and payload::jsonb ->> 'type' = any($1::text[])`, [CLEAR_TEXT_TYPES]);
    await queryRunner.query(
      `delete from outbox where published_at is not null and payload::jsonb ->> 'type' = 'nl.veiligthuis.investigation.InvestigationStepPlanned.v1'
         and payload::jsonb -> 'data' ? 'legalBasis' and not (payload::jsonb -> 'data' ->> 'legalBasis' = any($1::text[]))`,
      [KNOWN_LEGAL_BASES],
    );
  }

  /** The new columns and table go; the text removed by `up` does not come back. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table household_referral drop column basis_event_type, drop column basis_event_id, drop column closed, drop column closed_at');
    await queryRunner.query('drop table huisverbod_extension');
    await queryRunner.query('drop index investigation_concluded_event');
    await queryRunner.query('alter table investigation drop column concluded_event_id');
  }
}
