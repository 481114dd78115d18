import { Controller, Get, Inject, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertRegion, coversRegion, CurrentActor, CurrentUser, Principal, Roles } from '@vt/auth';
import { DATA_SOURCE, Outbox } from '@vt/runtime';
import { AccessPurpose, recordAccess } from './access-audit';

/** What intake tells about a melding: where it is, where it was routed, what radar found. Names stay out. */
interface MeldingView {
  meldingId: string;
  householdId: string;
  receivedAt: string;
  /** registered → acute-check-done → with-crisis-function (acute) → assessed, as triage reports it. */
  status: 'registered' | 'acute-check-done' | 'with-crisis-function' | 'assessed';
  assessmentOutcome: string | null;
  channel: string | null;
  region: { vtRegion: string | null; veiligheidsregio: string | null; gemeenteCode: string };
  radar: { classification: string | null; references: unknown[] };
  acuteIndicated: boolean;
}

const VIEW_FIELDS = ['meldingId', 'householdId', 'receivedAt', 'status', 'assessmentOutcome', 'channel', 'region', 'radar', 'acuteIndicated'];

const SELECT_VIEW = `select melding_id as "meldingId", household_id as "householdId", received_at as "receivedAt", status, assessment_outcome as "assessmentOutcome", channel,
         json_build_object('vtRegion', vt_region, 'veiligheidsregio', veiligheidsregio, 'gemeenteCode', gemeente_code) as region,
         json_build_object('classification', radar_classification, 'references', coalesce(radar_references, '[]'::jsonb)) as radar,
         acute_indicated as "acuteIndicated"
    from melding`;

/** Reads of case data; every one is recorded with who, when, which case and why before it is answered. */
@Roles('call-handler', 'triage', 'investigator', 'auditor')
@Controller('api/v1')
export class MeldingenReadController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  @Get('meldingen/:meldingId')
  async one(@Param('meldingId', new ParseUUIDPipe()) meldingId: string, @AccessPurpose() purpose: string, @CurrentActor() actor: string, @CurrentUser() user: Principal): Promise<MeldingView> {
    return this.dataSource.transaction(async (manager) => {
      const [melding] = (await manager.query(`${SELECT_VIEW} where melding_id = $1`, [meldingId])) as MeldingView[];
      if (!melding) throw new NotFoundException({ statusCode: 404, error: 'melding-not-found', message: `no melding ${meldingId}` });
      assertRegion(user, melding.region.veiligheidsregio ?? melding.region.vtRegion ?? '');
      await recordAccess(manager, this.outbox, { householdId: melding.householdId, subject: { kind: 'melding', id: meldingId }, purpose, fields: VIEW_FIELDS, actor }, new Date());
      return melding;
    });
  }

  @Get('households/:householdId/meldingen')
  async ofHousehold(@Param('householdId', new ParseUUIDPipe()) householdId: string, @AccessPurpose() purpose: string, @CurrentActor() actor: string, @CurrentUser() user: Principal): Promise<{ householdId: string; meldingen: MeldingView[] }> {
    return this.dataSource.transaction(async (manager) => {
      const meldingen = (await manager.query(`${SELECT_VIEW} where household_id = $1 order by received_at`, [householdId])) as MeldingView[];
      if (meldingen.length === 0) throw new NotFoundException({ statusCode: 404, error: 'household-not-found', message: `no meldingen for household ${householdId}` });
      // A household known in several regions is readable by whoever covers one of them.
      const regions = [...new Set(meldingen.map((m) => m.region.veiligheidsregio ?? m.region.vtRegion ?? ''))];
      if (!regions.some((region) => coversRegion(user, region))) assertRegion(user, regions[0] ?? '');
      await recordAccess(manager, this.outbox, { householdId, subject: { kind: 'household', id: householdId }, purpose, fields: VIEW_FIELDS, actor }, new Date());
      return { householdId, meldingen };
    });
  }
}
