import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CurrentActor, CurrentUser, Principal, Roles } from '@vt/auth';
import { AccessPurpose, ReadPurpose } from '@vt/runtime';
import { HouseholdAccess } from '../household-record/household-access';
import { ExtendHuisverbodDto, ImposeHuisverbodDto } from './huisverbod.dto';
import { HuisverbodService } from './huisverbod.service';

const LIST_FIELDS = ['huisverbodId', 'householdId', 'personId', 'burgemeesterOf', 'imposedAt', 'endsAt', 'maxEndsAt', 'status'];

/**
 * Recording a tijdelijk huisverbod the burgemeester imposed, and its extensions; for the household's own VT
 * region (or national scope) only. Reading a household's huisverboden is recorded on `vt.audit.access.v1`.
 */
@ApiTags('huisverbod')
@Controller('api/v1')
export class HuisverbodController {
  constructor(
    private readonly huisverboden: HuisverbodService,
    private readonly access: HouseholdAccess,
  ) {}

  @Roles('investigator', 'triage')
  @Post('households/:householdId/huisverboden')
  @ApiOperation({ summary: 'Record a huisverbod imposed on a person of the household.' })
  async impose(@Param('householdId', new ParseUUIDPipe()) householdId: string, @Body() dto: ImposeHuisverbodDto, @CurrentActor() actor: string, @CurrentUser() user: Principal) {
    await this.access.assertHousehold(user, householdId);
    return this.huisverboden.impose(householdId, dto, actor);
  }

  @Roles('investigator', 'triage')
  @Post('huisverboden/:huisverbodId/extensions')
  @ApiOperation({ summary: 'Record the extension of a huisverbod, with the reason.' })
  async extend(@Param('huisverbodId', new ParseUUIDPipe()) huisverbodId: string, @Body() dto: ExtendHuisverbodDto, @CurrentActor() actor: string, @CurrentUser() user: Principal) {
    await this.access.assertHuisverbod(user, huisverbodId);
    return this.huisverboden.extend(huisverbodId, dto, actor);
  }

  @Roles('investigator', 'triage', 'auditor')
  @Get('households/:householdId/huisverboden')
  @ApiOperation({ summary: 'The household\'s huisverboden; the read is recorded.' })
  ofHousehold(@Param('householdId', new ParseUUIDPipe()) householdId: string, @AccessPurpose() purpose: ReadPurpose, @CurrentActor() actor: string, @CurrentUser() user: Principal) {
    return this.access.read(
      async (manager) => {
        await this.access.assertHousehold(user, householdId, manager);
        return householdId;
      },
      { purpose, fields: LIST_FIELDS, actor },
      () => this.huisverboden.ofHousehold(householdId),
    );
  }
}
