import { Body, Controller, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentActor, CurrentUser, Principal, Roles } from '@vt/auth';
import { HouseholdState, phaseTransition } from '@vt/household-domain';
import { HouseholdAccess } from '../household-record/household-access';
import { HouseholdView } from '../household-record/household-view';
import { MonitoringPlanner } from '../monitoring/monitoring-planner';
import { CommandOutcome, HouseholdCommandHandler } from './household-command.handler';
import { ConfirmImmediateSafetyDto, MonitoringResultDto, PhaseTransitionDto, SafetyConditionsDto } from './household-phases.dto';

/**
 * The household phase workflow over HTTP. Each route turns its body into a command; the decider decides.
 * Who acts is the token's subject; each route is for the household's own VT region (or national scope) only.
 */
@Roles('investigator')
@Controller('api/v1/households/:householdId')
export class HouseholdPhasesController {
  constructor(
    private readonly handler: HouseholdCommandHandler,
    private readonly monitoring: MonitoringPlanner,
    private readonly access: HouseholdAccess,
  ) {}

  @Post('persons/:personId/immediate-safety-confirmations')
  async confirmImmediateSafety(
    @Param('householdId', new ParseUUIDPipe()) householdId: string,
    @Param('personId', new ParseUUIDPipe()) personId: string,
    @Body() dto: ConfirmImmediateSafetyDto,
    @CurrentActor() actor: string,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<HouseholdView> {
    await this.access.assertHousehold(user, householdId);
    return answer(response, await this.handler.execute(householdId, { type: 'ConfirmImmediateSafety', personId, how: dto.how, actor }));
  }

  @Post('phase-transitions')
  async transition(
    @Param('householdId', new ParseUUIDPipe()) householdId: string,
    @Body() dto: PhaseTransitionDto,
    @CurrentActor() actor: string,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<HouseholdView> {
    await this.access.assertHousehold(user, householdId);
    return answer(response, await this.handler.execute(householdId, phaseTransition(dto.to, dto.reason, actor)));
  }

  @Post('safety-conditions')
  async recordSafetyConditions(
    @Param('householdId', new ParseUUIDPipe()) householdId: string,
    @Body() dto: SafetyConditionsDto,
    @CurrentActor() actor: string,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<HouseholdView> {
    await this.access.assertHousehold(user, householdId);
    const now = new Date();
    const monitoringFor = (state: HouseholdState) => this.monitoring.plan(state, now);
    return answer(
      response,
      await this.handler.execute(householdId, (state) => {
        const monitoring = monitoringFor(state);
        return { type: 'RecordSafetyConditions', conditions: dto.conditions, handedOverTo: dto.handedOverTo, ...(monitoring ? { monitoring } : {}), actor };
      }),
    );
  }

  @Post('monitoring-results')
  async recordMonitoringResult(
    @Param('householdId', new ParseUUIDPipe()) householdId: string,
    @Body() dto: MonitoringResultDto,
    @CurrentActor() actor: string,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<HouseholdView> {
    await this.access.assertHousehold(user, householdId);
    return answer(response, await this.handler.execute(householdId, { type: 'RecordMonitoringResult', stable: dto.stable, reason: dto.reason, ...(dto.followUp ? { followUp: dto.followUp } : {}), actor }));
  }
}

function answer(response: Response, outcome: CommandOutcome): HouseholdView {
  response.status(outcome.recorded ? 201 : 200);
  return outcome.household;
}
