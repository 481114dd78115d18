import { ApiTags } from '@nestjs/swagger';
import { Controller, Get, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import { TOPICS } from '@vt/contracts';
import { assertRegion, CurrentActor, CurrentUser, Principal, Roles } from '@vt/auth';
import { AccessPurpose, ApiHouseholdTimeline, HouseholdRecords, HouseholdTimeline, HouseholdTimelines, ReadPurpose } from '@vt/runtime';

/**
 * Shelter placement's part of the household's timeline (docs/adr/0034, 0039, 0040): the records it published about
 * the household's placements on `vt.shelter.placements.v1` (requests, offers and answers, escalations, cancellations,
 * in-, door- and uitstroom) and the reads it recorded, built with the replay's code. The record is keyed by placement
 * id, so the household's records are those keyed by its placements' ids on the record topic, and its reads (keyed by
 * the household) on `vt.audit.access.v1`; a shelter's own topic and capacity reports are no part of it, as in
 * `vt audit replay`. Investigators and auditors of the household's VT region: the home region of its placements.
 */
@Roles('investigator', 'auditor')
@ApiTags('household')
@Controller('api/v1/households')
export class HouseholdTimelineController {
  constructor(private readonly timelines: HouseholdTimelines) {}

  @Get(':householdId/timeline')
  @ApiHouseholdTimeline(
    'shelter-placement',
    'Shelter placement knows no placement of this household (`household-not-found`).',
    'its outbox rows of the household: the records keyed by the ids of its placements on `vt.shelter.placements.v1`, and the reads recorded keyed by the household',
  )
  show(@Param('householdId', new ParseUUIDPipe()) householdId: string, @AccessPurpose() purpose: ReadPurpose, @CurrentActor() actor: string, @CurrentUser() user: Principal): Promise<HouseholdTimeline> {
    return this.timelines.read(householdId, { purpose, actor }, async (manager): Promise<HouseholdRecords> => {
      const rows = (await manager.query('select placement_id, home_region from placement where household_id = $1 order by requested_at, placement_id', [householdId])) as { placement_id: string; home_region: string }[];
      if (rows.length === 0) throw new NotFoundException({ statusCode: 404, error: 'household-not-found', message: `shelter-placement knows no placement of household ${householdId}` });
      // The household's VT region is its placements' home region; the caller covers each one named.
      for (const region of new Set(rows.map((row) => row.home_region))) assertRegion(user, region);
      return { keys: [householdId, ...rows.map((row) => row.placement_id)], topics: [TOPICS.shelterPlacements, TOPICS.auditAccess] };
    });
  }
}
