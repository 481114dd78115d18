import { serviceUrl } from '../api/http';
import { toProblem, Problem } from '../api/problem';
import { reconnectDelay } from './crisis-queue.model';
import { SseParser } from './sse';

export type FeedStatus = { kind: 'connecting' } | { kind: 'live' } | { kind: 'reconnecting'; inMs: number } | { kind: 'refused'; problem: Problem };

export interface LiveFeedOptions {
  region: string;
  token: string;
  /** Each time the stream is open (again), and on each notice: read the queue. */
  onChange(reason: 'connected' | 'notice'): void;
  onStatus(status: FeedStatus): void;
}

/**
 * The region's crisis-queue stream (crisis-triage, docs/adr/0035). `EventSource` cannot send the bearer token, so
 * this is `fetch` reading the body as it comes. It reconnects with a growing wait after a network failure or an
 * ended stream, and stops for good on a 401 or 403 (the screen says what to do). Returns the function that closes it.
 */
export function openLiveFeed(options: LiveFeedOptions): () => void {
  let closed = false;
  let failures = 0;
  let controller: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const again = () => {
    if (closed) return;
    failures++;
    const inMs = reconnectDelay(failures);
    options.onStatus({ kind: 'reconnecting', inMs });
    timer = setTimeout(() => void connect(), inMs);
  };

  async function connect(): Promise<void> {
    if (closed) return;
    controller = new AbortController();
    options.onStatus({ kind: 'connecting' });
    try {
      const response = await fetch(serviceUrl('crisis-triage', `/api/v1/regions/${encodeURIComponent(options.region)}/crisis-queue/stream`), {
        headers: { accept: 'text/event-stream', authorization: `Bearer ${options.token}` },
        signal: controller.signal,
        cache: 'no-store',
      });
      if (response.status === 401 || response.status === 403) {
        let body: unknown;
        try {
          body = await response.json();
        } catch {
          body = undefined;
        }
        options.onStatus({ kind: 'refused', problem: toProblem(response.status, body) });
        return;
      }
      if (!response.ok || !response.body) return again();
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      const parser = new SseParser();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        for (const event of parser.feed(decoder.decode(value, { stream: true }))) {
          if (event.event === 'ready') {
            failures = 0;
            options.onStatus({ kind: 'live' });
            options.onChange('connected');
          } else if (event.event === 'crisis-queue') {
            options.onChange('notice');
          }
        }
      }
      again();
    } catch {
      if (!closed) again();
    }
  }

  void connect();
  return () => {
    closed = true;
    if (timer) clearTimeout(timer);
    controller?.abort();
  };
}

/**
 * A short two-tone beep for a new acute melding. Browsers may block audio until the user has interacted with the
 * page; then there is no sound, only the visible alert, and nothing fails.
 */
export function beep(): void {
  try {
    const AudioContextClass = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!AudioContextClass) return;
    const context = new AudioContextClass();
    const gain = context.createGain();
    gain.gain.value = 0.2;
    gain.connect(context.destination);
    [880, 660].forEach((frequency, i) => {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.start(context.currentTime + i * 0.2);
      oscillator.stop(context.currentTime + i * 0.2 + 0.18);
    });
    setTimeout(() => void context.close().catch(() => undefined), 1000);
  } catch {
    // Audio not allowed or not available: the alert on screen is enough.
  }
}
