import { Module } from '@nestjs/common';
import { TOPICS } from '@vt/contracts';
import { ApiDocument, ServiceModule } from '@vt/runtime';
import { SAFETY_INVESTIGATION_API } from './openapi/safety-investigation.api';
import { CreateHouseholds1764300000300 } from './migrations/1764300000300-create-households';
import { HouseholdEvents1764300000310 } from './migrations/1764300000310-household-events';
import { CreateInvestigations1764300000320 } from './migrations/1764300000320-create-investigations';
import { IslandHouseholds1764300000340 } from './migrations/1764300000340-island-households';
import { InvestigationContent1764300000350 } from './migrations/1764300000350-investigation-content';
import { HouseholdReferrals1764300000360 } from './migrations/1764300000360-household-referrals';
import { FreeTextSealed1764300000370 } from './migrations/1764300000370-free-text-sealed';
import { HouseholdVtRegion1764300000385 } from './migrations/1764300000385-household-vt-region';
import { OutboxByHousehold1764300000392 } from './migrations/1764300000392-outbox-by-household';
import { HouseholdTimelineController } from './household-timeline/household-timeline.controller';
import { SealedText } from './free-text/sealed-text';
import { PartnerSafetyConditionsController } from './partner/partner-safety-conditions.controller';
import { PartnerSafetyConditionsReader } from './partner/partner-safety-conditions';
import { ReferralAnswerHandlers } from './referral-answers/referral-answer.handlers';
import { OpenInvestigationHandlers } from './investigation/open-investigation.handlers';
import { HouseholdRecordHandlers } from './household-record/household-record.handlers';
import { HouseholdRecordController } from './household-record/household-record.controller';
import { HouseholdAccess } from './household-record/household-access';
import { HouseholdPhasesController } from './household-phases/household-phases.controller';
import { HouseholdCommandHandler } from './household-phases/household-command.handler';
import { InvestigationController } from './investigation/investigation.controller';
import { InvestigationService } from './investigation/investigation.service';
import { HuisverbodController } from './huisverbod/huisverbod.controller';
import { HuisverbodService } from './huisverbod/huisverbod.service';
import { MonitoringPlanner } from './monitoring/monitoring-planner';
import { MonitoringCheckIns } from './monitoring/monitoring-check-ins';
import { ScheduledFactRunner } from './scheduled-facts/scheduled-facts';
import { SAFETY_INVESTIGATION_GROUP } from './consumer-groups';

@Module({
  imports: [
    ServiceModule.forRoot({
      service: 'safety-investigation',
      httpPort: 3003,
      databaseSchema: 'safety_investigation',
      migrations: [
        CreateHouseholds1764300000300,
        HouseholdEvents1764300000310,
        CreateInvestigations1764300000320,
        IslandHouseholds1764300000340,
        InvestigationContent1764300000350,
        HouseholdReferrals1764300000360,
        FreeTextSealed1764300000370,
        HouseholdVtRegion1764300000385,
        OutboxByHousehold1764300000392,
      ],
      // vt.audit.access.v1: every read of a household's data (docs/adr/0017), and a partner's read of a referral's safety conditions, is a recorded disclosure.
      produces: [TOPICS.householdPhases, TOPICS.investigations, TOPICS.auditAccess],
      consumers: [{ groupId: SAFETY_INVESTIGATION_GROUP, topics: [TOPICS.triageAssessments, TOPICS.referrals] }],
      personalData: true,
    }),
  ],
  controllers: [HouseholdRecordHandlers, OpenInvestigationHandlers, ReferralAnswerHandlers, HouseholdRecordController, HouseholdTimelineController, HouseholdPhasesController, InvestigationController, HuisverbodController, PartnerSafetyConditionsController],
  providers: [
    HouseholdAccess,
    SealedText,
    PartnerSafetyConditionsReader,
    HouseholdCommandHandler,
    InvestigationService,
    HuisverbodService,
    MonitoringPlanner,
    ScheduledFactRunner,
    MonitoringCheckIns,
  ],
})
@ApiDocument(SAFETY_INVESTIGATION_API)
export class SafetyInvestigationModule {}
