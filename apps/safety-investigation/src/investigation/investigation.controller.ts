import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CurrentActor, CurrentUser, Principal, Roles } from '@vt/auth';
import { AccessPurpose, ReadPurpose } from '@vt/runtime';
import { HouseholdAccess } from '../household-record/household-access';
import { ConclusionDto, FindingDto, PlanStepDto } from './investigation.dto';
import { InvestigationService } from './investigation.service';

const LIST_FIELDS = ['investigationId', 'status', 'basedOn', 'openedAt', 'concludedAt'];
const INVESTIGATION_FIELDS = ['investigationId', 'householdId', 'status', 'basedOn', 'openedAt', 'steps', 'findings', 'conclusion'];

/**
 * The integral investigation over HTTP, for investigators. Bad bodies are 400s, broken rules 422s naming the
 * field. Every route is for the household's own VT region (or national scope) only; reads are recorded on
 * `vt.audit.access.v1` with their purpose.
 */
@ApiTags('investigation')
@Controller('api/v1')
export class InvestigationController {
  constructor(
    private readonly investigations: InvestigationService,
    private readonly access: HouseholdAccess,
  ) {}

  @Roles('investigator', 'triage', 'auditor')
  @Get('households/:householdId/investigations')
  @ApiOperation({ summary: 'The household\'s investigations; the read is recorded.' })
  ofHousehold(@Param('householdId', new ParseUUIDPipe()) householdId: string, @AccessPurpose() purpose: ReadPurpose, @CurrentActor() actor: string, @CurrentUser() user: Principal) {
    return this.access.read(
      async (manager) => {
        await this.access.assertHousehold(user, householdId, manager);
        return householdId;
      },
      { purpose, fields: LIST_FIELDS, actor },
      () => this.investigations.ofHousehold(householdId),
    );
  }

  @Roles('investigator', 'auditor')
  @Get('investigations/:investigationId')
  @ApiOperation({ summary: 'One investigation with its steps, findings and conclusion; the read is recorded.' })
  read(@Param('investigationId', new ParseUUIDPipe()) investigationId: string, @AccessPurpose() purpose: ReadPurpose, @CurrentActor() actor: string, @CurrentUser() user: Principal) {
    return this.access.read((manager) => this.access.assertInvestigation(user, investigationId, manager), { purpose, fields: INVESTIGATION_FIELDS, actor }, () => this.investigations.read(investigationId));
  }

  @Roles('investigator')
  @Post('investigations/:investigationId/steps')
  @ApiOperation({ summary: 'Plan a step of the investigation.' })
  async planStep(@Param('investigationId', new ParseUUIDPipe()) investigationId: string, @Body() dto: PlanStepDto, @CurrentActor() actor: string, @CurrentUser() user: Principal) {
    await this.access.assertInvestigation(user, investigationId);
    return this.investigations.planStep(investigationId, dto, actor);
  }

  @Roles('investigator')
  @Post('investigations/:investigationId/steps/:stepId/completion')
  @ApiOperation({ summary: 'Complete a planned step.' })
  async completeStep(@Param('investigationId', new ParseUUIDPipe()) investigationId: string, @Param('stepId', new ParseUUIDPipe()) stepId: string, @CurrentActor() actor: string, @CurrentUser() user: Principal) {
    await this.access.assertInvestigation(user, investigationId);
    return this.investigations.completeStep(investigationId, stepId, actor);
  }

  @Roles('investigator')
  @Post('investigations/:investigationId/findings')
  @ApiOperation({ summary: 'Record a finding, encrypted under the key of the person it is about.' })
  async recordFinding(@Param('investigationId', new ParseUUIDPipe()) investigationId: string, @Body() dto: FindingDto, @CurrentActor() actor: string, @CurrentUser() user: Principal) {
    await this.access.assertInvestigation(user, investigationId);
    return this.investigations.recordFinding(investigationId, dto, actor);
  }

  @Roles('investigator')
  @Post('investigations/:investigationId/conclusion')
  @ApiOperation({ summary: 'Conclude the investigation: unsafety found or not, risks, safety conditions, outcome and the partner types to hand over to.' })
  async conclude(@Param('investigationId', new ParseUUIDPipe()) investigationId: string, @Body() dto: ConclusionDto, @CurrentActor() actor: string, @CurrentUser() user: Principal) {
    await this.access.assertInvestigation(user, investigationId);
    return this.investigations.conclude(investigationId, dto, actor);
  }
}
