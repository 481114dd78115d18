import { arrivals, crisisFieldMessage, everyoneSafeAfter, orderQueue, parseQueue, reconnectDelay } from './crisis-queue.model';

const entry = (id: string, requestedAt: string, actions: { action: string; recordedAt: string }[] = []) => ({
  interventionId: id,
  meldingId: `m-${id}`,
  householdId: `h-${id}`,
  grounds: ['physical-violence'],
  persons: [{ personId: `p-${id}`, role: 'victim' }],
  requestedAt,
  safetyConfirmedFor: [],
  actions,
});

describe('the crisis queue on screen', () => {
  it('reads the API’s body and leaves out what it cannot read', () => {
    const body = { region: 'vt-utrecht', interventions: [{ ...entry('a', '2026-12-07T05:00:00Z'), gemeenteCode: 'GM0344', actions: [{ action: 'police-involved', personId: null, recordedAt: '2026-12-07T05:01:00Z' }] }, { interventionId: 'b' }, 'x'] };
    expect(parseQueue(body)).toEqual([{ ...entry('a', '2026-12-07T05:00:00Z'), gemeenteCode: 'GM0344', actions: [{ action: 'police-involved', recordedAt: '2026-12-07T05:01:00Z' }] }]);
    expect(parseQueue(undefined)).toEqual([]);
    expect(parseQueue({ interventions: 'no' })).toEqual([]);
  });

  it('shows the newest first, whatever was recorded on the others', () => {
    const handled = entry('old-handled', '2026-12-07T04:00:00Z', [{ action: 'police-involved', recordedAt: '2026-12-07T04:05:00Z' }]);
    const ordered = orderQueue([entry('older', '2026-12-07T05:00:00Z'), handled, entry('new', '2026-12-07T05:10:00Z')]);
    expect(ordered.map((e) => e.interventionId)).toEqual(['new', 'older', 'old-handled']);
  });

  it('announces only interventions that were not shown before, and nothing on the first read', () => {
    const next = [entry('a', '2026-12-07T05:00:00Z'), entry('b', '2026-12-07T05:01:00Z')];
    expect(arrivals(undefined, next)).toEqual([]);
    expect(arrivals(new Set(['a']), next).map((e) => e.interventionId)).toEqual(['b']);
  });

  it('waits longer after each failed reconnect, up to 15 s', () => {
    expect([1, 2, 3, 10].map(reconnectDelay)).toEqual([500, 1000, 2000, 15_000]);
  });

  it('says the crisis API’s field errors in Dutch, and others as the workspace does', () => {
    expect(crisisFieldMessage({ path: 'personId', code: 'unknown-person', message: 'x is not a person of this melding' })).toBe('Deze persoon hoort niet bij de melding.');
    expect(crisisFieldMessage({ path: 'note', code: 'isNotEmpty', message: 'note should not be empty' })).toBe('Dit veld is verplicht.');
  });

  it('knows everyone is safe after the last person, also before the queue was read again', () => {
    const two = { persons: [{ personId: 'p1', role: 'victim' }, { personId: 'p2', role: 'child-involved' }], safetyConfirmedFor: [] as string[] };
    expect(everyoneSafeAfter(two, [], 'p1')).toBe(false);
    expect(everyoneSafeAfter(two, ['p1'], 'p2')).toBe(true);
    expect(everyoneSafeAfter({ ...two, safetyConfirmedFor: ['p2'] }, [], 'p1')).toBe(true);
  });
});
