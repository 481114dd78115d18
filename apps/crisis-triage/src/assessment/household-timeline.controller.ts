import { ApiTags } from '@nestjs/swagger';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { CurrentActor, CurrentUser, Principal, Roles } from '@vt/auth';
import { AccessPurpose, ApiHouseholdTimeline, HouseholdTimeline, HouseholdTimelines, ReadPurpose } from '@vt/runtime';
import { Regions } from '../reference/regions';

/**
 * Crisis-triage's part of the household's timeline (docs/adr/0034, 0039): the events crisis-triage published for
 * it (acute checks, assessments, clocks, reads), built with the replay's code. Investigators and auditors of a VT
 * region the household is known in (`Regions.assertHouseholdAccess`, like its deadlines); the read is recorded.
 */
@Roles('investigator', 'auditor')
@ApiTags('assessment')
@Controller('api/v1/households')
export class HouseholdTimelineController {
  constructor(
    private readonly timelines: HouseholdTimelines,
    private readonly regions: Regions,
  ) {}

  @Get(':householdId/timeline')
  @ApiHouseholdTimeline('crisis-triage', 'Crisis-triage knows no melding of this household (`household-not-found`).')
  show(@Param('householdId', new ParseUUIDPipe()) householdId: string, @AccessPurpose() purpose: ReadPurpose, @CurrentActor() actor: string, @CurrentUser() user: Principal): Promise<HouseholdTimeline> {
    return this.timelines.read(householdId, { purpose, actor }, (manager) => this.regions.assertHouseholdAccess(manager, user, householdId));
  }
}
