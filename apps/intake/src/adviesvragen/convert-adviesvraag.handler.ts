import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ADVIESVRAAG_CONVERTED_TO_MELDING, newEvent, TOPICS } from '@vt/contracts';
import { assertRegion, Principal } from '@vt/auth';
import { DATA_SOURCE, Outbox } from '@vt/runtime';
import { RegisterMeldingDto } from '../meldingen/register-melding.dto';
import { MeldingRegistered, RegisterMeldingHandler } from '../meldingen/register-melding.handler';

export interface AdviesvraagConverted extends MeldingRegistered {
  adviesvraagId: string;
}

interface AdviesvraagRow {
  household_id: string;
  received_at: Date;
  vt_region: string | null;
  veiligheidsregio: string | null;
  converted_melding_id: string | null;
}

const UNIQUE_VIOLATION = '23505';

/**
 * An adviesvraag becomes a melding: the melding is registered exactly as `POST /api/v1/meldingen` does (same
 * rules: no chat, the melder's contact details, its own `receivedAt`, …), linked to the adviesvraag, and in the same transaction the
 * adviesvraag is marked converted and `AdviesvraagConvertedToMelding` is written. An adviesvraag becomes a
 * melding at most once: a second conversion (also a concurrent one, or a retry) is a 409 naming the melding.
 *
 * The melding's receipt is when Veilig Thuis received the melding, which is when the adviesvraag came in (the
 * caller decided during that call) or later (the caller called back, or Veilig Thuis decided to act): never
 * earlier than the adviesvraag's `receivedAt` (a 422 naming `receivedAt`). Responsibility passes to Veilig Thuis
 * with the melding (DOMAIN.md), so its 5-working-day clock runs from the melding's receipt, not the adviesvraag's.
 */
@Injectable()
export class ConvertAdviesvraagHandler {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly meldingen: RegisterMeldingHandler,
  ) {}

  async convert(adviesvraagId: string, dto: RegisterMeldingDto, by: { actor: string; user: Principal }, now: Date): Promise<AdviesvraagConverted> {
    const adviesvraag = await this.find(this.dataSource.manager, adviesvraagId);
    // Whoever may not register for the adviesvraag's region may not convert it either.
    if (adviesvraag.vt_region) assertRegion(by.user, adviesvraag.vt_region);
    if (adviesvraag.converted_melding_id) throw alreadyConverted(adviesvraagId, adviesvraag.converted_melding_id);
    try {
      const melding = await this.meldingen.register(dto, by, undefined, now, {
        adviesvraagId,
        householdId: adviesvraag.household_id,
        receivedNotBefore: adviesvraag.received_at,
        withinTransaction: (manager, registered) => this.markConverted(manager, adviesvraagId, registered, by.actor, now),
      });
      return { ...melding, adviesvraagId };
    } catch (error) {
      // A concurrent conversion committed first (melding.adviesvraag_id is unique).
      if ((error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        const current = await this.find(this.dataSource.manager, adviesvraagId);
        if (current.converted_melding_id) throw alreadyConverted(adviesvraagId, current.converted_melding_id);
      }
      throw error;
    }
  }

  private async markConverted(manager: EntityManager, adviesvraagId: string, melding: MeldingRegistered, actor: string, now: Date): Promise<void> {
    const current = await this.find(manager, adviesvraagId, true);
    if (current.converted_melding_id) throw alreadyConverted(adviesvraagId, current.converted_melding_id);
    await manager.query('update adviesvraag set converted_melding_id = $1, converted_at = $2, converted_by = $3 where adviesvraag_id = $4', [melding.meldingId, now, actor, adviesvraagId]);
    const event = newEvent({
      type: ADVIESVRAAG_CONVERTED_TO_MELDING,
      service: 'intake',
      householdId: melding.householdId,
      subject: adviesvraagId,
      time: now,
      data: { adviesvraagId, meldingId: melding.meldingId, householdId: melding.householdId, convertedAt: now.toISOString(), actor },
    });
    await this.outbox.publish(manager, [{ topic: TOPICS.adviesvragen, event }]);
  }

  private async find(manager: EntityManager, adviesvraagId: string, lock = false): Promise<AdviesvraagRow> {
    const [row] = (await manager.query(
      `select household_id, received_at, vt_region, veiligheidsregio, converted_melding_id from adviesvraag where adviesvraag_id = $1${lock ? ' for update' : ''}`,
      [adviesvraagId],
    )) as AdviesvraagRow[];
    if (!row) throw new NotFoundException({ statusCode: 404, error: 'adviesvraag-not-found', message: `no adviesvraag ${adviesvraagId}` });
    return row;
  }
}

function alreadyConverted(adviesvraagId: string, meldingId: string): ConflictException {
  return new ConflictException({
    statusCode: 409,
    error: 'adviesvraag-already-converted',
    message: `adviesvraag ${adviesvraagId} already became melding ${meldingId}`,
    meldingId,
  });
}
