import { Module } from '@nestjs/common';
import { TOPICS } from '@vt/contracts';
import { ApiDocument, ServiceModule } from '@vt/runtime';
import { REFERRAL_API } from './openapi/referral.api';
import { CreateReferrals1764300000400 } from './migrations/1764300000400-create-referrals';
import { ReferralLifecycle1764300000410 } from './migrations/1764300000410-referral-lifecycle';
import { PartnerHouseholdReference1764300000420 } from './migrations/1764300000420-partner-household-reference';
import { NoFreeText1764300000490 } from './migrations/1764300000490-no-free-text';
import { OutboxByHousehold1764300000491 } from './migrations/1764300000491-outbox-by-household';
import { HouseholdTimelineController } from './household-timeline/household-timeline.controller';
import { OutcomeHandlers } from './referrals/outcome.handlers';
import { ReferralConfig } from './referrals/referral-config';
import { ReferralExpiry } from './referrals/referral-expiry';
import { Referrals } from './referrals/referrals';
import { PartnerResponseHandlers } from './responses/partner-response.handlers';
import { PartnerResponseTopics } from './responses/partner-response-topics';
import { REFERRAL_GROUP, RESPONSES_GROUP } from './consumer-groups';

@Module({
  imports: [
    ServiceModule.forRoot({
      service: 'referral',
      httpPort: 3004,
      databaseSchema: 'referral',
      migrations: [CreateReferrals1764300000400, ReferralLifecycle1764300000410, PartnerHouseholdReference1764300000420, NoFreeText1764300000490, OutboxByHousehold1764300000491],
      produces: [TOPICS.referrals, TOPICS.auditAccess],
      consumers: [
        { groupId: REFERRAL_GROUP, topics: [TOPICS.meldingen, TOPICS.triageAssessments, TOPICS.householdPhases, TOPICS.investigations] },
        // Every partner's answers, on the responses topics of the partners referred to so far.
        { groupId: RESPONSES_GROUP, topics: PartnerResponseTopics },
      ],
    }),
  ],
  controllers: [OutcomeHandlers, PartnerResponseHandlers, HouseholdTimelineController],
  providers: [ReferralConfig, Referrals, PartnerResponseTopics, ReferralExpiry],
})
@ApiDocument(REFERRAL_API)
export class ReferralModule {}
