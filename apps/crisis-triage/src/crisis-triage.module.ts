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
import { ViolenceSeen1764300000296 } from './migrations/1764300000296-violence-seen';
import { OutboxByHousehold1764300000297 } from './migrations/1764300000297-outbox-by-household';
import { HouseholdTimelineController } from './assessment/household-timeline.controller';
import { AcuteCheckHandlers } from './acute-check/acute-check.handlers';
import { AssessmentController } from './assessment/assessment.controller';
import { NewAssessmentHandlers } from './assessment/new-assessment.handlers';
import { ClockPlanner } from './clocks/clock-planner';
import { DeadlinesController } from './clocks/deadlines.controller';
import { InvestigationClockHandlers } from './clocks/investigation-clock.handlers';
import { CrisisController } from './crisis/crisis.controller';
import { CrisisLiveFeed } from './crisis/crisis-live.feed';
import { InformingClockMigration } from './informing/informing-clock-migration';
import { InformingController } from './informing/informing.controller';
import { Regions } from './reference/regions';
import { CRISIS_TRIAGE_GROUP } from './consumer-groups';

@Module({
  imports: [
    ServiceModule.forRoot({
      service: 'crisis-triage',
      httpPort: 3002,
      databaseSchema: 'crisis_triage',
      migrations: [CreateAcuteChecks1764300000200, CreateCrisisAndAssessments1764300000210, IslandHouseholds1764300000230, AssessmentsFromMonitoring1764300000240, RequestsJoiningOpenAssessments1764300000250, InformingPerPerson1764300000260, RadarLinks1764300000263, AssessmentHasMinor1764300000283, VtRegionCodes1764300000285, FreeTextOnlyEncrypted1764300000290, ViolenceSeen1764300000296, OutboxByHousehold1764300000297],
      produces: [TOPICS.triageAssessments, TOPICS.triageDeadlines, TOPICS.auditAccess],
      consumers: [{ groupId: CRISIS_TRIAGE_GROUP, topics: [TOPICS.meldingen, TOPICS.investigations, TOPICS.householdPhases] }],
      timers: true,
      // A clock's VT region, as the compliance report attributes it (libs/audit/src/report): the melding or request it runs for
      // (veiligheidsbeoordeling, informeren-betrokkenen), the assessment's melding (onderzoek), else the household's.
      clockRegionSql: `coalesce(
        (select s.region from safety_assessment s where s.subject_id = t.subject_id),
        (select s.region from safety_assessment s where s.assessment_id = t.subject_id),
        (select min(s.region) from safety_assessment s where s.household_id = t.household_id))`,
      personalData: true,
    }),
  ],
  controllers: [AcuteCheckHandlers, InvestigationClockHandlers, NewAssessmentHandlers, CrisisController, AssessmentController, DeadlinesController, InformingController, HouseholdTimelineController],
  providers: [ClockPlanner, Regions, InformingClockMigration, CrisisLiveFeed],
})
@ApiDocument(CRISIS_TRIAGE_API)
export class CrisisTriageModule {}
