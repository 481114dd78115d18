import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CurrentActor, Roles } from '@vt/auth';
import { ExtendHuisverbodDto, ImposeHuisverbodDto } from './huisverbod.dto';
import { HuisverbodService } from './huisverbod.service';

/** Recording a tijdelijk huisverbod the burgemeester imposed, and its extensions. */
@Controller('api/v1')
export class HuisverbodController {
  constructor(private readonly huisverboden: HuisverbodService) {}

  @Roles('investigator', 'triage')
  @Post('households/:householdId/huisverboden')
  impose(@Param('householdId', new ParseUUIDPipe()) householdId: string, @Body() dto: ImposeHuisverbodDto, @CurrentActor() actor: string) {
    return this.huisverboden.impose(householdId, dto, actor);
  }

  @Roles('investigator', 'triage')
  @Post('huisverboden/:huisverbodId/extensions')
  extend(@Param('huisverbodId', new ParseUUIDPipe()) huisverbodId: string, @Body() dto: ExtendHuisverbodDto, @CurrentActor() actor: string) {
    return this.huisverboden.extend(huisverbodId, dto, actor);
  }

  @Roles('investigator', 'triage', 'auditor')
  @Get('households/:householdId/huisverboden')
  ofHousehold(@Param('householdId', new ParseUUIDPipe()) householdId: string) {
    return this.huisverboden.ofHousehold(householdId);
  }
}
