import { applyKafkajsIdleFix, kafkajsRequestQueue } from './kafkajs-idle-fix';

// The rule (tulios/kafkajs#1556): an idle connection must not check its empty request queue on a 1 ms timer forever;
// a queue with a pending request must still be checked until the request goes out.
type Queue = {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  scheduleCheckPendingRequests(): void;
  checkPendingRequests(): void;
  canSendSocketRequestImmediately(): boolean;
};

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function newQueue(): Queue {
  const RequestQueue = kafkajsRequestQueue() as unknown as new (options: Record<string, unknown>) => Queue;
  return new RequestQueue({ instrumentationEmitter: null, maxInFlightRequests: 1, requestTimeout: 30000, enforceRequestTimeout: true, clientId: 'spec', broker: 'spec:9092', logger: silent, isConnected: () => true });
}

describe('kafkajs idle fix', () => {
  beforeAll(() => {
    expect(applyKafkajsIdleFix()).toBe(true);
  });

  it('sets no timer for an empty, unthrottled queue (what kept every connection busy)', () => {
    const queue = newQueue();
    queue.scheduleCheckPendingRequests();
    queue.checkPendingRequests();
    expect(queue.throttleCheckTimeoutId).toBeNull();
  });

  it('still checks a queue with a pending request until it can be sent', () => {
    const queue = newQueue();
    const sent: unknown[] = [];
    queue.canSendSocketRequestImmediately = () => false;
    (queue as unknown as { sendSocketRequest(request: unknown): void }).sendSocketRequest = (request) => sent.push(request);
    queue.pending.push({ correlationId: 1 });
    queue.scheduleCheckPendingRequests();
    expect(queue.throttleCheckTimeoutId).not.toBeNull();
    clearTimeout(queue.throttleCheckTimeoutId as NodeJS.Timeout);
  });

  it('still wakes up when a throttle ends, even with nothing pending yet', () => {
    const queue = newQueue();
    queue.throttledUntil = Date.now() + 60_000;
    queue.scheduleCheckPendingRequests();
    expect(queue.throttleCheckTimeoutId).not.toBeNull();
    clearTimeout(queue.throttleCheckTimeoutId as NodeJS.Timeout);
  });

  it('is applied once however often it is called', () => {
    const before = kafkajsRequestQueue().prototype.scheduleCheckPendingRequests;
    expect(applyKafkajsIdleFix()).toBe(true);
    expect(kafkajsRequestQueue().prototype.scheduleCheckPendingRequests).toBe(before);
  });
});
