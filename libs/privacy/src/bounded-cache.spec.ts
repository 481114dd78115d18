import { BoundedCache } from './bounded-cache';

describe('BoundedCache', () => {
  it('evicts the least recently used entry beyond its bound', () => {
    const cache = new BoundedCache<number>(2, 1_000);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('forgets entries after their time to live', () => {
    let now = 0;
    const cache = new BoundedCache<string>(10, 100, () => now);
    cache.set('a', 'x');
    now = 99;
    expect(cache.get('a')).toBe('x');
    now = 200;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('caches nothing when switched off', () => {
    const cache = new BoundedCache<number>(0, 1_000);
    cache.set('a', 1);
    expect(cache.get('a')).toBeUndefined();
  });
});
