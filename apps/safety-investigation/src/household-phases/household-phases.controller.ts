import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Body, Controller, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentActor, CurrentUser, Principal, Roles } from '@vt/auth';
import { conditionsRouteProblems, householdMinors, HouseholdState, phaseTransition } from '@vt/household-domain';
import { SealedText } from '../free-text/sealed-text';
import { HouseholdAccess } from '../household-record/household-access';
import { HouseholdView } from '../household-record/household-view';
import { unprocessable } from '../household-record/unprocessable';
import { MonitoringPlanner } from '../monitoring/monitoring-planner';
import { CommandOutcome, HouseholdCommandHandler } from './household-command.handler';
import { ConfirmImmediateSafetyDto, MonitoringResultDto, PhaseTransitionDto, SafetyConditionsDto } from './household-phases.dto';

/**
 * The household phase workflow over HTTP. Each route turns its body into a command; the decider decides.
 * Free text in a body is sealed (ADR 0020) in the command's transaction, before the decider sees it: how a
 * person's immediate safety was realised under that person's key, everything else under the household's.
 * Who acts is the token's subject; each route is for the household's own VT region (or national scope) only.
 */
@Roles('investigator')
@ApiTags('household')
@Controller('api/v1/households/:householdId')
export class HouseholdPhasesController {
  constructor(
    private readonly handler: HouseholdCommandHandler,
    private readonly monitoring: MonitoringPlanner,
    private readonly texts: SealedText,
    private readonly access: HouseholdAccess,
  ) {}

  @Post('persons/:personId/immediate-safety-confirmations')
  @ApiOperation({ summary: 'Confirm a person\'s immediate safety (directe veiligheid).' })
  async confirmImmediateSafety(
    @Param('householdId', new ParseUUIDPipe()) householdId: string,
    @Param('personId', new ParseUUIDPipe()) personId: string,
    @Body() dto: ConfirmImmediateSafetyDto,
    @CurrentActor() actor: string,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<HouseholdView> {
    await this.access.assertHousehold(user, householdId);
    return answer(
      response,
      await this.handler.execute(householdId, async (state, manager) => {
        // Under the person's key; for someone not on the record (refused before the text is used) nothing is sealed
        // for a stranger's id: the text goes under the household's key and is discarded with the refusal.
        const known = state.status === 'recorded' && state.persons.some((person) => person.personId === personId);
        return { type: 'ConfirmImmediateSafety', personId, how: await this.texts.seal(known ? personId : householdId, dto.how, manager), actor };
      }),
    );
  }

  @Post('phase-transitions')
  @ApiOperation({ summary: 'Move the household to another phase; refused (and recorded as HouseholdPhaseChangeRefused) when the facts it needs are missing.' })
  async transition(
    @Param('householdId', new ParseUUIDPipe()) householdId: string,
    @Body() dto: PhaseTransitionDto,
    @CurrentActor() actor: string,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<HouseholdView> {
    await this.access.assertHousehold(user, householdId);
    return answer(response, await this.handler.execute(householdId, async (_state, manager) => phaseTransition(dto.to, await this.texts.seal(householdId, dto.reason, manager), actor)));
  }

  @Post('safety-conditions')
  @ApiOperation({ summary: 'Record the safety conditions agreed with the household and to whom they are handed over.' })
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
      await this.handler.execute(householdId, async (state, manager) => {
        // Conditions of a household without a minor do not go to a route for children (docs/adr/0022): a 422, nothing stored.
        const problems = conditionsRouteProblems(dto.handedOverTo, householdMinors(state));
        if (problems.length > 0) throw unprocessable(problems);
        const monitoring = monitoringFor(state);
        const conditions = await this.texts.sealList(householdId, dto.conditions, manager);
        return { type: 'RecordSafetyConditions', conditions, conditionCount: dto.conditions.length, handedOverTo: dto.handedOverTo, ...(monitoring ? { monitoring } : {}), actor };
      }),
    );
  }

  @Post('monitoring-results')
  @ApiOperation({ summary: 'Record a monitoring result (a check-in on the household\'s safety).' })
  async recordMonitoringResult(
    @Param('householdId', new ParseUUIDPipe()) householdId: string,
    @Body() dto: MonitoringResultDto,
    @CurrentActor() actor: string,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<HouseholdView> {
    await this.access.assertHousehold(user, householdId);
    return answer(
      response,
      await this.handler.execute(householdId, async (_state, manager) => ({
        type: 'RecordMonitoringResult',
        stable: dto.stable,
        reason: await this.texts.seal(householdId, dto.reason, manager),
        ...(dto.followUp ? { followUp: dto.followUp } : {}),
        actor,
      })),
    );
  }
}

function answer(response: Response, outcome: CommandOutcome): HouseholdView {
  response.status(outcome.recorded ? 201 : 200);
  return outcome.household;
}
