import { ApiTags } from '@nestjs/swagger';
import { Controller, Get, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import { assertRegion, coversRegion, CurrentActor, CurrentUser, Principal, Roles } from '@vt/auth';
import { AccessPurpose, ApiHouseholdTimeline, HouseholdTimeline, HouseholdTimelines, ReadPurpose } from '@vt/runtime';
import { vtRegionOf } from './vt-region-of';

/**
 * Intake's part of the household's timeline (docs/adr/0034, 0039): the events intake published for it
 * (`MeldingReceived`, registrations, reads), built with the replay's code. Investigators and auditors of a VT
 * region the household's meldingen were routed to, like the household's meldingen; the read is recorded.
 */
@Roles('investigator', 'auditor')
@ApiTags('meldingen')
@Controller('api/v1/households')
export class HouseholdTimelineController {
  constructor(private readonly timelines: HouseholdTimelines) {}

  @Get(':householdId/timeline')
  @ApiHouseholdTimeline('intake', 'Intake has no melding of this household (`household-not-found`).')
  show(@Param('householdId', new ParseUUIDPipe()) householdId: string, @AccessPurpose() purpose: ReadPurpose, @CurrentActor() actor: string, @CurrentUser() user: Principal): Promise<HouseholdTimeline> {
    return this.timelines.read(householdId, { purpose, actor }, async (manager) => {
      const rows = (await manager.query('select distinct vt_region as "vtRegion", gemeente_code as "gemeenteCode" from melding where household_id = $1', [householdId])) as { vtRegion: string | null; gemeenteCode: string | null }[];
      if (rows.length === 0) throw new NotFoundException({ statusCode: 404, error: 'household-not-found', message: `no meldingen for household ${householdId}` });
      // A household known in several VT regions is readable by whoever covers one of them.
      const regions = [...new Set(rows.map(vtRegionOf))];
      if (!regions.some((region) => coversRegion(user, region))) assertRegion(user, regions[0] ?? '');
    });
  }
}
