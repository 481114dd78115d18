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
 * Which of this service's outbox rows are the household's, as the caller's `scope` check names them: those keyed by
 * one of `keys` and, when `topics` is given, on one of `topics`. Without it (the four case services) the rows keyed by
 * the household id, on any topic. Shelter placement keys its record by placement id (docs/adr/0040): it names the
 * household's placements and its record topic, so neither capacity reports nor a shelter's own topic appear.
 */
export interface HouseholdRecords {
  keys: readonly string[];
  topics?: readonly string[];
}

/**
 * `GET /api/v1/households/:id/timeline` in every service (docs/adr/0034, 0039): the household's timeline as
 * `vt audit replay` builds it (`@vt/audit` `householdTimeline`), from this service's own outbox rows keyed by
 * the household (or by the keys the `scope` check returns, `HouseholdRecords`), i.e. its part of the log. The
 * caller's `scope` check (404 when the service knows nothing of the household, 403 naming a VT region the caller
 * does not cover) runs first; the read is recorded as
 * `CaseDataAccessed` (fields `timeline`) in the same transaction, before the answer is sent.
 */
@Injectable()
export class HouseholdTimelines {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly accessLog: AccessLog,
  ) {}

  read(householdId: string, access: { purpose: ReadPurpose; actor: string }, scope: (manager: EntityManager) => Promise<HouseholdRecords | void>, now: Date = new Date()): Promise<HouseholdTimeline> {
    return this.dataSource.transaction(async (manager) => {
      const records = (await scope(manager)) ?? { keys: [householdId] };
      const rows = (await manager.query(OUTBOX_ROWS_OF_HOUSEHOLD, [[...records.keys], records.topics ? [...records.topics] : null])) as OutboxRow[];
      const answer = await householdTimeline(householdId, this.accessLog.service, rows, now);
      await this.accessLog.record(manager, { householdId, subject: { kind: 'household', id: householdId }, purpose: access.purpose, fields: [...HOUSEHOLD_TIMELINE_FIELDS], actor: access.actor }, now);
      return answer;
    });
  }
}

/** The OpenAPI description of each service's timeline route: the same words for the same mechanism. */
export function ApiHouseholdTimeline(service: string, notFound: string, rows = 'its outbox rows keyed by the household'): MethodDecorator {
  return applyDecorators(
    ApiOperation({
      summary: `The household's timeline built with the replay's code (\`@vt/audit\` buildTimeline and renderTimelineText) from the events ${service} published for it (${rows}; the workspace merges the services' parts); free text shows as [encrypted]; the read is recorded as \`CaseDataAccessed\` (fields \`timeline\`).`,
    }),
    ApiProblem(404, notFound),
  );
}
