import { applyDecorators, Inject, Injectable } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { DataSource, EntityManager } from 'typeorm';
import { HOUSEHOLD_TIMELINE_FIELDS, HouseholdTimeline, householdTimeline, OUTBOX_ROWS_OF_HOUSEHOLD, OutboxRow } from '@vt/audit';
import { AccessLog } from './access-audit';
import type { ReadPurpose } from './access-audit';
import { ApiProblem } from './api-document';
import { DATA_SOURCE } from './tokens';

export type { HouseholdTimeline } from '@vt/audit';

/**
 * `GET /api/v1/households/:id/timeline` in every service (docs/adr/0034, 0039): the household's timeline as
 * `vt audit replay` builds it (`@vt/audit` `householdTimeline`), from this service's own outbox rows keyed by
 * the household, i.e. its part of the log. The caller's `scope` check (404 when the service knows nothing of
 * the household, 403 naming a VT region the caller does not cover) runs first; the read is recorded as
 * `CaseDataAccessed` (fields `timeline`) in the same transaction, before the answer is sent.
 */
@Injectable()
export class HouseholdTimelines {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly accessLog: AccessLog,
  ) {}

  read(householdId: string, access: { purpose: ReadPurpose; actor: string }, scope: (manager: EntityManager) => Promise<void>, now: Date = new Date()): Promise<HouseholdTimeline> {
    return this.dataSource.transaction(async (manager) => {
      await scope(manager);
      const rows = (await manager.query(OUTBOX_ROWS_OF_HOUSEHOLD, [householdId])) as OutboxRow[];
      const answer = await householdTimeline(householdId, this.accessLog.service, rows, now);
      await this.accessLog.record(manager, { householdId, subject: { kind: 'household', id: householdId }, purpose: access.purpose, fields: [...HOUSEHOLD_TIMELINE_FIELDS], actor: access.actor }, now);
      return answer;
    });
  }
}

/** The OpenAPI description of each service's timeline route: the same words for the same mechanism. */
export function ApiHouseholdTimeline(service: string, notFound: string): MethodDecorator {
  return applyDecorators(
    ApiOperation({
      summary: `The household's timeline built with the replay's code (\`@vt/audit\` buildTimeline and renderTimelineText) from the events ${service} published for it (its outbox rows keyed by the household; the workspace merges the services' parts); free text shows as [encrypted]; the read is recorded as \`CaseDataAccessed\` (fields \`timeline\`).`,
    }),
    ApiProblem(404, notFound),
  );
}
