import { SseParser } from './sse';

describe('reading the crisis stream', () => {
  it('reads named events, skips heartbeat comments, and joins data lines', () => {
    const parser = new SseParser();
    expect(parser.feed('event: ready\ndata: {"live":true}\n\n: heartbeat\n\ndata: a\ndata: b\n\n')).toEqual([
      { event: 'ready', data: '{"live":true}' },
      { event: 'message', data: 'a\nb' },
    ]);
  });

  it('keeps an event split over chunks, also between CR and LF, until its blank line', () => {
    const parser = new SseParser();
    expect(parser.feed('event: crisis-queue\r')).toEqual([]);
    expect(parser.feed('\ndata: {"kind":"requ')).toEqual([]);
    expect(parser.feed('ested"}\r\n')).toEqual([]);
    expect(parser.feed('\r\n')).toEqual([{ event: 'crisis-queue', data: '{"kind":"requested"}' }]);
  });

  it('drops an event without data and ignores fields it does not know', () => {
    const parser = new SseParser();
    expect(parser.feed('event: nothing\n\nid: 7\nretry: 10\ndata:x\n\n')).toEqual([{ event: 'message', data: 'x' }]);
  });
});
