import { SHELTER_CAPACITY_REPORTED, TOPICS } from '@vt/contracts';
import { AuditEvent, parseLogRecord } from '../log-reader/log-event';
import { AuditLogConnection, readAuditLog } from '../log-reader/log-reader';
import { buildTimeline, erasureOf, ErasureOnLog, HOUSEHOLD_DATA_ERASED_TYPE, PERSON_DATA_ERASED_TYPE } from './build-timeline';
import { PersonDataOpener } from './person-data';
import { Timeline } from './timeline-model';

export interface ReplayHouseholdOptions extends AuditLogConnection {
  householdId: string;
  personData?: PersonDataOpener;
  topics?: readonly string[];
  warn?(message: string): void;
}

/**
 * Topics keyed by something other than the household: shelter placement's record is keyed by placement id (docs/adr/0040),
 * so its records belong to the household the envelope's `householdid` names.
 */
const KEYED_BY_OTHER_IDS = new Set<string>([TOPICS.shelterPlacements]);
/** Facts about no household, whatever their envelope says: a shelter's capacity (keyed by the shelter). */
const OF_NO_HOUSEHOLD = new Set<string>([SHELTER_CAPACITY_REPORTED]);

/**
 * Reads every domain topic from the beginning to the high-water marks fetched at the start, keeps the
 * records keyed by the household (on shelter placement's record: those whose envelope names it; never a capacity
 * report), and every erasure, whichever household it was recorded under, and folds them into the household's timeline.
 */
export async function replayHousehold(options: ReplayHouseholdOptions): Promise<Timeline> {
  const events: AuditEvent[] = [];
  const problems: Timeline['problems'] = [];
  const erasures = new Map<string, ErasureOnLog>();
  const log = await readAuditLog({
    ...options,
    onRecord(record) {
      const ours =
        (record.key === options.householdId || (KEYED_BY_OTHER_IDS.has(record.topic) && record.value?.includes(options.householdId) === true)) && !(record.type !== undefined && OF_NO_HOUSEHOLD.has(record.type));
      const mayBeErasure =
        record.type === PERSON_DATA_ERASED_TYPE || record.type === HOUSEHOLD_DATA_ERASED_TYPE || (record.type === undefined && (record.value?.includes('PersonDataErased') === true || record.value?.includes('HouseholdDataErased') === true));
      if (!ours && !mayBeErasure) return;
      const parsed = parseLogRecord(record);
      if (!parsed.ok) {
        if (ours) problems.push({ topic: record.topic, partition: record.partition, offset: record.offset, problem: parsed.problem });
        return;
      }
      const erasure = erasureOf(parsed.value.event);
      if (erasure && !erasures.has(erasure.personId)) erasures.set(erasure.personId, erasure);
      if (OF_NO_HOUSEHOLD.has(parsed.value.event.type)) return;
      const keyedByHousehold = !KEYED_BY_OTHER_IDS.has(record.topic);
      if ((ours && keyedByHousehold) || parsed.value.event.householdid === options.householdId) events.push(parsed.value);
    },
  });
  if (options.personData && 'preload' in options.personData) {
    const preload = (options.personData as { preload(ids: string[]): Promise<void> }).preload;
    const ids = new Set<string>();
    for (const { event } of events) {
      const personalData = (event.data as Record<string, unknown>)['personalData'];
      if (Array.isArray(personalData)) for (const value of personalData) if (value && typeof (value as { personId?: unknown }).personId === 'string') ids.add((value as { personId: string }).personId);
    }
    if (ids.size > 0) await preload.call(options.personData, [...ids]);
  }
  return buildTimeline({ householdId: options.householdId, events, erasures, log, problems, ...(options.personData ? { personData: options.personData } : {}) });
}
