import { Module } from '@nestjs/common';
import { TOPICS } from '@vt/contracts';
import { ServiceModule } from '@vt/runtime';
import { CreateAcuteChecks1764300000200 } from './migrations/1764300000200-create-acute-checks';
import { AcuteCheckHandlers } from './acute-check/acute-check.handlers';

@Module({
  imports: [
    ServiceModule.forRoot({
      service: 'crisis-triage',
      httpPort: 3002,
      databaseSchema: 'crisis_triage',
      migrations: [CreateAcuteChecks1764300000200],
      produces: [TOPICS.triageAssessments],
      consumers: [{ groupId: 'crisis-triage', topics: [TOPICS.meldingen], handlers: AcuteCheckHandlers }],
    }),
  ],
  providers: [AcuteCheckHandlers],
})
export class CrisisTriageModule {}
