import { Module } from '@nestjs/common';
import { TOPICS } from '@vt/contracts';
import { ServiceModule } from '@vt/runtime';
import { CreateHouseholds1764300000300 } from './migrations/1764300000300-create-households';
import { HouseholdRecordHandlers } from './household-record/household-record.handlers';
import { HouseholdRecordController } from './household-record/household-record.controller';

@Module({
  imports: [
    ServiceModule.forRoot({
      service: 'safety-investigation',
      httpPort: 3003,
      databaseSchema: 'safety_investigation',
      migrations: [CreateHouseholds1764300000300],
      produces: [TOPICS.householdPhases],
      consumers: [{ groupId: 'safety-investigation', topics: [TOPICS.triageAssessments], handlers: HouseholdRecordHandlers }],
    }),
  ],
  controllers: [HouseholdRecordController],
  providers: [HouseholdRecordHandlers],
})
export class SafetyInvestigationModule {}
