import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CurrentActor, Roles } from '@vt/auth';
import { ConclusionDto, FindingDto, PlanStepDto } from './investigation.dto';
import { InvestigationService } from './investigation.service';

/** The integral investigation over HTTP, for investigators. Bad bodies are 400s, broken rules 422s naming the field. */
@Controller('api/v1')
export class InvestigationController {
  constructor(private readonly investigations: InvestigationService) {}

  @Roles('investigator', 'triage', 'auditor')
  @Get('households/:householdId/investigations')
  ofHousehold(@Param('householdId', new ParseUUIDPipe()) householdId: string) {
    return this.investigations.ofHousehold(householdId);
  }

  @Roles('investigator', 'auditor')
  @Get('investigations/:investigationId')
  read(@Param('investigationId', new ParseUUIDPipe()) investigationId: string) {
    return this.investigations.read(investigationId);
  }

  @Roles('investigator')
  @Post('investigations/:investigationId/steps')
  planStep(@Param('investigationId', new ParseUUIDPipe()) investigationId: string, @Body() dto: PlanStepDto, @CurrentActor() actor: string) {
    return this.investigations.planStep(investigationId, dto, actor);
  }

  @Roles('investigator')
  @Post('investigations/:investigationId/steps/:stepId/completion')
  completeStep(@Param('investigationId', new ParseUUIDPipe()) investigationId: string, @Param('stepId', new ParseUUIDPipe()) stepId: string, @CurrentActor() actor: string) {
    return this.investigations.completeStep(investigationId, stepId, actor);
  }

  @Roles('investigator')
  @Post('investigations/:investigationId/findings')
  recordFinding(@Param('investigationId', new ParseUUIDPipe()) investigationId: string, @Body() dto: FindingDto, @CurrentActor() actor: string) {
    return this.investigations.recordFinding(investigationId, dto, actor);
  }

  @Roles('investigator')
  @Post('investigations/:investigationId/conclusion')
  conclude(@Param('investigationId', new ParseUUIDPipe()) investigationId: string, @Body() dto: ConclusionDto, @CurrentActor() actor: string) {
    return this.investigations.conclude(investigationId, dto, actor);
  }
}
