import { Module } from '@nestjs/common';
import { TOPICS } from '@vt/contracts';
import { ApiDocument, ServiceModule } from '@vt/runtime';
import { CRISIS_TRIAGE_API } from './openapi/crisis-triage.api';
import { CreateAcuteChecks1764300000200 } from './migrations/1764300000200-create-acute-checks';
import { CreateCrisisAndAssessments1764300000210 } from './migrations/1764300000210-create-crisis-and-assessments';
import { IslandHouseholds1764300000230 } from './migrations/1764300000230-island-households';
import { AssessmentsFromMonitoring1764300000240 } from './migrations/1764300000240-assessments-from-monitoring';
import { RequestsJoiningOpenAssessments1764300000250 } from './migrations/1764300000250-requests-joining-open-assessments';
import { InformingPerPerson1764300000260 } from './migrations/1764300000260-informing-per-person';
import { RadarLinks1764300000263 } from './migrations/1764300000263-radar-links';
import { AssessmentHasMinor1764300000283 } from './migrations/1764300000283-assessment-has-minor';
import { VtRegionCodes1764300000285 } from './migrations/1764300000285-vt-region-codes';
import { FreeTextOnlyEncrypted1764300000290 } from './migrations/1764300000290-free-text-only-encrypted';
import { AcuteCheckHandlers } from './acute-check/acute-check.handlers';
import { AssessmentController } from './assessment/assessment.controller';
import { NewAssessmentHandlers } from './assessment/new-assessment.handlers';
import { ClockPlanner } from './clocks/clock-planner';
import { DeadlinesController } from './clocks/deadlines.controller';
import { InvestigationClockHandlers } from './clocks/investigation-clock.handlers';
import { CrisisController } from './crisis/crisis.controller';
import { InformingClockMigration } from './informing/informing-clock-migration';
import { InformingController } from './informing/informing.controller';
import { Regions } from './reference/regions';

@Module({
  imports: [
    ServiceModule.forRoot({
      service: 'crisis-triage',
      httpPort: 3002,
      databaseSchema: 'crisis_triage',
      migrations: [CreateAcuteChecks1764300000200, CreateCrisisAndAssessments1764300000210, IslandHouseholds1764300000230, AssessmentsFromMonitoring1764300000240, RequestsJoiningOpenAssessments1764300000250, InformingPerPerson1764300000260, RadarLinks1764300000263, AssessmentHasMinor1764300000283, VtRegionCodes1764300000285, FreeTextOnlyEncrypted1764300000290],
      produces: [TOPICS.triageAssessments, TOPICS.triageDeadlines, TOPICS.auditAccess],
      consumers: [{ groupId: 'crisis-triage', topics: [TOPICS.meldingen, TOPICS.investigations, TOPICS.householdPhases], handlers: [AcuteCheckHandlers, InvestigationClockHandlers, NewAssessmentHandlers] }],
      timers: true,
      personalData: true,
    }),
  ],
  controllers: [CrisisController, AssessmentController, DeadlinesController, InformingController],
  providers: [AcuteCheckHandlers, InvestigationClockHandlers, NewAssessmentHandlers, ClockPlanner, Regions, InformingClockMigration],
})
@ApiDocument(CRISIS_TRIAGE_API)
export class CrisisTriageModule {}
