import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { partnerResponsesTopic } from '@vt/contracts';
import { ConsumerTopics, DATA_SOURCE } from '@vt/runtime';
import { partnerById } from '@vt/referral-domain';
import { ReferralConfig } from '../referrals/referral-config';

export { RESPONSES_GROUP } from '../consumer-groups';

/**
 * The topics of consumer group `referral-partner-responses`: the responses topic of every partner that was
 * ever sent a referral, since a partner that never received one has nothing it could answer. The partners
 * come from the `partner_subscription` table (a row is added with a partner's first referral), and only those
 * of the directory in force (an id that left the directory cannot answer any more). The Kafka inbox transport
 * asks again every 500 ms and, when a partner appears, restarts the group with its responses topic added, read
 * from the beginning, so no answer is missed. Subscribing to all ~580 partners of the directory up front would
 * create and poll ~1,700 partitions per deployment for partners that may never be referred to.
 */
@Injectable()
export class PartnerResponseTopics implements ConsumerTopics {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly referralConfig: ReferralConfig,
  ) {}

  /** The partners whose answers are read (for tests and operators). */
  async partners(): Promise<string[]> {
    const rows = (await this.dataSource.query('select partner_id from partner_subscription order by partner_id')) as { partner_id: string }[];
    return rows.map((r) => r.partner_id).filter((id) => partnerById(this.referralConfig.directory, id));
  }

  async topics(): Promise<string[]> {
    return (await this.partners()).map(partnerResponsesTopic);
  }
}
