import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { newEvent, SIGNAL_EXPIRED, SIGNAL_MATCH_FOUND, SIGNAL_REGISTERED, SIGNAL_WITHDRAWN, signalMatchesTopic, SIGNALS_MATCHED, TOPICS } from '@vt/contracts';
import { OutboxMessage } from '@vt/messaging';
import { PersonDataCipher } from '@vt/privacy';
import { DATA_SOURCE, Outbox } from '@vt/runtime';
import { admittedOrganisation, decide, evolve, initialState, PseudonymState, Refusal, Signal, SignalCommand, SignalEvent } from '@vt/signal-matching-domain';
import { PseudonymDigests } from './pseudonym-digest';
import { SignalMatchingConfig } from './signal-matching-config';

const SERVICE = 'signal-matching';
const SYSTEM_ACTOR = 'system:signal-matching';

interface SignalRow {
  signal_id: string;
  organisation_id: string;
  region: string;
  legal_basis: string;
  status: Signal['status'];
  expires_at: Date;
}

export interface SignalAnswer {
  signalId: string;
  expiresAt: string;
  /** True when the organisation's active signal for this young person was extended rather than a new one made. */
  renewed: boolean;
}

/** A refusal as the RFC 9457 problem the other services answer with, naming the field where there is one. */
function refusalProblem(refusal: Refusal): Error {
  const body = {
    statusCode: 0,
    error: refusal.code,
    message: refusal.message,
    ...(refusal.field ? { fields: [{ path: refusal.field, code: refusal.code, message: refusal.message }] } : {}),
  };
  switch (refusal.code) {
    case 'region-not-opted-in':
    case 'organisation-not-admitted':
      return new ForbiddenException({ ...body, statusCode: 403 });
    case 'signal-not-found':
      return new NotFoundException({ ...body, statusCode: 404 });
    case 'signal-not-active':
      return new ConflictException({ ...body, statusCode: 409 });
    default:
      return new UnprocessableEntityException({ ...body, statusCode: 422, error: 'validation-failed' });
  }
}

const toSignal = (row: SignalRow): Signal => ({ signalId: row.signal_id, organisationId: row.organisation_id, region: row.region, legalBasis: row.legal_basis, expiresAt: row.expires_at, status: row.status });

/**
 * Registers, withdraws and expires signals (docs/adr/0038): loads the state of one pseudonym, asks the decider, and
 * stores the rows and the events (VT's record on `vt.signals.signals.v1`, each organisation's match on its own
 * topic) in one transaction through the outbox. The pseudonym is in events only encrypted under the signal's data
 * key, and leaves the database and the key store when the signal ends.
 */
@Injectable()
export class Signals {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly cipher: PersonDataCipher,
    private readonly config: SignalMatchingConfig,
    private readonly digests: PseudonymDigests,
  ) {}

  async register(organisationId: string, input: { pseudonym: string; region: string; birthMonth: string }, actor: string, now: Date): Promise<SignalAnswer> {
    const command: SignalCommand = { type: 'RegisterSignal', organisationId, region: input.region, birthMonth: input.birthMonth, signalId: randomUUID(), nextMatchId: randomUUID };
    // The rules that do not depend on anyone's signals are checked before anything is looked up: a region that did not
    // opt in, an organisation it did not admit or an age past the limit are refused the same way whatever is stored.
    const precheck = decide(command, initialState(), this.config.policy, now);
    if (!precheck.ok) throw refusalProblem(precheck.refusal);
    return this.dataSource.transaction(async (manager) => {
      // Only digests of the pseudonym reach the database (docs/adr/0038); the pseudonym itself only encrypted, in the event.
      const digests = this.digests.of(input.pseudonym);
      const current = digests[0] as (typeof digests)[number];
      // One registration per pseudonym at a time, so two organisations signalling at once still match each other.
      await manager.query('select pg_advisory_xact_lock(hashtextextended($1, 7036))', [current.digest]);
      const state = await this.stateOf(manager, digests.map((digest) => digest.digest));
      const decision = decide(command, state, this.config.policy, now);
      if (!decision.ok) throw refusalProblem(decision.refusal);
      await this.apply(manager, decision.events, { pseudonym: input.pseudonym, digest: current, actor });
      const registered = decision.events[0] as Extract<SignalEvent, { type: 'SignalRegistered' }>;
      return { signalId: registered.signalId, expiresAt: registered.expiresAt.toISOString(), renewed: registered.renewed };
    });
  }

  async withdraw(organisationId: string, signalId: string, actor: string, now: Date): Promise<{ signalId: string; withdrawnAt: string }> {
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query('select * from signal where signal_id = $1 and organisation_id = $2 for update', [signalId, organisationId])) as SignalRow[];
      const state: PseudonymState = { signals: rows.map(toSignal), matched: [] };
      const decision = decide({ type: 'WithdrawSignal', signalId, organisationId }, state, this.config.policy, now);
      if (!decision.ok) throw refusalProblem(decision.refusal);
      await this.apply(manager, decision.events, { actor });
      return { signalId, withdrawnAt: now.toISOString() };
    });
  }

  /** Expires what is due at `now` (durable: the due time is a column; SKIP LOCKED shares the work between replicas). */
  async expireDue(now: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due = (await manager.query(`select * from signal where status = 'active' and expires_at <= $1 order by expires_at limit 100 for update skip locked`, [now])) as SignalRow[];
      for (const row of due) {
        const decision = decide({ type: 'ExpireSignal', signalId: row.signal_id }, { signals: [toSignal(row)], matched: [] }, this.config.policy, now);
        if (decision.ok) await this.apply(manager, decision.events, { actor: SYSTEM_ACTOR });
      }
      return due.length;
    });
  }

  async nextExpiry(): Promise<Date | undefined> {
    const [row] = (await this.dataSource.query(`select min(expires_at) as next from signal where status = 'active'`)) as { next: Date | null }[];
    return row?.next ?? undefined;
  }

  private async stateOf(manager: EntityManager, digests: string[]): Promise<PseudonymState> {
    const rows = (await manager.query(`select * from signal where pseudonym = any($1) and status = 'active'`, [digests])) as SignalRow[];
    const ids = rows.map((row) => row.signal_id);
    const matches = ids.length < 2 ? [] : ((await manager.query('select signal_a, signal_b from signal_match where signal_a = any($1) and signal_b = any($1)', [ids])) as { signal_a: string; signal_b: string }[]);
    let state = initialState();
    state = { ...state, signals: rows.map(toSignal) };
    return matches.reduce<PseudonymState>((s, m) => evolve(s, { type: 'SignalsMatched', matchId: '', signals: [{ signalId: m.signal_a, organisationId: '', region: '', legalBasis: '' }, { signalId: m.signal_b, organisationId: '', region: '', legalBasis: '' }], at: new Date(0) }), state);
  }

  private async apply(manager: EntityManager, events: SignalEvent[], context: { pseudonym?: string; digest?: { keyId: string; digest: string }; actor: string }): Promise<void> {
    const messages: OutboxMessage[] = [];
    for (const event of events) {
      switch (event.type) {
        case 'SignalRegistered': {
          if (!context.pseudonym || !context.digest) throw new Error('SignalRegistered needs the pseudonym and its digest');
          if (event.renewed) {
            await manager.query('update signal set expires_at = $2 where signal_id = $1', [event.signalId, event.expiresAt]);
          } else {
            await manager.query(
              `insert into signal (signal_id, organisation_id, region, legal_basis, pseudonym, digest_key_id, status, registered_at, expires_at) values ($1, $2, $3, $4, $5, $6, 'active', $7, $8)`,
              [event.signalId, event.organisationId, event.region, event.legalBasis, context.digest.digest, context.digest.keyId, event.at, event.expiresAt],
            );
          }
          const pseudonym = await this.cipher.encryptFields(event.signalId, { pseudonym: context.pseudonym }, manager);
          messages.push({
            topic: TOPICS.signals,
            event: newEvent({
              type: SIGNAL_REGISTERED,
              service: SERVICE,
              householdId: event.signalId,
              subject: event.signalId,
              time: event.at,
              data: {
                signalId: event.signalId,
                organisationId: event.organisationId,
                region: event.region,
                legalBasis: event.legalBasis,
                pseudonym,
                expiresAt: event.expiresAt.toISOString(),
                ...(event.renewed ? { renewed: true as const } : {}),
                registeredAt: event.at.toISOString(),
                actor: context.actor,
              },
            }),
          });
          break;
        }
        case 'SignalWithdrawn':
        case 'SignalExpired': {
          const status = event.type === 'SignalWithdrawn' ? 'withdrawn' : 'expired';
          await manager.query(`update signal set status = $2, pseudonym = null, digest_key_id = null, ended_at = $3 where signal_id = $1`, [event.signalId, status, event.at]);
          // Crypto-shredding: the pseudonym in SignalRegistered can no longer be opened, on the log or anywhere else.
          await this.cipher.keys.destroy(manager, event.signalId, `signal ${status}`);
          messages.push({
            topic: TOPICS.signals,
            event: newEvent({
              type: event.type === 'SignalWithdrawn' ? SIGNAL_WITHDRAWN : SIGNAL_EXPIRED,
              service: SERVICE,
              householdId: event.signalId,
              subject: event.signalId,
              time: event.at,
              data: { signalId: event.signalId, organisationId: event.organisationId, region: event.region, endedAt: event.at.toISOString(), actor: context.actor },
            }),
          });
          break;
        }
        case 'SignalsMatched': {
          const [a, b] = event.signals[0].signalId < event.signals[1].signalId ? event.signals : [event.signals[1], event.signals[0]];
          await manager.query('insert into signal_match (match_id, signal_a, signal_b, matched_at) values ($1, $2, $3, $4)', [event.matchId, a.signalId, b.signalId, event.at]);
          const matched = newEvent({
            type: SIGNALS_MATCHED,
            service: SERVICE,
            householdId: event.matchId,
            subject: event.matchId,
            time: event.at,
            data: { matchId: event.matchId, signals: [a, b], matchedAt: event.at.toISOString() },
          });
          messages.push({ topic: TOPICS.signals, event: matched });
          for (const [own, other] of [
            [a, b],
            [b, a],
          ] as const) {
            const contact = admittedOrganisation(this.config.policy, other.region, other.organisationId);
            messages.push({
              topic: signalMatchesTopic(own.organisationId),
              event: newEvent({
                type: SIGNAL_MATCH_FOUND,
                service: SERVICE,
                householdId: own.signalId,
                subject: own.signalId,
                time: event.at,
                causedBy: { id: matched.id, correlationid: matched.correlationid },
                data: {
                  matchId: event.matchId,
                  organisationId: own.organisationId,
                  signalId: own.signalId,
                  region: own.region,
                  contact: {
                    organisationId: other.organisationId,
                    name: contact?.name ?? other.organisationId,
                    ...(contact?.phone ? { phone: contact.phone } : {}),
                    ...(contact?.email ? { email: contact.email } : {}),
                  },
                  otherSignalId: other.signalId,
                  matchedAt: event.at.toISOString(),
                },
              }),
            });
          }
          break;
        }
      }
    }
    await this.outbox.publish(manager, messages);
  }
}
