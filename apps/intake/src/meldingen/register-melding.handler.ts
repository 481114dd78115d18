import { BadRequestException, Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { MELDING_RECEIVED, newEvent, TOPICS } from '@vt/contracts';
import { decideRegistrationTimes, ReceiptPolicy, RegistrationTimes } from '@vt/intake-domain';
import { assertRegion, Principal } from '@vt/auth';
import { PersonDataCipher } from '@vt/privacy';
import { DATA_SOURCE, Outbox } from '@vt/runtime';
import { atLeastAgeAtReceipt, ELDERLY_AGE, minorAtReceipt } from '@vt/intake-domain';
import { CheckedMelding, checkMelding } from './melding-rules';
import { meldingRadar, recordRadarKeys, runRadar } from '../radar/radar';
import { RegisterMeldingDto } from './register-melding.dto';
import { ErasureService } from '../privacy/erasure.service';
import { RECEIPT_POLICY } from './receipt-policy';

export interface MeldingRegistered {
  meldingId: string;
  householdId: string;
  /** When the melding reached Veilig Thuis, as the call handler gave it (normalised to UTC): the clocks run from here. */
  receivedAt: string;
  /** When intake registered it (intake's clock). Absent in answers stored before receipt and registration were told apart. */
  registeredAt?: string;
  /** first, hermelding or vervolgmelding: whether anyone involved is known from an earlier case. */
  radar?: string;
  /**
   * What became of the melding (docs/adr/0018): `joined` the household the call handler chose (`householdId`),
   * `kept-apart` in its own household with the matches as `links` for triage, or `no-match`.
   */
  radarDecision?: RadarDecisionAnswer;
}

export interface RadarDecisionAnswer {
  kind: 'joined' | 'kept-apart' | 'no-match';
  householdId?: string;
  decidedBy: string;
  decidedAt: string;
  /** The earlier households found, by reference only: id, region, status, whether the melding may join, and why not. */
  links: { householdId: string; region: string; status: 'open' | 'closed'; mayJoin: boolean; reason?: string }[];
}

const UNIQUE_VIOLATION = '23505';

/**
 * A melding that comes from an adviesvraag (`POST /api/v1/adviesvragen/{id}/melding`): the melding row gets
 * `adviesvraag_id`, `MeldingReceived` gets `convertedFromAdviesvraag`, a melding that joins no household keeps
 * the adviesvraag's household id, and `withinTransaction` runs in the melding's transaction after its event.
 */
export interface MeldingLink {
  adviesvraagId: string;
  /** The household id for the melding unless the call handler decided to join a household radar proposed. */
  householdId: string;
  /** The adviesvraag's receipt: the melding cannot have been received before it. */
  receivedNotBefore: Date;
  withinTransaction(manager: EntityManager, registered: MeldingRegistered): Promise<void>;
}

/**
 * Stores the melding and its `MeldingReceived` event in one transaction; the caller hears "accepted"
 * only after that commit. A retried request with the same Idempotency-Key gets the original answer.
 */
@Injectable()
export class RegisterMeldingHandler {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly personalData: PersonDataCipher,
    private readonly erasures: ErasureService,
    @Inject(RECEIPT_POLICY) private readonly receiptPolicy: ReceiptPolicy,
  ) {}

  async register(dto: RegisterMeldingDto, by: { actor: string; user: Principal }, idempotencyKey: string | undefined, now: Date, link?: MeldingLink): Promise<MeldingRegistered> {
    const { actor } = by;
    const checked = checkMelding(dto, now, this.receiptPolicy);
    if (!checked.ok) {
      const body = { statusCode: checked.status, error: checked.status === 400 ? 'validation-failed' : 'semantic-conflict', fields: checked.problems };
      throw checked.status === 400 ? new BadRequestException(body) : new UnprocessableEntityException(body);
    }
    // A call handler registers for the VT regions their token covers (the melding's VT region, not its veiligheidsregio).
    assertRegion(by.user, checked.value.route.vtRegion.code);
    const requestHash = createHash('sha256').update(JSON.stringify(dto)).digest('hex');
    if (idempotencyKey) {
      const earlier = await this.earlierAnswer(idempotencyKey, requestHash);
      if (earlier) return earlier;
    }
    // Whether the registration is late is judged now, after a retry of an accepted request got its first answer.
    const times = decideRegistrationTimes({
      receivedAt: checked.value.receivedAt,
      registeredAt: now,
      lateRegistration: dto.lateRegistration,
      policy: this.receiptPolicy,
      ...(link ? { notBefore: { at: link.receivedNotBefore, what: 'adviesvraag' as const } } : {}),
    });
    if (!times.ok) {
      const { path, code, message, allowed } = times.problem;
      throw new UnprocessableEntityException({ statusCode: 422, error: 'semantic-conflict', fields: [{ path, code, message, ...(allowed ? { allowed } : {}) }] });
    }
    try {
      return await this.store(dto, checked.value, times.value, actor, idempotencyKey, requestHash, link);
    } catch (error) {
      // The same key was committed concurrently: answer as the first request was answered.
      if (idempotencyKey && (error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        const earlier = await this.earlierAnswer(idempotencyKey, requestHash);
        if (earlier) return earlier;
      }
      throw error;
    }
  }

  private async store(
    dto: RegisterMeldingDto,
    checked: CheckedMelding,
    times: RegistrationTimes,
    actor: string,
    idempotencyKey: string | undefined,
    requestHash: string,
    link?: MeldingLink,
  ): Promise<MeldingRegistered> {
    const now = times.registeredAt;
    const receivedAt = times.receivedAt.toISOString();
    const registeredAt = now.toISOString();
    const meldingId = randomUUID();
    const melderId = randomUUID();
    const persons = dto.persons.map((person, index) => ({ ...person, bsn: checked.bsns[index], personId: randomUUID() }));
    const { route, melder } = checked;
    const gemeenteCode = route.gemeente?.code;
    return this.dataSource.transaction(async (manager) => {
      // Radar proposes; the call handler decides (docs/adr/0018): the melding joins a household only on a join decision radar allows.
      const radar = await runRadar(
        manager,
        {
          persons: persons.map((person) => ({
            personRef: person.personId,
            name: person.name,
            ...(person.bsn ? { bsn: person.bsn } : {}),
            ...(person.birthDate ? { dateOfBirth: person.birthDate } : {}),
            ...(route.postcode ? { postcode: route.postcode } : {}),
            ...(route.houseNumber ? { houseNumber: route.houseNumber } : {}),
          })),
          address: { postcode: route.postcode ?? null, houseNumber: route.houseNumber ?? null },
        },
        dto.radar,
        link?.householdId ?? randomUUID(),
      );
      const householdId = radar.registration.householdId;
      const radarData = meldingRadar(radar, actor, now);
      const references = radarData.references;
      const answer: MeldingRegistered = {
        meldingId,
        householdId,
        receivedAt,
        registeredAt,
        radar: radar.classification,
        radarDecision: { ...radarData.decision, links: radar.proposals.map(({ caseId, region, status, mayJoin, reason }) => ({ householdId: caseId, region, status, mayJoin, ...(reason ? { reason } : {}) })) },
      };
      await manager.query(
        `insert into melding (melding_id, household_id, received_at, gemeente_code, acute_indicated, acute_ground, registered_by,
                              channel, vt_region, veiligheidsregio, postcode, house_number, routing_tables, aard, tags, account,
                              radar_classification, radar_references, adviesvraag_id, island, radar_decision, registered_at, late_registration_reason)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)`,
        [
          meldingId,
          householdId,
          times.receivedAt,
          gemeenteCode ?? null,
          dto.acuteIndication.indicated,
          dto.acuteIndication.ground ?? null,
          actor,
          dto.channel,
          route.vtRegion.code,
          route.veiligheidsregio?.code ?? null,
          route.postcode ?? null,
          route.houseNumber ?? null,
          JSON.stringify(route.tables),
          checked.aard,
          checked.tags,
          dto.concerns.account,
          radar.classification,
          JSON.stringify(references),
          link?.adviesvraagId ?? null,
          route.island ?? null,
          JSON.stringify(radarData.decision),
          now,
          times.lateRegistration?.reason ?? null,
        ],
      );
      await manager.query(
        `insert into melder (melder_id, melding_id, kind, sector, role, name, organisation, phone, email, identity_sealed, seal_reason, seal_explanation)
         values ($12, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [meldingId, melder.kind, melder.sector ?? null, melder.role, dto.melder.name, dto.melder.organisation ?? null, dto.melder.phone ?? null, dto.melder.email ?? null, melder.identitySealed, melder.sealReason ?? null, melder.sealExplanation ?? null, melderId],
      );
      for (const person of persons) {
        await manager.query(
          `insert into melding_person (person_id, melding_id, role, name, birth_date, estimated_age, bsn) values ($1, $2, $3, $4, $5, $6, $7)`,
          [person.personId, meldingId, person.role, person.name, person.birthDate ?? null, person.estimatedAge ?? null, person.bsn ?? null],
        );
      }
      if (idempotencyKey) {
        await manager.query(`insert into idempotent_request (idempotency_key, request_hash, melding_id, response) values ($1, $2, $3, $4)`, [
          idempotencyKey,
          requestHash,
          meldingId,
          JSON.stringify(answer),
        ]);
      }
      // Personal fields travel only encrypted, each under its own person's key (the melder's words under the melder's).
      const personalData = [
        ...(await Promise.all(
          persons.map((person) =>
            this.personalData.encryptFields(
              person.personId,
              { name: person.name, birthDate: person.birthDate ?? null, estimatedAge: person.estimatedAge ?? null, bsn: person.bsn ?? null, postcode: route.postcode ?? null, houseNumber: route.houseNumber ?? null },
              manager,
            ),
          ),
        )),
        await this.personalData.encryptFields(
          melderId,
          {
            name: dto.melder.name,
            organisation: dto.melder.organisation ?? null,
            phone: dto.melder.phone ?? null,
            email: dto.melder.email ?? null,
            account: dto.concerns.account,
            acuteGround: dto.acuteIndication.ground ?? null,
          },
          manager,
        ),
      ];
      const event = newEvent({
        type: MELDING_RECEIVED,
        service: 'intake',
        householdId,
        subject: meldingId,
        time: now,
        data: {
          meldingId,
          householdId,
          receivedAt,
          registeredAt,
          ...(times.lateRegistration ? { lateRegistration: times.lateRegistration } : {}),
          ...(gemeenteCode ? { gemeenteCode } : {}),
          ...(route.island ? { island: route.island } : {}),
          region: { vtRegion: route.vtRegion.code, ...(route.veiligheidsregio ? { veiligheidsregio: route.veiligheidsregio.code } : {}), calendar: route.calendar },
          registration: {
            channel: dto.channel,
            melderKind: melder.kind,
            ...(melder.sector ? { melderSector: melder.sector } : {}),
            melderRole: melder.role,
            melderIdentitySealed: melder.identitySealed,
          },
          concerns: { aard: checked.aard, tags: checked.tags },
          radar: radarData,
          acuteIndication: { indicated: dto.acuteIndication.indicated, ...(dto.acuteIndication.signals?.length ? { signals: dto.acuteIndication.signals } : {}) },
          // Whether each person was a minor, and whether 65 or older, on the day of receipt (`receivedAt`) in the household's
          // time zone; absent when unknown. Routes for children need a minor (docs/adr/0022); ouderenmishandeling a victim
          // of 65 or older, and the assessment sees an unknown age as unknown (docs/adr/0036).
          persons: persons.map(({ personId, role, birthDate, estimatedAge }) => {
            const age = { ...(birthDate ? { birthDate } : {}), ...(estimatedAge !== undefined ? { estimatedAge } : {}) };
            const minor = minorAtReceipt(age, times.receivedAt, route.timeZone);
            const elderly = atLeastAgeAtReceipt(age, ELDERLY_AGE, times.receivedAt, route.timeZone);
            return { personId, role, ...(minor !== undefined ? { minor } : {}), ...(elderly !== undefined ? { elderly } : {}) };
          }),
          melderId,
          personalData,
          actor,
          ...(link ? { convertedFromAdviesvraag: link.adviesvraagId } : {}),
        },
      });
      await recordRadarKeys(manager, radar, meldingId, route.vtRegion.code, now);
      // The dossier's retention clock runs from its last melding (Wmo 2015 art. 5.3.4).
      await this.erasures.scheduleRetention(manager, householdId);
      await this.outbox.publish(manager, [{ topic: TOPICS.meldingen, event }]);
      if (link) await link.withinTransaction(manager, answer);
      return answer;
    });
  }

  private async earlierAnswer(idempotencyKey: string, requestHash: string): Promise<MeldingRegistered | undefined> {
    const [row] = (await this.dataSource.query('select request_hash, response from idempotent_request where idempotency_key = $1', [idempotencyKey])) as {
      request_hash: string;
      response: MeldingRegistered;
    }[];
    if (!row) return undefined;
    if (row.request_hash !== requestHash) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'idempotency-key-reused',
        fields: [{ path: 'Idempotency-Key', code: 'idempotency-key-reused', message: 'this Idempotency-Key was used for a different melding; use a new key for a new melding' }],
      });
    }
    return row.response;
  }
}
