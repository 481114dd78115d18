import { formatProgressBar, formatProgressLine, ProgressReporter, progressFigures } from './progress';

describe('replay progress', () => {
  it('works out the rate and the time left from events done, total and time spent', () => {
    expect(progressFigures({ done: 250_000, total: 1_000_000, elapsedMs: 2_000 })).toEqual({ rate: 125_000, etaSeconds: 6, fraction: 0.25 });
    expect(progressFigures({ done: 0, total: 10, elapsedMs: 0 }).etaSeconds).toBe(Infinity);
    expect(progressFigures({ done: 0, total: 0, elapsedMs: 0 })).toEqual({ rate: 0, etaSeconds: 0, fraction: 1 });
  });

  it('draws a bar for a terminal and a plain line for logs', () => {
    expect(formatProgressBar({ done: 450_000, total: 1_000_000, elapsedMs: 3_750 }, 20)).toBe('[#########-----------]  45%  450,000/1,000,000 events  120,000 ev/s  ETA 5s');
    expect(formatProgressLine({ done: 450_000, total: 1_000_000, elapsedMs: 3_750 })).toBe('replayed 450,000 of 1,000,000 events (45%), 120,000 ev/s, about 5s left');
  });

  it('redraws the bar in place on a terminal, and writes a line every interval elsewhere', () => {
    let clock = 0;
    const tty: string[] = [];
    const bar = new ProgressReporter({ isTTY: true, write: (text) => tty.push(text) }, { now: () => clock });
    bar.start(100);
    clock = 50;
    bar.advance(10);
    clock = 200;
    bar.advance(10);
    bar.finish();
    expect(tty).toHaveLength(3);
    expect(tty[0]?.startsWith('\r[')).toBe(true);
    expect(tty[2]).toBe('\n');

    const lines: string[] = [];
    const plain = new ProgressReporter({ isTTY: false, write: (text) => lines.push(text) }, { now: () => clock, lineEveryMs: 1000 });
    clock = 0;
    plain.start(100);
    clock = 500;
    plain.advance(50);
    clock = 1500;
    plain.advance(50);
    plain.finish();
    expect(lines).toEqual(['replayed 100 of 100 events (100%), 67 ev/s, about 0s left\n', 'replayed 100 of 100 events (100%), 67 ev/s, about 0s left\n']);
  });
});
