import { ApiTags } from '@nestjs/swagger';
import { AccessPurpose, ApiDescribed, DATA_SOURCE, Outbox, ReadPurpose, recordAccess } from '@vt/runtime';
import { INTAKE_OPERATIONS } from '../openapi/intake.api';
import { Controller, Get, Inject, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertRegion, coversRegion, CurrentActor, CurrentUser, Principal, Roles } from '@vt/auth';
import { vtRegionOf } from './vt-region-of';

/** What intake tells about a melding: where it is, where it was routed, what radar found. Names stay out. */
interface MeldingView {
  meldingId: string;
  householdId: string;
  /** When the melding reached Veilig Thuis: its statutory clocks run from here. */
  receivedAt: string;
  /** When intake registered it; for meldingen from before the two were told apart, the same as `receivedAt`. */
  registeredAt: string;
  /** Why it was registered more than `RECEIPT_REASON_AFTER` after receipt (a code); null when it was not late. */
  lateRegistration: { reason: string } | null;
  /** registered → acute-check-done → with-crisis-function (acute) → assessed, as triage reports it. */
  status: 'registered' | 'acute-check-done' | 'with-crisis-function' | 'assessed';
  assessmentOutcome: string | null;
  channel: string | null;
  region: { vtRegion: string | null; veiligheidsregio: string | null; gemeenteCode: string };
  /** What radar found (references only) and what the call handler decided (docs/adr/0018; null for meldingen registered before). */
  radar: { classification: string | null; references: unknown[]; decision: unknown };
  acuteIndicated: boolean;
  /** The persons by id and role; an erased person (docs/adr/0007) says so, with the date. Names stay out. */
  persons: { personId: string; role: string; erased: boolean; erasedAt: string | null }[];
  melder: { melderId: string; erased: boolean; erasedAt: string | null } | null;
}

const VIEW_FIELDS = ['meldingId', 'householdId', 'receivedAt', 'registeredAt', 'lateRegistration', 'status', 'assessmentOutcome', 'channel', 'region', 'radar', 'acuteIndicated', 'persons', 'melder'];

const SELECT_VIEW = `select melding_id as "meldingId", household_id as "householdId", received_at as "receivedAt", registered_at as "registeredAt",
         case when late_registration_reason is null then null else json_build_object('reason', late_registration_reason) end as "lateRegistration", status, assessment_outcome as "assessmentOutcome", channel,
         json_build_object('vtRegion', vt_region, 'veiligheidsregio', veiligheidsregio, 'gemeenteCode', gemeente_code) as region,
         json_build_object('classification', radar_classification, 'references', coalesce(radar_references, '[]'::jsonb), 'decision', radar_decision) as radar,
         acute_indicated as "acuteIndicated",
         (select coalesce(json_agg(json_build_object('personId', p.person_id, 'role', p.role, 'erased', p.erased_at is not null, 'erasedAt', p.erased_at) order by p.person_id), '[]'::json)
            from melding_person p where p.melding_id = melding.melding_id) as persons,
         (select json_build_object('melderId', d.melder_id, 'erased', d.erased_at is not null, 'erasedAt', d.erased_at) from melder d where d.melding_id = melding.melding_id) as melder
    from melding`;

/** Reads of case data; every one is recorded with who, when, which case and why before it is answered. */
@Roles('call-handler', 'triage', 'investigator', 'auditor', 'privacy-officer')
@ApiTags('meldingen')
@Controller('api/v1')
export class MeldingenReadController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  @Get('meldingen/:meldingId')
  @ApiDescribed('getMelding', INTAKE_OPERATIONS.getMelding)
  async one(@Param('meldingId', new ParseUUIDPipe()) meldingId: string, @AccessPurpose() purpose: ReadPurpose, @CurrentActor() actor: string, @CurrentUser() user: Principal): Promise<MeldingView> {
    return this.dataSource.transaction(async (manager) => {
      const [melding] = (await manager.query(`${SELECT_VIEW} where melding_id = $1`, [meldingId])) as MeldingView[];
      if (!melding) throw new NotFoundException({ statusCode: 404, error: 'melding-not-found', message: `no melding ${meldingId}` });
      assertRegion(user, vtRegionOf(melding.region));
      await recordAccess(manager, this.outbox, 'intake', { householdId: melding.householdId, subject: { kind: 'melding', id: meldingId }, purpose, fields: VIEW_FIELDS, actor }, new Date());
      return melding;
    });
  }

  @Get('households/:householdId/meldingen')
  @ApiDescribed('getHouseholdMeldingen', INTAKE_OPERATIONS.getHouseholdMeldingen)
  async ofHousehold(@Param('householdId', new ParseUUIDPipe()) householdId: string, @AccessPurpose() purpose: ReadPurpose, @CurrentActor() actor: string, @CurrentUser() user: Principal): Promise<{ householdId: string; meldingen: MeldingView[] }> {
    return this.dataSource.transaction(async (manager) => {
      const meldingen = (await manager.query(`${SELECT_VIEW} where household_id = $1 order by received_at, registered_at`, [householdId])) as MeldingView[];
      if (meldingen.length === 0) throw new NotFoundException({ statusCode: 404, error: 'household-not-found', message: `no meldingen for household ${householdId}` });
      // A household known in several VT regions is readable by whoever covers one of them.
      const regions = [...new Set(meldingen.map((m) => vtRegionOf(m.region)))];
      if (!regions.some((region) => coversRegion(user, region))) assertRegion(user, regions[0] ?? '');
      await recordAccess(manager, this.outbox, 'intake', { householdId, subject: { kind: 'household', id: householdId }, purpose, fields: VIEW_FIELDS, actor }, new Date());
      return { householdId, meldingen };
    });
  }
}
