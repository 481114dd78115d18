import { ApiTags } from '@nestjs/swagger';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { CurrentActor, CurrentUser, Principal, Roles } from '@vt/auth';
import { AccessPurpose, ApiHouseholdTimeline, HouseholdTimeline, HouseholdTimelines, ReadPurpose } from '@vt/runtime';
import { HouseholdAccess } from '../household-record/household-access';

/**
 * The household's timeline as the auditor's replay shows it, from this service's own published facts
 * (docs/adr/0034, 0039; the mechanism is `HouseholdTimelines` of `@vt/runtime`, the same in every service):
 * investigators and auditors of the household's VT region only, every read recorded on `vt.audit.access.v1`.
 */
@Roles('investigator', 'auditor')
@ApiTags('household')
@Controller('api/v1/households')
export class HouseholdTimelineController {
  constructor(
    private readonly access: HouseholdAccess,
    private readonly timelines: HouseholdTimelines,
  ) {}

  @Get(':householdId/timeline')
  @ApiHouseholdTimeline('safety-investigation', 'No household record with this id (`household-not-found`).')
  show(@Param('householdId', new ParseUUIDPipe()) householdId: string, @AccessPurpose() purpose: ReadPurpose, @CurrentActor() actor: string, @CurrentUser() user: Principal): Promise<HouseholdTimeline> {
    return this.timelines.read(householdId, { purpose, actor }, (manager) => this.access.assertHousehold(user, householdId, manager));
  }
}
