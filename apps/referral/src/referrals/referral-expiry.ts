import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { newEvent, REFERRAL_EXPIRED, TOPICS } from '@vt/contracts';
import { appendToOutbox, DueWorkLoop, OutboxMessage } from '@vt/messaging';
import { DATA_SOURCE, SERVICE_CONFIG, ServiceConfig } from '@vt/runtime';
import { ReferralRow, Referrals } from './referrals';

/**
 * The answer clock: a referral still `issued` at its `answer_due_at` expires, the partner is told on its
 * own topic, and the referral is re-routed. Durable (the due time is a column), caught up at start, and
 * safe with several replicas: due rows are locked with SKIP LOCKED and moved in the transaction that
 * writes the events.
 */
@Injectable()
export class ReferralExpiry implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop = new DueWorkLoop({
    name: 'referral expiry',
    logger: new Logger('ReferralExpiry'),
    work: {
      fireDue: (now) => this.expireOnce(now),
      nextDue: async () => {
        const [next] = (await this.dataSource.query(`select min(answer_due_at) as next from referral where status = 'issued'`)) as { next: Date | null }[];
        return next?.next ?? undefined;
      },
    },
  });

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly referrals: Referrals,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Expires what is due now; returns how many referrals expired. */
  async expireOnce(now = new Date()): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due = (await manager.query(`select * from referral where status = 'issued' and answer_due_at <= $1 order by answer_due_at limit 100 for update skip locked`, [now])) as ReferralRow[];
      const publish = (messages: OutboxMessage[]) => appendToOutbox(manager, this.config.databaseSchema, messages);
      for (const referral of due) {
        await manager.query(`update referral set status = 'expired', closed_at = $2 where referral_id = $1`, [referral.referral_id, now]);
        const expired = newEvent({
          type: REFERRAL_EXPIRED,
          service: 'referral',
          householdId: referral.household_id,
          subject: referral.referral_id,
          time: now,
          data: {
            referralId: referral.referral_id,
            householdId: referral.household_id,
            partnerId: referral.partner_id,
            answerDueAt: (referral.answer_due_at as Date).toISOString(),
            expiredAt: now.toISOString(),
          },
        });
        await publish([{ topic: TOPICS.referrals, event: expired }, this.referrals.withdrawal(referral, 'expired', expired, now)]);
        await this.referrals.reroute(manager, publish, { ...referral, status: 'expired' }, 'expired', expired, now);
      }
      return due.length;
    });
  }
}
