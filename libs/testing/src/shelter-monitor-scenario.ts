import { randomUUID } from 'node:crypto';
import {
  CloudEvent,
  EventDataByType,
  EventType,
  newEvent,
  SHELTER_CAPACITY_REPORTED,
  SHELTER_PLACEMENT_ACCEPTED,
  SHELTER_PLACEMENT_CANCELLED,
  SHELTER_PLACEMENT_DECLINED,
  SHELTER_PLACEMENT_ESCALATED,
  SHELTER_PLACEMENT_OFFER_LAPSED,
  SHELTER_PLACEMENT_OFFERED,
  SHELTER_PLACEMENT_REQUESTED,
  SHELTER_STAY_ENDED,
  SHELTER_STAY_MOVED,
  SHELTER_STAY_STARTED,
  ShelterCancelReason,
  ShelterDeclineReason,
  ShelterDestination,
  ShelterEscalationReason,
  ShelterProgramme,
  ShelterUrgency,
  TOPICS,
} from '@vt/contracts';

/*
 * The national shelter monitor's hand-count scenario (docs/adr/0041): fourteen placements over two VT regions
 * (vt-utrecht, vt-twente; one stay moves on to a shelter in vt-ijsselland), four of them ending in the baseline year 2024,
 * one starting in 2024 and ending in 2025, and nine requests made in 2025. Every figure of `SHELTER_HAND_COUNTS` is
 * worked out by hand below from these dates; the unit test and the e2e compare the monitor with them.
 *
 * Lengths of stay are whole Europe/Amsterdam calendar days from the start date to the end date (times in UTC below;
 * local time is UTC+1 in winter, UTC+2 in summer).
 */

const U = 'vt-utrecht';
const T = 'vt-twente';
const IJ = 'vt-ijsselland';
const SHELTERS = {
  u1: { shelterId: 'opvang-utrecht-1', region: U },
  u2: { shelterId: 'opvang-utrecht-2', region: U },
  t1: { shelterId: 'opvang-twente-1', region: T },
  t2: { shelterId: 'opvang-twente-2', region: T },
  ij1: { shelterId: 'opvang-ijsselland-1', region: IJ },
} as const;
type ShelterKey = keyof typeof SHELTERS;
const SERVICE = 'shelter-placement';
const PLACES = { adults: 1, children: 2 };
const HOUR = 3_600_000;

export interface ShelterScenarioRecord {
  topic: string;
  /** The record key: the placement id (the shelter id for capacity reports). */
  key: string;
  event: CloudEvent<string, unknown>;
}

/** One placement's facts, in the order the service would record them. */
class PlacementScript {
  readonly placementId = randomUUID();
  readonly householdId = randomUUID();
  private first?: CloudEvent<string, unknown>;
  private attempt = 0;
  private shelter?: ShelterKey;
  private readonly asked: string[] = [];

  constructor(
    private readonly records: ShelterScenarioRecord[],
    private readonly homeRegion: string,
    private readonly urgency: ShelterUrgency,
  ) {}

  private put<T extends EventType>(type: T, at: string, data: EventDataByType[T]): this {
    const event = newEvent({ type, service: SERVICE, householdId: this.householdId, subject: this.placementId, time: new Date(at), data, ...(this.first ? { causedBy: this.first } : {}) });
    this.first ??= event;
    this.records.push({ topic: TOPICS.shelterPlacements, key: this.placementId, event });
    return this;
  }

  private get ids() {
    return { placementId: this.placementId, householdId: this.householdId };
  }

  private current() {
    if (!this.shelter) throw new Error('no shelter asked yet');
    return SHELTERS[this.shelter];
  }

  requested(at: string): this {
    return this.put(SHELTER_PLACEMENT_REQUESTED, at, { ...this.ids, homeRegion: this.homeRegion, urgency: this.urgency, places: PLACES, constraints: { notInHomeRegion: true, excludedRegions: [] }, requestedAt: at, actor: 'user:test-crisis-desk' });
  }

  offered(shelter: ShelterKey, at: string): this {
    this.shelter = shelter;
    this.attempt += 1;
    this.asked.push(SHELTERS[shelter].shelterId);
    const due = new Date(Date.parse(at) + 4 * HOUR).toISOString();
    return this.put(SHELTER_PLACEMENT_OFFERED, at, { ...this.ids, shelterId: SHELTERS[shelter].shelterId, shelterRegion: SHELTERS[shelter].region, places: PLACES, attempt: this.attempt, offeredAt: at, answerDueAt: due });
  }

  accepted(at: string): this {
    return this.put(SHELTER_PLACEMENT_ACCEPTED, at, { ...this.ids, shelterId: this.current().shelterId, answeredAt: at, actor: `user:partner:${this.current().shelterId}:test` });
  }

  declined(at: string, reason: ShelterDeclineReason = 'no-place'): this {
    return this.put(SHELTER_PLACEMENT_DECLINED, at, { ...this.ids, shelterId: this.current().shelterId, reason, answeredAt: at, actor: `user:partner:${this.current().shelterId}:test` });
  }

  lapsed(at: string): this {
    return this.put(SHELTER_PLACEMENT_OFFER_LAPSED, at, { ...this.ids, shelterId: this.current().shelterId, answerDueAt: at, lapsedAt: at });
  }

  escalated(at: string, reason: ShelterEscalationReason): this {
    return this.put(SHELTER_PLACEMENT_ESCALATED, at, { ...this.ids, homeRegion: this.homeRegion, urgency: this.urgency, reason, askedShelters: [...this.asked], escalatedAt: at });
  }

  cancelled(at: string, reason: ShelterCancelReason): this {
    return this.put(SHELTER_PLACEMENT_CANCELLED, at, { ...this.ids, reason, cancelledAt: at, actor: 'user:test-crisis-desk' });
  }

  started(at: string): this {
    return this.put(SHELTER_STAY_STARTED, at, { ...this.ids, shelterId: this.current().shelterId, shelterRegion: this.current().region, homeRegion: this.homeRegion, startedAt: at, actor: `user:partner:${this.current().shelterId}:test` });
  }

  moved(to: ShelterKey, programme: ShelterProgramme, at: string): this {
    const from = this.current().shelterId;
    this.shelter = to;
    return this.put(SHELTER_STAY_MOVED, at, { ...this.ids, fromShelterId: from, toShelterId: SHELTERS[to].shelterId, toShelterRegion: SHELTERS[to].region, programme, movedAt: at, actor: `user:partner:${from}:test` });
  }

  ended(at: string, destination: ShelterDestination): this {
    return this.put(SHELTER_STAY_ENDED, at, { ...this.ids, shelterId: this.current().shelterId, shelterRegion: this.current().region, homeRegion: this.homeRegion, destination, endedAt: at, actor: `user:partner:${this.current().shelterId}:test` });
  }
}

export interface ShelterMonitorScenario {
  records: ShelterScenarioRecord[];
  /** P1 … P14 as numbered below. */
  placements: Record<string, { placementId: string; householdId: string }>;
}

/** The scenario's records: the placements' facts (keyed by placement id) and two capacity reports (keyed by shelter id). */
export function shelterMonitorScenario(): ShelterMonitorScenario {
  const records: ShelterScenarioRecord[] = [];
  const p = (home: string, urgency: ShelterUrgency = 'regulier') => new PlacementScript(records, home, urgency);
  const placements: Record<string, PlacementScript> = {};

  // Baseline year 2024: four stays ended (and P14, started in 2024, ends in 2025).
  // P1: shelter vt-utrecht, 2024-02-01 → 2024-06-10 = 130 days (Feb 29 + Mar 31 + Apr 30 + May 31 = 121 to Jun 1, + 9).
  placements['P1'] = p(T).requested('2024-01-31T09:00:00.000Z').offered('u1', '2024-01-31T09:00:00.000Z').accepted('2024-01-31T12:00:00.000Z').started('2024-02-01T10:00:00.000Z').ended('2024-06-10T10:00:00.000Z', 'eigen-woning');
  // P2: shelter vt-utrecht, 2024-03-04 → 2024-06-12 = 100 days (Mar 4 → Jun 4 = 31 + 30 + 31 = 92, + 8).
  placements['P2'] = p(T).requested('2024-03-04T08:00:00.000Z').offered('u2', '2024-03-04T08:00:00.000Z').accepted('2024-03-04T09:00:00.000Z').started('2024-03-04T12:00:00.000Z').ended('2024-06-12T10:00:00.000Z', 'nieuwe-woning');
  // P3: shelter vt-twente, 2024-01-15 → 2024-07-15 = 182 days (31 + 29 + 31 + 30 + 31 + 30).
  placements['P3'] = p(U).requested('2024-01-15T08:00:00.000Z').offered('t1', '2024-01-15T08:00:00.000Z').accepted('2024-01-15T09:00:00.000Z').started('2024-01-15T12:00:00.000Z').ended('2024-07-15T10:00:00.000Z', 'eigen-woning');
  // P4: shelter vt-twente, 2024-04-01 → 2024-08-19 = 140 days (Apr 1 → Aug 1 = 30 + 31 + 30 + 31 = 122, + 18).
  placements['P4'] = p(U).requested('2024-03-31T08:00:00.000Z').offered('t2', '2024-03-31T08:00:00.000Z').accepted('2024-03-31T10:00:00.000Z').started('2024-04-01T10:00:00.000Z').ended('2024-08-19T10:00:00.000Z', 'andere-opvang');
  // P14: home vt-twente, shelter vt-utrecht, requested in 2024 (not among 2025's requests); 2024-11-05 → 2025-02-24 = 111 days
  // (Nov 5 → Feb 5 = 30 + 31 + 31 = 92, + 19); ended in 2025, so a 2025 stay.
  placements['P14'] = p(T).requested('2024-11-04T10:00:00.000Z').offered('u1', '2024-11-04T10:00:00.000Z').accepted('2024-11-04T20:00:00.000Z').started('2024-11-05T10:00:00.000Z').ended('2025-02-24T10:00:00.000Z', 'eigen-woning');

  // 2025.
  // P5: home vt-utrecht, acuut; accepted after 3 h, instroom after 7 h; shelter vt-twente 2025-01-06; doorstroom on 2025-02-03
  // to tweede-fase-opvang in vt-ijsselland (still a vt-twente stay: the region where it started); ended 2025-04-14 = 98 days
  // (Jan 6 → Apr 6 = 31 + 28 + 31 = 90, + 8), nieuwe-woning.
  placements['P5'] = p(U, 'acuut').requested('2025-01-06T08:00:00.000Z').offered('t1', '2025-01-06T08:00:00.000Z').accepted('2025-01-06T11:00:00.000Z').started('2025-01-06T15:00:00.000Z').moved('ij1', 'tweede-fase-opvang', '2025-02-03T10:00:00.000Z').ended('2025-04-14T10:00:00.000Z', 'nieuwe-woning');
  // P6: home vt-utrecht; the first shelter declines, the second accepts after 24 h, instroom after 48 h; shelter vt-twente
  // 2025-02-12 → 2025-05-12 = 89 days (28 + 31 + 30), eigen-woning.
  placements['P6'] = p(U).requested('2025-02-10T09:00:00.000Z').offered('t1', '2025-02-10T09:00:00.000Z').declined('2025-02-10T12:00:00.000Z').offered('t2', '2025-02-10T12:00:00.000Z').accepted('2025-02-11T09:00:00.000Z').started('2025-02-12T09:00:00.000Z').ended('2025-05-12T10:00:00.000Z', 'eigen-woning');
  // P7: home vt-twente, spoed; the offer lapses, escalated (nobody-accepted), accepted after 48 h, instroom after 54 h; shelter
  // vt-utrecht 2025-03-05 (across the change to summer time) → 2025-05-26 = 82 days (Mar 5 → May 5 = 31 + 30 = 61, + 21);
  // doorstroom 2025-04-01 to crisisopvang at another vt-utrecht shelter; andere-opvang.
  placements['P7'] = p(T, 'spoed').requested('2025-03-03T10:00:00.000Z').offered('u1', '2025-03-03T10:00:00.000Z').lapsed('2025-03-03T14:00:00.000Z').escalated('2025-03-03T14:00:00.000Z', 'nobody-accepted').offered('u2', '2025-03-05T06:00:00.000Z').accepted('2025-03-05T10:00:00.000Z').started('2025-03-05T16:00:00.000Z').moved('u1', 'crisisopvang', '2025-04-01T10:00:00.000Z').ended('2025-05-26T10:00:00.000Z', 'andere-opvang');
  // P8: home vt-twente; accepted after 12 h (02:00 local), instroom after 24 h; shelter vt-utrecht 2025-04-08 → 2025-04-18 = 10 days; onbekend.
  placements['P8'] = p(T).requested('2025-04-07T12:00:00.000Z').offered('u2', '2025-04-07T12:00:00.000Z').accepted('2025-04-08T00:00:00.000Z').started('2025-04-08T12:00:00.000Z').ended('2025-04-18T10:00:00.000Z', 'onbekend');
  // P9: home vt-utrecht, acuut; accepted after 2 h, instroom after 4 h; shelter vt-twente 2025-05-05 → 2025-10-06 = 154 days
  // (May 5 → Oct 5 = 31 + 30 + 31 + 31 + 30 = 153, + 1); eigen-woning.
  placements['P9'] = p(U, 'acuut').requested('2025-05-05T06:00:00.000Z').offered('t2', '2025-05-05T06:00:00.000Z').accepted('2025-05-05T08:00:00.000Z').started('2025-05-05T10:00:00.000Z').ended('2025-10-06T10:00:00.000Z', 'eigen-woning');
  // P10: home vt-twente, spoed; no free place: escalated at once (no-free-place), accepted after 48 h, instroom after 72 h;
  // shelter vt-utrecht from 2025-06-05, doorstroom 2025-09-01 to beschermd-wonen, still there on 2026-01-01: 210 days so far
  // (Jun 5 → Jul 1 = 26, + 31 + 31 + 30 + 31 + 30 + 31).
  placements['P10'] = p(T, 'spoed').requested('2025-06-02T08:00:00.000Z').escalated('2025-06-02T08:00:00.000Z', 'no-free-place').offered('u1', '2025-06-04T07:00:00.000Z').accepted('2025-06-04T08:00:00.000Z').started('2025-06-05T08:00:00.000Z').moved('u1', 'beschermd-wonen', '2025-09-01T10:00:00.000Z');
  // P11: home vt-utrecht; offered, then cancelled (placed-elsewhere) the next day. No stay.
  placements['P11'] = p(U).requested('2025-07-01T10:00:00.000Z').offered('t1', '2025-07-01T10:00:00.000Z').cancelled('2025-07-02T10:00:00.000Z', 'placed-elsewhere');
  // P13: home vt-utrecht; accepted after 6 h, instroom after 12.5 h at 2025-08-04T22:30Z = 00:30 on 2025-08-05 local, so the
  // stay starts on 2025-08-05; shelter vt-twente → 2025-09-15 = 41 days (Aug 5 → Sep 5 = 31, + 10); nieuwe-woning.
  placements['P13'] = p(U).requested('2025-08-04T10:00:00.000Z').offered('t2', '2025-08-04T10:00:00.000Z').accepted('2025-08-04T16:00:00.000Z').started('2025-08-04T22:30:00.000Z').ended('2025-09-15T10:00:00.000Z', 'nieuwe-woning');
  // P12: home vt-twente; declined, escalated (nobody-accepted), still waiting at the end of 2025.
  placements['P12'] = p(T).requested('2025-11-03T10:00:00.000Z').offered('u1', '2025-11-03T10:00:00.000Z').declined('2025-11-03T15:00:00.000Z', 'no-place').escalated('2025-11-03T15:00:00.000Z', 'nobody-accepted');

  // Capacity reports: on the record, keyed by the shelter; not part of any stay or household.
  for (const [shelter, at] of [['u1', '2025-01-02T08:00:00.000Z'], ['t1', '2025-01-02T08:00:00.000Z']] as const) {
    const { shelterId, region } = SHELTERS[shelter];
    const event = newEvent({ type: SHELTER_CAPACITY_REPORTED, service: SERVICE, householdId: shelterId, subject: shelterId, time: new Date(at), data: { shelterId, shelterRegion: region, totalPlaces: 12, freePlaces: 3, reportedAt: at, actor: `user:partner:${shelterId}:test` } });
    records.push({ topic: TOPICS.shelterPlacements, key: shelterId, event });
  }

  return { records, placements: Object.fromEntries(Object.entries(placements).map(([name, s]) => [name, { placementId: s.placementId, householdId: s.householdId }])) };
}

/**
 * The monitor of 2025 by year (`--from 2025-01-01 --to 2025-12-31 --period year`), baseline 2024 by default, by hand.
 *
 * Stays ended in 2025 (region of the shelter where they started, days):
 *   vt-utrecht: P14 111, P7 82, P8 10            → sorted 10, 82, 111
 *   vt-twente:  P5 98, P6 89, P9 154, P13 41     → sorted 41, 89, 98, 154
 *   national:   10, 41, 82, 89, 98, 111, 154 (n = 7, sum 585)
 * Nearest rank of p for n values: ⌈p/100 · n⌉.
 *   national: p25 rank ⌈1.75⌉ = 2 → 41; median the 4th → 89; p75 rank ⌈5.25⌉ = 6 → 111; p90 rank ⌈6.3⌉ = 7 → 154; mean 585/7 = 83.57 → 83.6
 *   vt-utrecht: p25 rank ⌈0.75⌉ = 1 → 10; median 82; p75 rank ⌈2.25⌉ = 3 → 111; p90 rank ⌈2.7⌉ = 3 → 111; mean 203/3 = 67.67 → 67.7
 *   vt-twente: p25 rank 1 → 41; median (89 + 98)/2 = 93.5; p75 rank 3 → 98; p90 rank ⌈3.6⌉ = 4 → 154; mean 382/4 = 95.5
 * Buckets: 10 < 2 weeks; 41 in 2–6 weeks; 82, 89 in 6–13 weeks (42–90 days); 98, 111, 154 in 13–26 weeks (91–181 days).
 * Running on 2026-01-01: P10 (vt-utrecht), 210 days so far.
 * Uitstroom: eigen-woning P14, P6, P9; nieuwe-woning P5, P13; andere-opvang P7; onbekend P8.
 * Doorstroom in 2025: P5 tweede-fase-opvang (vt-twente), P7 crisisopvang and P10 beschermd-wonen (vt-utrecht).
 * Home regions of the stays ended: vt-utrecht's shelters had households from vt-twente only (3), vt-twente's from vt-utrecht (4).
 *
 * Requests made in 2025 (hours to acceptance; to instroom):
 *   vt-utrecht: P5 3; 7   P6 24; 48   P9 2; 4   P13 6; 12.5   P11 cancelled
 *   vt-twente:  P7 48; 54   P8 12; 24   P10 48; 72   P12 escalated, still waiting
 *   national to acceptance 2, 3, 6, 12, 24, 48, 48 → median 12, p90 rank 7 → 48, max 48;
 *            to instroom 4, 7, 12.5, 24, 48, 54, 72 → median 24, p90 72, max 72; escalated P7, P10, P12 = 3; cancelled 1; waiting 1
 *   vt-utrecht to acceptance 2, 3, 6, 24 → median 4.5, p90 rank ⌈3.6⌉ = 4 → 24; to instroom 4, 7, 12.5, 48 → median 9.75 → 9.8, p90 48
 *   vt-twente to acceptance 12, 48, 48 → median 48, p90 48; to instroom 24, 54, 72 → median 54, p90 72
 *
 * Sneller Thuis, 2025 against 2024 (stays ended in each year):
 *   baseline national 100, 130, 140, 182 → median (130 + 140)/2 = 135, mean 552/4 = 138
 *   national: median 135 − 89 = 46 days shorter, 46/42 = 109.5 %; mean 138 − 83.6 = 54.4, 54.4/42 = 129.5 %
 *   vt-utrecht: baseline 100, 130 → median and mean 115; 115 − 82 = 33 → 78.6 %; 115 − 67.7 = 47.3 → 112.6 %
 *   vt-twente: baseline 140, 182 → median and mean 161; 161 − 93.5 = 67.5 → 160.7 %; 161 − 95.5 = 65.5 → 156 %
 */
export const SHELTER_HAND_COUNTS = {
  stays: [
    {
      period: '2025',
      region: '*',
      ended: { count: 7, min: 10, p25: 41, median: 89, p75: 111, p90: 154, max: 154, mean: 83.6 },
      buckets: { 'under-2-weeks': 1, '2-6-weeks': 1, '6-13-weeks': 2, '13-26-weeks': 3, '26-52-weeks': 0, '52-weeks-or-more': 0 },
      homeRegions: { [T]: 3, [U]: 4 },
      running: { count: 1, lengthSoFar: { count: 1, min: 210, median: 210, max: 210 } },
      destinations: { 'eigen-woning': 3, 'nieuwe-woning': 2, 'andere-opvang': 1, onbekend: 1 },
      doorstroom: { crisisopvang: 1, 'tweede-fase-opvang': 1, 'beschermd-wonen': 1, 'ambulante-begeleiding': 0 },
    },
    {
      period: '2025',
      region: T,
      ended: { count: 4, min: 41, p25: 41, median: 93.5, p75: 98, p90: 154, max: 154, mean: 95.5 },
      buckets: { 'under-2-weeks': 0, '2-6-weeks': 1, '6-13-weeks': 1, '13-26-weeks': 2, '26-52-weeks': 0, '52-weeks-or-more': 0 },
      homeRegions: { [U]: 4 },
      running: { count: 0 },
      destinations: { 'eigen-woning': 2, 'nieuwe-woning': 2, 'andere-opvang': 0, onbekend: 0 },
      doorstroom: { crisisopvang: 0, 'tweede-fase-opvang': 1, 'beschermd-wonen': 0, 'ambulante-begeleiding': 0 },
    },
    {
      period: '2025',
      region: U,
      ended: { count: 3, min: 10, p25: 10, median: 82, p75: 111, p90: 111, max: 111, mean: 67.7 },
      buckets: { 'under-2-weeks': 1, '2-6-weeks': 0, '6-13-weeks': 1, '13-26-weeks': 1, '26-52-weeks': 0, '52-weeks-or-more': 0 },
      homeRegions: { [T]: 3 },
      running: { count: 1, lengthSoFar: { count: 1, median: 210 } },
      destinations: { 'eigen-woning': 1, 'nieuwe-woning': 0, 'andere-opvang': 1, onbekend: 1 },
      doorstroom: { crisisopvang: 1, 'tweede-fase-opvang': 0, 'beschermd-wonen': 1, 'ambulante-begeleiding': 0 },
    },
  ],
  waiting: [
    { period: '2025', homeRegion: '*', requests: 9, toAccepted: { count: 7, median: 12, p90: 48, max: 48 }, toStayStarted: { count: 7, median: 24, p90: 72, max: 72 }, escalated: 3, cancelled: 1, waitingAtPeriodEnd: 1 },
    { period: '2025', homeRegion: T, requests: 4, toAccepted: { count: 3, median: 48, p90: 48, max: 48 }, toStayStarted: { count: 3, median: 54, p90: 72, max: 72 }, escalated: 3, cancelled: 0, waitingAtPeriodEnd: 1 },
    { period: '2025', homeRegion: U, requests: 5, toAccepted: { count: 4, median: 4.5, p90: 24, max: 24 }, toStayStarted: { count: 4, median: 9.8, p90: 48, max: 48 }, escalated: 0, cancelled: 1, waitingAtPeriodEnd: 0 },
  ],
  snellerThuis: {
    aimDays: 42,
    actual: { from: '2025-01-01', to: '2025-12-31' },
    baseline: { from: '2024-01-01', to: '2024-12-31' },
    rows: [
      { region: '*', baseline: { count: 4, median: 135, mean: 138 }, actual: { count: 7, median: 89, mean: 83.6 }, daysShorter: { median: 46, mean: 54.4 }, progressPercent: { median: 109.5, mean: 129.5 } },
      { region: T, baseline: { count: 2, median: 161, mean: 161 }, actual: { count: 4, median: 93.5, mean: 95.5 }, daysShorter: { median: 67.5, mean: 65.5 }, progressPercent: { median: 160.7, mean: 156 } },
      { region: U, baseline: { count: 2, median: 115, mean: 115 }, actual: { count: 3, median: 82, mean: 67.7 }, daysShorter: { median: 33, mean: 47.3 }, progressPercent: { median: 78.6, mean: 112.6 } },
    ],
  },
  unmatched: { stayEndsWithoutStart: 0, movesWithoutStart: 0 },
};

/**
 * The first quarter of 2025 (`--from 2025-01-01 --to 2025-03-31 --period quarter`), by hand:
 *   ended: P14 only (vt-utrecht, 111 days, eigen-woning); doorstroom: P5's move on 2025-02-03 (vt-twente, tweede-fase-opvang).
 *   running on 2025-04-01 (local midnight): P5 since Jan 6 = 85 days (25 + 28 + 31 + 1), P6 since Feb 12 = 48 (16 + 31 + 1),
 *   P7 since Mar 5 = 27 → sorted 27, 48, 85: median 48, max 85.
 *   requests: P5, P6 (vt-utrecht), P7 (vt-twente); all in a stay by Apr 1, so none waiting; P7 escalated.
 *   Sneller Thuis: the baseline 2024-01-01 – 2024-03-31 has no ended stay (the first ended on 2024-06-10): "no baseline".
 */
export const SHELTER_Q1_HAND_COUNTS = {
  stays: [
    { period: '2025-Q1', region: '*', ended: { count: 1, median: 111 }, running: { count: 3, lengthSoFar: { count: 3, min: 27, median: 48, max: 85 } }, destinations: { 'eigen-woning': 1, 'nieuwe-woning': 0, 'andere-opvang': 0, onbekend: 0 }, doorstroom: { 'tweede-fase-opvang': 1, crisisopvang: 0 } },
    { period: '2025-Q1', region: T, ended: { count: 0, median: null }, running: { count: 2, lengthSoFar: { median: 66.5 } }, doorstroom: { 'tweede-fase-opvang': 1 } },
    { period: '2025-Q1', region: U, ended: { count: 1, median: 111 }, running: { count: 1, lengthSoFar: { median: 27 } }, doorstroom: { 'tweede-fase-opvang': 0 } },
  ],
  waiting: [
    { period: '2025-Q1', homeRegion: '*', requests: 3, escalated: 1, cancelled: 0, waitingAtPeriodEnd: 0 },
    { period: '2025-Q1', homeRegion: T, requests: 1, escalated: 1, waitingAtPeriodEnd: 0 },
    { period: '2025-Q1', homeRegion: U, requests: 2, escalated: 0, waitingAtPeriodEnd: 0 },
  ],
  snellerThuis: {
    baseline: { from: '2024-01-01', to: '2024-03-31' },
    rows: [
      { region: '*', baseline: null, actual: { count: 1, median: 111, mean: 111 }, daysShorter: { median: null, mean: null }, progressPercent: { median: null, mean: null }, note: 'no baseline' },
      { region: U, baseline: null, note: 'no baseline' },
    ],
  },
};
