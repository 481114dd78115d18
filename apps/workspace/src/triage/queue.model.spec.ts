import { countByStatus, deadlineStatus, filterQueue, NO_FILTER, QueueItem, sortQueue, toQueue, visibleRange, workingDaysText } from './queue.model';

const at = (iso: string) => Date.parse(iso);
function item(id: string, over: Partial<QueueItem> = {}): QueueItem {
  return {
    subjectId: id, basis: 'melding', meldingId: id, householdId: `h-${id}`, receivedAt: at('2026-04-02T08:00:00Z'), acute: false,
    dueAt: at('2026-04-13T22:00:00Z'), approachingAt: at('2026-04-10T22:00:00Z'), deadlineState: 'running', workingDaysLeft: 3, legalBasis: 'Uitvoeringsbesluit Wmo 2015 art. 4.1.7', ...over,
  };
}

describe('deadlineStatus (DOMAIN.md: veiligheidsbeoordeling within 5 working days; "deadlines visible before they are breached")', () => {
  // A melding received Thu 2 April 2026 is due at the end of Mon 13 April: dueAt is the exclusive end, 2026-04-13T22:00Z
  // (libs/calendar); with the service's lead of 1 working day it approaches from the end of Fri 10 April.
  const due = item('a');

  it('given a moment before approachingAt, then the term is running', () => {
    expect(deadlineStatus(due, at('2026-04-10T21:59:59Z'))).toBe('running');
  });
  it('given approachingAt or later (only the lead of working days left), then it approaches', () => {
    expect(deadlineStatus(due, at('2026-04-10T22:00:00Z'))).toBe('approaching');
    expect(deadlineStatus(due, at('2026-04-13T21:59:59Z'))).toBe('approaching');
  });
  it('given dueAt itself (the exclusive end of the due day), then the term has passed: breached', () => {
    expect(deadlineStatus(due, at('2026-04-13T22:00:00Z'))).toBe('breached');
  });
  it('given the service already says approaching or breached, then the screen never shows it as less urgent', () => {
    expect(deadlineStatus({ ...due, deadlineState: 'approaching' }, at('2026-04-03T10:00:00Z'))).toBe('approaching');
    expect(deadlineStatus({ ...due, deadlineState: 'breached' }, at('2026-04-03T10:00:00Z'))).toBe('breached');
  });
});

describe('sortQueue (issue 12 point 5: the queue by due date)', () => {
  const now = at('2026-04-09T10:00:00Z');
  const late = item('c', { dueAt: at('2026-04-08T22:00:00Z'), approachingAt: at('2026-04-07T22:00:00Z'), receivedAt: at('2026-03-31T08:00:00Z') });
  const soon = item('b', { dueAt: at('2026-04-09T22:00:00Z'), approachingAt: at('2026-04-08T22:00:00Z'), receivedAt: at('2026-04-01T08:00:00Z') });
  const later = item('a', { dueAt: at('2026-04-13T22:00:00Z'), receivedAt: at('2026-04-02T09:00:00Z') });
  const sameDueEarlierReceipt = item('d', { dueAt: at('2026-04-13T22:00:00Z'), receivedAt: at('2026-04-02T07:00:00Z') });
  const ids = (list: QueueItem[]) => list.map((i) => i.subjectId);

  it('given due moments, when sorted by due date ascending, then the first due comes first and equal due moments by receipt (the API\'s order)', () => {
    expect(ids(sortQueue([later, soon, sameDueEarlierReceipt, late], { key: 'dueAt', direction: 'asc' }, now))).toEqual(['c', 'b', 'd', 'a']);
  });
  it('given descending, then the whole order is reversed', () => {
    expect(ids(sortQueue([later, soon, sameDueEarlierReceipt, late], { key: 'dueAt', direction: 'desc' }, now))).toEqual(['a', 'd', 'b', 'c']);
  });
  it('given status, then breached before approaching before running, each by due moment', () => {
    expect(ids(sortQueue([later, soon, late], { key: 'status', direction: 'asc' }, now))).toEqual(['c', 'b', 'a']);
  });
  it('given receipt, then the earliest received first', () => {
    expect(ids(sortQueue([later, soon, sameDueEarlierReceipt, late], { key: 'receivedAt', direction: 'asc' }, now))).toEqual(['c', 'b', 'd', 'a']);
  });
  it('given entries equal on every key, then the subject id decides, so a re-sort never shuffles them', () => {
    expect(ids(sortQueue([item('z'), item('y'), item('x')], { key: 'dueAt', direction: 'asc' }, now))).toEqual(['x', 'y', 'z']);
  });
  it('does not change the list it was given (the queue stays as the API sent it)', () => {
    const list = [later, late];
    sortQueue(list, { key: 'dueAt', direction: 'asc' }, now);
    expect(ids(list)).toEqual(['a', 'c']);
  });
});

describe('filterQueue and countByStatus', () => {
  const now = at('2026-04-09T10:00:00Z');
  const breached = item('c1', { dueAt: at('2026-04-08T22:00:00Z'), approachingAt: at('2026-04-07T22:00:00Z'), acute: true });
  const running = item('a2');
  it('given a part of a melding or household id, then only the entries containing it', () => {
    expect(filterQueue([breached, running], { ...NO_FILTER, text: 'h-a2' }, now)).toEqual([running]);
    expect(filterQueue([breached, running], { ...NO_FILTER, text: ' C1 ' }, now)).toEqual([breached]);
  });
  it('given a status or acute only, then only those', () => {
    expect(filterQueue([breached, running], { ...NO_FILTER, status: 'breached' }, now)).toEqual([breached]);
    expect(filterQueue([breached, running], { ...NO_FILTER, acuteOnly: true }, now)).toEqual([breached]);
  });
  it('counts each status', () => {
    expect(countByStatus([breached, running], now)).toEqual({ breached: 1, approaching: 0, running: 1 });
  });
});

describe('toQueue and workingDaysText', () => {
  it('reads the API\'s entries, with the working days left as the service counted them', () => {
    const queue = toQueue({
      region: 'vt-amsterdam-amstelland',
      asOf: '2026-04-09T10:00:00.000Z',
      assessments: [{ subjectId: 's', basis: 'melding', meldingId: 's', householdId: 'h', receivedAt: '2026-04-02T08:00:00.000Z', acute: true, dueAt: '2026-04-13T22:00:00.000Z', approachingAt: '2026-04-10T22:00:00.000Z', deadlineState: 'running', workingDaysLeft: 3, legalBasis: 'x' }],
    });
    expect(queue).toEqual({ region: 'vt-amsterdam-amstelland', asOf: at('2026-04-09T10:00:00Z'), items: [item('s', { householdId: 'h', acute: true, legalBasis: 'x' })] });
  });
  it('says "verstreken" for a breached term, else the working days (the due day counting as one)', () => {
    expect(workingDaysText({ workingDaysLeft: 0 }, 'breached')).toBe('verstreken');
    expect(workingDaysText({ workingDaysLeft: 1 }, 'approaching')).toBe('1 werkdag');
    expect(workingDaysText({ workingDaysLeft: 4 }, 'running')).toBe('4 werkdagen');
  });
});

describe('visibleRange (windowing: only the rows near the viewport are rendered, so 2,000 stay fast)', () => {
  it('given the table below the top of the viewport, then the rows that fit in what is left of it, plus the overscan below', () => {
    // The table starts 300 px down a 900 px viewport: 600 px of 40 px rows = 15 rows, +1 partly shown, +20 overscan.
    expect(visibleRange(-300, 900, 40, 2000, 20)).toEqual({ start: 0, end: 36 });
  });
  it('given the viewport scrolled into the table, then the overscan on both sides', () => {
    // 4,000 px past the first row = row 100; 900 px = 23 rows (+1).
    expect(visibleRange(4000, 900, 40, 2000, 20)).toEqual({ start: 80, end: 144 });
  });
  it('given the end of the list, then never past it; given few rows, then all of them', () => {
    expect(visibleRange(79_800, 900, 40, 2000, 20)).toEqual({ start: 1975, end: 2000 });
    expect(visibleRange(0, 900, 40, 3, 20)).toEqual({ start: 0, end: 3 });
    expect(visibleRange(500_000, 900, 40, 3, 20)).toEqual({ start: 3, end: 3 });
  });
});
