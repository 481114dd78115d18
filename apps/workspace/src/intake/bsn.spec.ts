import { bsnHint, passesElfproef } from './bsn';

describe('the BSN elfproef hint', () => {
  it('accepts test BSNs from the public 9999 range', () => {
    expect(bsnHint('999993653')).toEqual({ kind: 'ok' });
    expect(bsnHint('9999.90.408')).toEqual({ kind: 'ok' });
    expect(bsnHint(' 999 993 653 ')).toEqual({ kind: 'ok' });
  });

  it('says why a number is not a BSN, in Dutch', () => {
    expect(bsnHint('999993654')).toMatchObject({ kind: 'elfproef', message: expect.stringContaining('elfproef') });
    expect(bsnHint('99999365')).toMatchObject({ kind: 'incomplete', message: expect.stringContaining('8') });
    expect(bsnHint('99999365a')).toMatchObject({ kind: 'not-digits' });
    expect(bsnHint('')).toEqual({ kind: 'empty' });
  });

  it('refuses all zeros, which passes the arithmetic', () => {
    expect(passesElfproef('000000000')).toBe(false);
  });

  it('agrees with intake’s own check on every number of a sample', async () => {
    const { checkBsn } = await import('@vt/intake-domain');
    for (let n = 999990000; n < 999990400; n++) {
      expect([String(n), passesElfproef(String(n))]).toEqual([String(n), checkBsn(String(n)).ok]);
    }
  });
});
