import { BadRequestException, createParamDecorator, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ACCESS_PURPOSES, AccessPurpose as AccessPurposeCode, CASE_DATA_ACCESSED_V2, CaseDataAccessedV2Data, newEvent, TOPICS } from '@vt/contracts';
import type { ServiceConfig } from './config';
import { Outbox } from './outbox.service';
import { SERVICE_CONFIG } from './tokens';
import { documentAccessPurpose } from './api-document';

/**
 * Why case data is read (`X-Access-Purpose`), recorded with every read: a code from `ACCESS_PURPOSES`
 * (`onderzoek`, `veiligheidsbeoordeling`, …), never a sentence, since the record of the read stays on the
 * permanent log (docs/adr/0020). A read without a purpose is refused with 400 `purpose-required`, one with
 * anything else with 400 `purpose-not-a-code`, listing the codes. The same in every service (DOMAIN.md "Data
 * protection": reads are audited as well as writes).
 */
export const AccessPurpose = createParamDecorator((_data: unknown, context: ExecutionContext): AccessPurposeCode => {
  const value = context.switchToHttp().getRequest<Request>().header('x-access-purpose')?.trim();
  const codes = ACCESS_PURPOSES.join(', ');
  if (!value) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'validation-failed',
      fields: [{ path: 'X-Access-Purpose', code: 'purpose-required', message: `say why you read this case (X-Access-Purpose: one of ${codes}); every read is recorded for the auditors` }],
      allowed: ACCESS_PURPOSES,
    });
  }
  if (!(ACCESS_PURPOSES as readonly string[]).includes(value)) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'validation-failed',
      fields: [{ path: 'X-Access-Purpose', code: 'purpose-not-a-code', message: `X-Access-Purpose must be one of ${codes} (a code, never free text: the record of the read is kept for good)` }],
      allowed: ACCESS_PURPOSES,
    });
  }
  return value as AccessPurposeCode;
}, [documentAccessPurpose]);

/** One read of case data as the reading handler knows it: which household and subject, why (a code), which fields, by whom. */
export type CaseAccess = Omit<CaseDataAccessedV2Data, 'accessId' | 'accessedAt' | 'service' | 'purpose'> & { purpose: AccessPurposeCode };

/**
 * Records reads of case data by `service` as `CaseDataAccessed` on `vt.audit.access.v1`, in the caller's
 * transaction (so committed before the answer is sent), one event per household and subject read.
 */
export async function recordAccess(manager: EntityManager, outbox: Outbox, service: string, accesses: CaseAccess | readonly CaseAccess[], now: Date): Promise<void> {
  const list = Array.isArray(accesses) ? (accesses as readonly CaseAccess[]) : [accesses as CaseAccess];
  if (list.length === 0) return;
  await outbox.publish(
    manager,
    list.map((access) => {
      const accessId = randomUUID();
      return {
        topic: TOPICS.auditAccess,
        event: newEvent({
          type: CASE_DATA_ACCESSED_V2,
          service,
          householdId: access.householdId,
          subject: access.subject.id,
          time: now,
          data: { accessId, service, accessedAt: now.toISOString(), ...access },
        }),
      };
    }),
  );
}

/** `recordAccess` for the running service (its name from the service configuration). */
@Injectable()
export class AccessLog {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly outbox: Outbox,
  ) {}

  get service(): string {
    return this.config.service;
  }

  record(manager: EntityManager, accesses: CaseAccess | readonly CaseAccess[], now: Date = new Date()): Promise<void> {
    return recordAccess(manager, this.outbox, this.config.service, accesses, now);
  }
}

/** The purpose of a read as `AccessPurpose` hands it to a handler: a code from `ACCESS_PURPOSES`. */
export type ReadPurpose = AccessPurposeCode;
