import { Module } from '@nestjs/common';
import { TOPICS } from '@vt/contracts';
import { ServiceModule } from '@vt/runtime';
import { CreateHouseholds1764300000300 } from './migrations/1764300000300-create-households';
import { HouseholdEvents1764300000310 } from './migrations/1764300000310-household-events';
import { CreateInvestigations1764300000320 } from './migrations/1764300000320-create-investigations';
import { IslandHouseholds1764300000340 } from './migrations/1764300000340-island-households';
import { OpenInvestigationHandlers } from './investigation/open-investigation.handlers';
import { HouseholdRecordHandlers } from './household-record/household-record.handlers';
import { HouseholdRecordController } from './household-record/household-record.controller';
import { HouseholdPhasesController } from './household-phases/household-phases.controller';
import { HouseholdCommandHandler } from './household-phases/household-command.handler';

@Module({
  imports: [
    ServiceModule.forRoot({
      service: 'safety-investigation',
      httpPort: 3003,
      databaseSchema: 'safety_investigation',
      migrations: [CreateHouseholds1764300000300, HouseholdEvents1764300000310, CreateInvestigations1764300000320, IslandHouseholds1764300000340],
      produces: [TOPICS.householdPhases, TOPICS.investigations],
      consumers: [{ groupId: 'safety-investigation', topics: [TOPICS.triageAssessments], handlers: [HouseholdRecordHandlers, OpenInvestigationHandlers] }],
    }),
  ],
  controllers: [HouseholdRecordController, HouseholdPhasesController],
  providers: [HouseholdRecordHandlers, OpenInvestigationHandlers, HouseholdCommandHandler],
})
export class SafetyInvestigationModule {}
