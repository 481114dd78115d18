import { checkBsn, normaliseHouseNumber, normalisePostcode } from './identifiers';

// Fixtures use only the public test range starting 9999; invalid ones change a digit of a valid one.
describe('checkBsn', () => {
  it.each(['999993653', '999990408', '999990019'])('given test BSN %s, when checked, then it is accepted as is', (bsn) => {
    expect(checkBsn(bsn)).toEqual({ ok: true, value: bsn });
  });

  it.each([
    ['999 993 653', 'spaces'],
    ['9999.93.653', 'dots'],
    ['  999993653 ', 'surrounding blanks'],
  ])('given a valid BSN typed with %s (%s), when checked, then the value is the 9 digits', (typed) => {
    expect(checkBsn(typed)).toEqual({ ok: true, value: '999993653' });
  });

  it.each([
    ['999993654', 'the last digit changed'],
    ['999993053', 'a middle digit changed'],
    ['999993635', 'the last two digits swapped'],
    ['999990409', 'the last digit of the second test number changed'],
  ])('given %s (%s), when checked, then it fails the elfproef', (bsn) => {
    const result = checkBsn(bsn);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.code).toBe('bsn-fails-elfproef');
      expect(result.problem.message).toMatch(/elfproef/);
    }
  });

  it.each(['99999365', '9999936533', ''])('given "%s", when checked, then it is refused for its length', (bsn) => {
    const result = checkBsn(bsn);
    expect(result).toMatchObject({ ok: false, problem: { code: 'bsn-wrong-length' } });
  });

  it.each(['99999365a', '999-993-653', '9999936S3'])('given "%s", when checked, then it is refused for a character that is not a digit', (bsn) => {
    expect(checkBsn(bsn)).toMatchObject({ ok: false, problem: { code: 'bsn-not-digits' } });
  });

  it('given nine zeros (which pass the arithmetic of the elfproef), when checked, then they are refused', () => {
    expect(checkBsn('000000000')).toMatchObject({ ok: false, problem: { code: 'bsn-all-zeros' } });
  });

  it('given a refused BSN, when the problem is read, then its message does not repeat the number', () => {
    const result = checkBsn('999993654');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.message).not.toContain('999993654');
  });
});

describe('normalisePostcode', () => {
  it.each([
    ['1234ab', '1234 AB'],
    ['1234 AB', '1234 AB'],
    ['1234Ab', '1234 AB'],
    [' 9999 zz ', '9999 ZZ'],
    ['1000sb', '1000 SB'],
  ])('given "%s", when normalised, then it is "%s"', (typed, expected) => {
    expect(normalisePostcode(typed)).toEqual({ ok: true, value: expected });
  });

  it.each(['0123 AB', '0999aa'])('given "%s" starting with 0, when normalised, then it is refused for the leading zero', (typed) => {
    expect(normalisePostcode(typed)).toMatchObject({ ok: false, problem: { code: 'postcode-leading-zero' } });
  });

  it.each(['1234 SA', '1234sd', '1234 ss'])('given "%s", when normalised, then the letters are refused specifically', (typed) => {
    expect(normalisePostcode(typed)).toMatchObject({ ok: false, problem: { code: 'postcode-reserved-letters' } });
  });

  it.each(['123 AB', '12345 AB', '1234 A', '1234 ABC', '1234-AB', 'ABCD 12', '', '1234 A1'])('given "%s", when normalised, then it is refused for its format', (typed) => {
    expect(normalisePostcode(typed)).toMatchObject({ ok: false, problem: { code: 'postcode-format' } });
  });
});

describe('normaliseHouseNumber', () => {
  it.each([
    [12, '12'],
    ['12', '12'],
    ['012', '12'],
    ['12a', '12-A'],
    ['12 A', '12-A'],
    ['12-a', '12-A'],
    ['12 bis', '12-BIS'],
    ['12A-2', '12-A2'],
    ['99999', '99999'],
  ])('given house number %p, when normalised, then it is "%s"', (typed, expected) => {
    expect(normaliseHouseNumber(typed)).toEqual({ ok: true, value: expected });
  });

  it.each([[0], ['0'], ['100000'], [100000]])('given %p, when normalised, then it is refused as out of range', (typed) => {
    expect(normaliseHouseNumber(typed)).toMatchObject({ ok: false, problem: { code: 'house-number-out-of-range' } });
  });

  it.each([[''], ['a12'], ['12.5'], ['12 abcdef'], [-3], [12.5]])('given %p, when normalised, then it is refused for its format', (typed) => {
    expect(normaliseHouseNumber(typed)).toMatchObject({ ok: false, problem: { code: 'house-number-format' } });
  });
});
