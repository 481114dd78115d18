import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { CurrentActor, CurrentUser, Principal, Roles } from '@vt/auth';
import { AccessPurpose, ApiProblem, ReadPurpose } from '@vt/runtime';
import { HouseholdAccess } from '../household-record/household-access';
import { HouseholdTimeline, householdTimeline, OutboxRow } from './household-timeline';

const TIMELINE_FIELDS = ['timeline'];

/**
 * The household's timeline as the auditor's replay shows it, from this service's own published facts
 * (docs/adr/0034): investigators and auditors of the household's VT region only, every read recorded on
 * `vt.audit.access.v1` like the other reads.
 */
@Roles('investigator', 'auditor')
@ApiTags('household')
@Controller('api/v1/households')
export class HouseholdTimelineController {
  constructor(private readonly access: HouseholdAccess) {}

  @Get(':householdId/timeline')
  @ApiOperation({
    summary:
      'The household\'s timeline built with the replay\'s code (`@vt/audit` buildTimeline and renderTimelineText) from the events safety-investigation published for it; free text shows as [encrypted]; the read is recorded.',
  })
  @ApiProblem(404, 'No household record with this id (`household-not-found`).')
  async show(@Param('householdId', new ParseUUIDPipe()) householdId: string, @AccessPurpose() purpose: ReadPurpose, @CurrentActor() actor: string, @CurrentUser() user: Principal): Promise<HouseholdTimeline> {
    return this.access.read(
      async (manager) => {
        await this.access.assertHousehold(user, householdId, manager);
        return householdId;
      },
      { purpose, fields: TIMELINE_FIELDS, actor },
      async (manager) => {
        const rows = (await manager.query('select position::text as position, topic, payload from outbox where message_key = $1 order by position', [householdId])) as OutboxRow[];
        return householdTimeline(householdId, rows);
      },
    );
  }
}
