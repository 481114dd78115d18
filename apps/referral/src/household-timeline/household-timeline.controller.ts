import { ApiTags } from '@nestjs/swagger';
import { Controller, Get, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import { assertRegion, CurrentActor, CurrentUser, NATIONAL_SCOPE, Principal, Roles } from '@vt/auth';
import { defaultVtRegionIndex } from '@vt/reference-data';
import { AccessPurpose, ApiHouseholdTimeline, HouseholdTimeline, HouseholdTimelines, ReadPurpose } from '@vt/runtime';

/**
 * Referral's part of the household's timeline (docs/adr/0034, 0039): the events referral published for it
 * (referrals issued, what partners answered as referral recorded it, re-routes, routing failures, terugkoppeling,
 * reads), built with the replay's code. Investigators and auditors of the household's VT region: the one its
 * melding was routed to, else its gemeente's or island's in the dated table; the read is recorded.
 */
@Roles('investigator', 'auditor')
@ApiTags('household')
@Controller('api/v1/households')
export class HouseholdTimelineController {
  constructor(private readonly timelines: HouseholdTimelines) {}

  @Get(':householdId/timeline')
  @ApiHouseholdTimeline('referral', 'Referral knows no melding of this household (`household-not-found`).')
  show(@Param('householdId', new ParseUUIDPipe()) householdId: string, @AccessPurpose() purpose: ReadPurpose, @CurrentActor() actor: string, @CurrentUser() user: Principal): Promise<HouseholdTimeline> {
    return this.timelines.read(householdId, { purpose, actor }, async (manager) => {
      const [row] = (await manager.query('select region_code, gemeente_code, island from household where household_id = $1', [householdId])) as { region_code: string | null; gemeente_code: string | null; island: string | null }[];
      if (!row) throw new NotFoundException({ statusCode: 404, error: 'household-not-found', message: `referral knows no melding of household ${householdId}` });
      assertRegion(user, householdVtRegion(row));
    });
  }
}

/** The household's VT region as referral knows it; without one (a record from before regions), only a national token (`*`) reads it. */
export function householdVtRegion(row: { region_code: string | null; gemeente_code: string | null; island: string | null }): string {
  const index = defaultVtRegionIndex();
  return row.region_code ?? (row.gemeente_code ? index.regionOfGemeente(row.gemeente_code) : row.island ? index.deskOfIsland(row.island as never) : undefined)?.code ?? NATIONAL_SCOPE;
}
