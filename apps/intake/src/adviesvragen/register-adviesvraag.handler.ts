import { BadRequestException, Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ADVIESVRAAG_RECEIVED, newEvent, TOPICS } from '@vt/contracts';
import { assertRegion, Principal } from '@vt/auth';
import { ReceiptPolicy } from '@vt/intake-domain';
import { DATA_SOURCE, Outbox } from '@vt/runtime';
import { ErasureService } from '../privacy/erasure.service';
import { RECEIPT_POLICY } from '../meldingen/receipt-policy';
import { CheckedAdviesvraag, checkAdviesvraag } from './adviesvraag-rules';
import { RegisterAdviesvraagDto } from './register-adviesvraag.dto';

export interface AdviesvraagRegistered {
  adviesvraagId: string;
  /** When the adviesvraag reached Veilig Thuis: as given, else the registration time. */
  receivedAt: string;
  /** When intake registered it. Absent in answers stored before receipt and registration were told apart. */
  registeredAt?: string;
}

const UNIQUE_VIOLATION = '23505';

/**
 * Stores the adviesvraag and its `AdviesvraagReceived` event in one transaction; the caller hears
 * "accepted" only after that commit. A retried request with the same Idempotency-Key gets the original
 * answer (keys of adviesvragen are kept apart from those of meldingen).
 *
 * No household is known for an adviesvraag: each gets a new household id, stored with it and used as the
 * event's `householdid` and record key.
 */
@Injectable()
export class RegisterAdviesvraagHandler {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly erasures: ErasureService,
    @Inject(RECEIPT_POLICY) private readonly receiptPolicy: ReceiptPolicy,
  ) {}

  async register(dto: RegisterAdviesvraagDto, by: { actor: string; user: Principal }, idempotencyKey: string | undefined, now: Date): Promise<AdviesvraagRegistered> {
    const checked = checkAdviesvraag(dto, now, this.receiptPolicy);
    if (!checked.ok) {
      const body = { statusCode: checked.status, error: checked.status === 400 ? 'validation-failed' : 'semantic-conflict', fields: checked.problems };
      throw checked.status === 400 ? new BadRequestException(body) : new UnprocessableEntityException(body);
    }
    // As for a melding: a call handler registers for the regions their token covers (when the household is named).
    const route = checked.value.route;
    if (route) assertRegion(by.user, route.vtRegion.code);
    const requestHash = createHash('sha256').update(JSON.stringify(dto)).digest('hex');
    if (idempotencyKey) {
      const earlier = await this.earlierAnswer(idempotencyKey, requestHash);
      if (earlier) return earlier;
    }
    try {
      return await this.store(dto, checked.value, by.actor, idempotencyKey, requestHash, now);
    } catch (error) {
      // The same key was committed concurrently: answer as the first request was answered.
      if (idempotencyKey && (error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        const earlier = await this.earlierAnswer(idempotencyKey, requestHash);
        if (earlier) return earlier;
      }
      throw error;
    }
  }

  private async store(dto: RegisterAdviesvraagDto, checked: CheckedAdviesvraag, actor: string, idempotencyKey: string | undefined, requestHash: string, now: Date): Promise<AdviesvraagRegistered> {
    const adviesvraagId = randomUUID();
    const householdId = randomUUID();
    const { route, adviesvrager } = checked;
    const receivedAt = checked.receivedAt.toISOString();
    const answer: AdviesvraagRegistered = { adviesvraagId, receivedAt, registeredAt: now.toISOString() };
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `insert into adviesvraag (adviesvraag_id, household_id, received_at, registered_by, channel, gemeente_code, vt_region, veiligheidsregio,
                                  postcode, house_number, routing_tables, aard, tags, question, advice, registered_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [
          adviesvraagId,
          householdId,
          checked.receivedAt,
          actor,
          dto.channel,
          route?.gemeente?.code ?? null,
          route?.vtRegion.code ?? null,
          route?.veiligheidsregio?.code ?? null,
          route?.postcode ?? null,
          route?.houseNumber ?? null,
          route ? JSON.stringify(route.tables) : null,
          checked.aard,
          checked.tags,
          dto.concerns.question,
          dto.advice ?? null,
          now,
        ],
      );
      await manager.query(`insert into adviesvrager (adviesvraag_id, adviesvrager_id, kind, sector, role, name, organisation, phone, email) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
        adviesvraagId,
        randomUUID(),
        adviesvrager.kind,
        adviesvrager.sector ?? null,
        adviesvrager.role,
        dto.adviesvrager.name ?? null,
        dto.adviesvrager.organisation ?? null,
        dto.adviesvrager.phone ?? null,
        dto.adviesvrager.email ?? null,
      ]);
      for (const person of dto.persons ?? []) {
        await manager.query(`insert into adviesvraag_person (person_id, adviesvraag_id, role, name, birth_date, estimated_age) values ($1, $2, $3, $4, $5, $6)`, [
          randomUUID(),
          adviesvraagId,
          person.role,
          person.name ?? null,
          person.birthDate ?? null,
          person.estimatedAge ?? null,
        ]);
      }
      if (idempotencyKey) {
        await manager.query(`insert into adviesvraag_idempotent_request (idempotency_key, request_hash, adviesvraag_id, response) values ($1, $2, $3, $4)`, [
          idempotencyKey,
          requestHash,
          adviesvraagId,
          JSON.stringify(answer),
        ]);
      }
      // Categories only: no name, contact details, persons, question or advice.
      const event = newEvent({
        type: ADVIESVRAAG_RECEIVED,
        service: 'intake',
        householdId,
        subject: adviesvraagId,
        time: now,
        data: {
          adviesvraagId,
          receivedAt,
          registeredAt: now.toISOString(),
          channel: dto.channel,
          adviesvrager: { kind: adviesvrager.kind, ...(adviesvrager.sector ? { sector: adviesvrager.sector } : {}), role: adviesvrager.role },
          ...(route ? { region: { vtRegion: route.vtRegion.code, ...(route.veiligheidsregio ? { veiligheidsregio: route.veiligheidsregio.code } : {}), calendar: route.calendar } } : {}),
          concerns: { aard: checked.aard, tags: checked.tags },
          actor,
        },
      });
      await this.outbox.publish(manager, [{ topic: TOPICS.adviesvragen, event }]);
      // What intake keeps of an adviesvraag (who asked, the persons, the question) is erased when its retention ends.
      await this.erasures.scheduleRetention(manager, householdId);
      return answer;
    });
  }

  private async earlierAnswer(idempotencyKey: string, requestHash: string): Promise<AdviesvraagRegistered | undefined> {
    const [row] = (await this.dataSource.query('select request_hash, response from adviesvraag_idempotent_request where idempotency_key = $1', [idempotencyKey])) as {
      request_hash: string;
      response: AdviesvraagRegistered;
    }[];
    if (!row) return undefined;
    if (row.request_hash !== requestHash) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'idempotency-key-reused',
        fields: [{ path: 'Idempotency-Key', code: 'idempotency-key-reused', message: 'this Idempotency-Key was used for a different adviesvraag; use a new key for a new adviesvraag' }],
      });
    }
    return row.response;
  }
}
