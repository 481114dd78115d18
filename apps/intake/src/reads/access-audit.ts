import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { CASE_DATA_ACCESSED, CaseDataAccessedData, newEvent, TOPICS } from '@vt/contracts';
import { Outbox } from '@vt/runtime';

/** Why case data is read (`X-Access-Purpose`), recorded with every read; a read without a purpose is refused. */
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

/** Records a read of case data on `vt.audit.access.v1`, committed before the answer is sent. */
export async function recordAccess(manager: EntityManager, outbox: Outbox, access: Omit<CaseDataAccessedData, 'accessId' | 'accessedAt' | 'service'>, now: Date): Promise<void> {
  const accessId = randomUUID();
  await outbox.publish(manager, [
    {
      topic: TOPICS.auditAccess,
      event: newEvent({
        type: CASE_DATA_ACCESSED,
        service: 'intake',
        householdId: access.householdId,
        subject: access.subject.id,
        time: now,
        data: { accessId, service: 'intake', accessedAt: now.toISOString(), ...access },
      }),
    },
  ]);
}
