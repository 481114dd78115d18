import { BadRequestException, createParamDecorator, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { CASE_DATA_ACCESSED, CaseDataAccessedData, newEvent, TOPICS } from '@vt/contracts';
import type { ServiceConfig } from './config';
import { Outbox } from './outbox.service';
import { SERVICE_CONFIG } from './tokens';

/**
 * Why case data is read (`X-Access-Purpose`), recorded with every read; a read without a purpose is refused
 * with 400 `purpose-required`. The same in every service (DOMAIN.md "Data protection": reads are audited as
 * well as writes).
 */
export const AccessPurpose = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const value = context.switchToHttp().getRequest<Request>().header('x-access-purpose')?.trim();
  if (!value || value.length > 500) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'validation-failed',
      fields: [{ path: 'X-Access-Purpose', code: 'purpose-required', message: 'say why you read this case (X-Access-Purpose, at most 500 characters); every read is recorded for the auditors' }],
    });
  }
  return value;
});

/** One read of case data as the reading handler knows it: which household and subject, why, which fields, by whom. */
export type CaseAccess = Omit<CaseDataAccessedData, 'accessId' | 'accessedAt' | 'service'>;

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
          type: CASE_DATA_ACCESSED,
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
