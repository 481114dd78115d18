export interface ProgressSnapshot {
  done: number;
  total: number;
  elapsedMs: number;
}

const grouped = (n: number) => Math.round(n).toLocaleString('en-US');

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** Events per second so far, and the time left at that rate. */
export function progressFigures({ done, total, elapsedMs }: ProgressSnapshot): { rate: number; etaSeconds: number; fraction: number } {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const left = Math.max(0, total - done);
  return { rate, etaSeconds: left === 0 ? 0 : rate > 0 ? left / rate : Infinity, fraction: total > 0 ? Math.min(1, done / total) : 1 };
}

/** `[#########-----------]  45%  450,000/1,000,000 events  120,000 ev/s  ETA 5s` */
export function formatProgressBar(snapshot: ProgressSnapshot, width = 30): string {
  const { rate, etaSeconds, fraction } = progressFigures(snapshot);
  const filled = Math.round(fraction * width);
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}  ${grouped(snapshot.done)}/${grouped(snapshot.total)} events  ${grouped(rate)} ev/s  ETA ${duration(etaSeconds)}`;
}

/** A plain line for logs: `replayed 450,000 of 1,000,000 events (45%), 120,000 ev/s, about 5s left` */
export function formatProgressLine(snapshot: ProgressSnapshot): string {
  const { rate, etaSeconds, fraction } = progressFigures(snapshot);
  return `replayed ${grouped(snapshot.done)} of ${grouped(snapshot.total)} events (${Math.floor(fraction * 100)}%), ${grouped(rate)} ev/s, about ${duration(etaSeconds)} left`;
}

export interface ProgressSink {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * Shows replay progress on a terminal as a bar redrawn in place (at most 10 times a second), elsewhere
 * as a plain line every `lineEveryMs`.
 */
export class ProgressReporter {
  private total = 0;
  private done = 0;
  private startedAt = 0;
  private lastShown = 0;
  private shownBar = false;

  constructor(
    private readonly sink: ProgressSink,
    private readonly options: { lineEveryMs?: number; now?: () => number } = {},
  ) {}

  private now(): number {
    return this.options.now?.() ?? performance.now();
  }

  start(total: number): void {
    this.total = total;
    this.startedAt = this.now();
    this.lastShown = this.startedAt;
  }

  advance(events: number): void {
    this.done += events;
    const now = this.now();
    const every = this.sink.isTTY ? 100 : (this.options.lineEveryMs ?? 5000);
    if (now - this.lastShown < every) return;
    this.lastShown = now;
    this.show(now);
  }

  finish(): void {
    this.show(this.now());
    if (this.shownBar) this.sink.write('\n');
  }

  private show(now: number): void {
    const snapshot = { done: this.done, total: this.total, elapsedMs: now - this.startedAt };
    if (this.sink.isTTY) {
      this.sink.write(`\r${formatProgressBar(snapshot)}`);
      this.shownBar = true;
    } else {
      this.sink.write(`${formatProgressLine(snapshot)}\n`);
    }
  }
}
