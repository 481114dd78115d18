import { randomUUID } from 'node:crypto';
import { CloudEvent, newEvent, SHELTER_PLACEMENT_REQUESTED, SHELTER_STAY_ENDED, SHELTER_STAY_MOVED, SHELTER_STAY_STARTED, ShelterDestination } from '@vt/contracts';
import { distribution, reportSpans, shelterReport } from './shelter-report';

// Rules of the national shelter monitor (docs/adr/0041), each as given events → when reported → then figures.
const actor = 'user:test';

function stay(opts: { startedAt: string; endedAt?: string; region?: string; home?: string; movedTo?: { region: string; at: string }; destination?: ShelterDestination }): CloudEvent<string, unknown>[] {
  const ids = { placementId: randomUUID(), householdId: randomUUID() };
  const region = opts.region ?? 'vt-twente';
  const home = opts.home ?? 'vt-utrecht';
  const e = <T extends Parameters<typeof newEvent>[0]>(input: Omit<T, 'service' | 'householdId'>) => newEvent({ ...input, service: 'shelter-placement', householdId: ids.householdId } as T);
  const events: CloudEvent<string, unknown>[] = [
    e({ type: SHELTER_PLACEMENT_REQUESTED, time: new Date(opts.startedAt), data: { ...ids, homeRegion: home, urgency: 'regulier', places: { adults: 1, children: 0 }, constraints: { notInHomeRegion: true, excludedRegions: [] }, requestedAt: opts.startedAt, actor } }),
    e({ type: SHELTER_STAY_STARTED, time: new Date(opts.startedAt), data: { ...ids, shelterId: 'opvang-a', shelterRegion: region, homeRegion: home, startedAt: opts.startedAt, actor } }),
  ];
  if (opts.movedTo) events.push(e({ type: SHELTER_STAY_MOVED, time: new Date(opts.movedTo.at), data: { ...ids, fromShelterId: 'opvang-a', toShelterId: 'opvang-b', toShelterRegion: opts.movedTo.region, programme: 'tweede-fase-opvang', movedAt: opts.movedTo.at, actor } }));
  const endRegion = opts.movedTo?.region ?? region;
  if (opts.endedAt) events.push(e({ type: SHELTER_STAY_ENDED, time: new Date(opts.endedAt), data: { ...ids, shelterId: 'opvang-b', shelterRegion: endRegion, homeRegion: home, destination: opts.destination ?? 'eigen-woning', endedAt: opts.endedAt, actor } }));
  return events;
}

const year2025 = { from: '2025-01-01', to: '2025-12-31', period: 'year' } as const;
const row = (report: ReturnType<typeof shelterReport>, region: string) => report.stays.find((r) => r.region === region);

describe('national shelter monitor: rules', () => {
  it('a stay belongs to the region of the shelter where it started, also after doorstroom to another region', () => {
    const report = shelterReport(stay({ startedAt: '2025-02-01T10:00:00Z', movedTo: { region: 'vt-ijsselland', at: '2025-03-01T10:00:00Z' }, endedAt: '2025-04-01T10:00:00Z' }), year2025);
    expect(report.stays.map((r) => r.region)).toEqual(['*', 'vt-twente']);
    expect(row(report, 'vt-twente')).toMatchObject({ ended: { count: 1 }, doorstroom: { 'tweede-fase-opvang': 1 } });
  });

  it('doorstroom continues the stay: one stay, its length from instroom to uitstroom', () => {
    const report = shelterReport(stay({ startedAt: '2025-02-01T10:00:00Z', movedTo: { region: 'vt-twente', at: '2025-03-01T10:00:00Z' }, endedAt: '2025-03-15T10:00:00Z' }), year2025);
    expect(row(report, '*')?.ended).toMatchObject({ count: 1, median: 42 });
  });

  it('a stay belongs to the period it ended in: started in the year before, it counts in the year it ended, and runs at the end of the year it started', () => {
    const events = stay({ startedAt: '2024-12-01T10:00:00Z', endedAt: '2025-01-12T10:00:00Z' });
    expect(row(shelterReport(events, year2025), '*')).toMatchObject({ ended: { count: 1, median: 42 }, running: { count: 0 } });
    expect(row(shelterReport(events, { from: '2024-01-01', to: '2024-12-31', period: 'year' }), '*')).toMatchObject({ ended: { count: 0 }, running: { count: 1, lengthSoFar: { median: 31 } } });
  });

  it('length is in whole Europe/Amsterdam calendar days: 23:30 UTC in summer is the next day, and the change of clocks adds nothing', () => {
    // 2025-08-04T22:30Z is 00:30 on 5 August in Amsterdam; to 15 September is 41 days.
    expect(row(shelterReport(stay({ startedAt: '2025-08-04T22:30:00Z', endedAt: '2025-09-15T10:00:00Z' }), year2025), '*')?.ended.median).toBe(41);
    // Across 30 March 2025 (summer time starts): 29 March 12:00 to 30 March 12:00 local is 23 hours and 1 day.
    expect(row(shelterReport(stay({ startedAt: '2025-03-29T11:00:00Z', endedAt: '2025-03-30T10:00:00Z' }), year2025), '*')?.ended.median).toBe(1);
  });

  it('percentiles are nearest-rank (rank ⌈p/100 · n⌉); the median is the middle value or the mean of the two middle values', () => {
    expect(distribution([10, 20, 30, 40])).toEqual({ count: 4, min: 10, p25: 10, median: 25, p75: 30, p90: 40, max: 40, mean: 25 });
    expect(distribution([5])).toEqual({ count: 1, min: 5, p25: 5, median: 5, p75: 5, p90: 5, max: 5, mean: 5 });
    expect(distribution([])).toMatchObject({ count: 0, median: null, mean: null });
  });

  it('a stay of 13 weeks is in 13–26 weeks, one day less in 6–13 weeks', () => {
    const events = [...stay({ startedAt: '2025-01-01T10:00:00Z', endedAt: '2025-04-02T10:00:00Z' }), ...stay({ startedAt: '2025-01-01T10:00:00Z', endedAt: '2025-04-01T10:00:00Z' })];
    expect(row(shelterReport(events, year2025), '*')?.buckets).toMatchObject({ '6-13-weeks': 1, '13-26-weeks': 1 });
  });

  it('Sneller Thuis without stays ended in the baseline says "no baseline", never a number', () => {
    const report = shelterReport(stay({ startedAt: '2025-01-01T10:00:00Z', endedAt: '2025-02-12T10:00:00Z' }), year2025);
    expect(report.snellerThuis.baseline).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(report.snellerThuis.rows[0]).toEqual({ region: '*', baseline: null, actual: { count: 1, median: 42, mean: 42 }, daysShorter: { median: null, mean: null }, progressPercent: { median: null, mean: null }, note: 'no baseline' });
  });

  it('Sneller Thuis compares with the baseline period given: days shorter as a share of the 42-day aim', () => {
    const events = [...stay({ startedAt: '2023-01-01T10:00:00Z', endedAt: '2023-04-02T10:00:00Z' }), ...stay({ startedAt: '2025-01-01T10:00:00Z', endedAt: '2025-03-12T10:00:00Z' })];
    const report = shelterReport(events, { ...year2025, baseline: { from: '2023-01-01', to: '2023-12-31' } });
    // 91 days in 2023, 70 days in 2025: 21 days shorter, half the aim.
    expect(report.snellerThuis.rows[0]).toMatchObject({ baseline: { median: 91 }, actual: { median: 70 }, daysShorter: { median: 21 }, progressPercent: { median: 50 } });
  });

  it('an event delivered twice counts once', () => {
    const events = stay({ startedAt: '2025-01-01T10:00:00Z', endedAt: '2025-02-12T10:00:00Z' });
    expect(row(shelterReport([...events, ...events], year2025), '*')?.ended.count).toBe(1);
  });

  it('--region keeps only that region\'s rows, and the national Sneller Thuis line', () => {
    const events = [...stay({ startedAt: '2025-01-01T10:00:00Z', endedAt: '2025-02-12T10:00:00Z', region: 'vt-twente' }), ...stay({ startedAt: '2025-01-01T10:00:00Z', endedAt: '2025-02-01T10:00:00Z', region: 'vt-utrecht', home: 'vt-twente' })];
    const report = shelterReport(events, { ...year2025, region: 'vt-utrecht' });
    expect(report.stays.map((r) => [r.region, r.ended.count])).toEqual([['vt-utrecht', 1]]);
    expect(report.waiting.map((r) => [r.homeRegion, r.requests])).toEqual([['vt-utrecht', 1]]);
    expect(report.snellerThuis.rows.map((r) => [r.region, r.actual?.count])).toEqual([['*', 2], ['vt-utrecht', 1]]);
  });

  it('periods are calendar months, quarters or years, the first and last cut to the dates asked', () => {
    expect(reportSpans('quarter', '2025-02-15', '2025-07-31').map((s) => [s.label, s.fromDate, s.toDateExclusive])).toEqual([
      ['2025-Q1', '2025-02-15', '2025-04-01'],
      ['2025-Q2', '2025-04-01', '2025-07-01'],
      ['2025-Q3', '2025-07-01', '2025-08-01'],
    ]);
    expect(reportSpans('month', '2025-12-01', '2026-01-31').map((s) => [s.label, s.from])).toEqual([
      ['2025-12', '2025-11-30T23:00:00.000Z'],
      ['2026-01', '2025-12-31T23:00:00.000Z'],
    ]);
  });
});
