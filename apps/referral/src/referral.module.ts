import { Module } from '@nestjs/common';
import { TOPICS } from '@vt/contracts';
import { ServiceModule } from '@vt/runtime';
import { CreateReferrals1764300000400 } from './migrations/1764300000400-create-referrals';
import { IssueReferralHandlers } from './referrals/issue-referral.handlers';
import { PartnerDirectoryProvider } from './referrals/partner-directory.provider';

@Module({
  imports: [
    ServiceModule.forRoot({
      service: 'referral',
      httpPort: 3004,
      databaseSchema: 'referral',
      migrations: [CreateReferrals1764300000400],
      produces: [TOPICS.referrals],
      consumers: [{ groupId: 'referral', topics: [TOPICS.householdPhases, TOPICS.triageAssessments], handlers: [IssueReferralHandlers] }],
    }),
  ],
  providers: [IssueReferralHandlers, PartnerDirectoryProvider],
})
export class ReferralModule {}
