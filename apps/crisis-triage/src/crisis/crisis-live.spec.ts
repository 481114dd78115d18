import { CRISIS_ACTION_RECORDED, CRISIS_INTERVENTION_REQUESTED } from '@vt/contracts';
import { LiveSubscribers, noticeOf, sseEvent, streamLifetimeMs } from './crisis-live';

const ID = '0b6f1c2e-3d4a-4b5c-8d6e-7f8091a2b3c4';

describe('the live crisis queue', () => {
  it('turns a requested intervention into a notice with its region, and a recorded action into one without', () => {
    expect(noticeOf({ type: CRISIS_INTERVENTION_REQUESTED, data: { interventionId: ID, crisisRegion: 'vt-utrecht', persons: [{ personId: 'x', role: 'victim' }] } })).toEqual({
      notice: { kind: 'requested', interventionId: ID },
      region: 'vt-utrecht',
    });
    expect(noticeOf({ type: CRISIS_ACTION_RECORDED, data: { interventionId: ID, action: 'police-involved', householdId: ID } })).toEqual({ notice: { kind: 'updated', interventionId: ID } });
  });

  it('ignores every other event and anything that is not one', () => {
    expect(noticeOf({ type: 'nl.veiligthuis.triage.AcuteCheckCompleted.v1', data: { interventionId: ID } })).toBeUndefined();
    expect(noticeOf({ type: CRISIS_INTERVENTION_REQUESTED, data: { interventionId: 'not-an-id' } })).toBeUndefined();
    expect(noticeOf(null)).toBeUndefined();
    expect(noticeOf('text')).toBeUndefined();
    expect(noticeOf({ type: CRISIS_INTERVENTION_REQUESTED })).toBeUndefined();
  });

  it('writes one event per notice with its JSON on one data line', () => {
    expect(sseEvent('crisis-queue', { kind: 'requested', interventionId: ID })).toBe(`event: crisis-queue\ndata: {"kind":"requested","interventionId":"${ID}"}\n\n`);
  });

  it('sends a notice only to the streams of its region, and refuses a stream beyond the bound', () => {
    const frames: Record<string, string[]> = { a: [], b: [], c: [] };
    const subscribers = new LiveSubscribers(2);
    const a = { region: 'vt-utrecht', send: (f: string) => frames['a']?.push(f) };
    const b = { region: 'vt-groningen', send: (f: string) => frames['b']?.push(f) };
    expect(subscribers.add(a)).toBe(true);
    expect(subscribers.add(b)).toBe(true);
    expect(subscribers.add({ region: 'vt-utrecht', send: (f: string) => frames['c']?.push(f) })).toBe(false);
    expect(subscribers.publish('vt-utrecht', { kind: 'requested', interventionId: ID })).toBe(1);
    expect(frames['a']).toHaveLength(1);
    expect(frames['b']).toEqual([]);
    subscribers.remove(a);
    expect(subscribers.size).toBe(1);
    expect(subscribers.publish('vt-utrecht', { kind: 'updated', interventionId: ID })).toBe(0);
  });

  it('keeps a stream open until its token expires, and not at all after', () => {
    const now = new Date('2026-12-07T06:00:00Z');
    expect(streamLifetimeMs(new Date('2026-12-07T14:00:00Z'), now)).toBe(8 * 3600 * 1000);
    expect(streamLifetimeMs(new Date('2026-12-07T05:59:00Z'), now)).toBe(0);
    expect(streamLifetimeMs(new Date('2027-12-07T06:00:00Z'), now)).toBe(2 ** 31 - 1);
  });
});
