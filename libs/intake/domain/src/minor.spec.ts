import { minorAtReceipt } from './minor';

/*
 * Rule: a person is a minor when under 18 at receipt of the melding, by date of birth, else by estimated age
 * (issue 11 point 7; PersonRef.minor in @vt/contracts; meerderjarig at 18, BW 1:233). DOMAIN.md "Registration
 * vocabulary": a person has an age or a date of birth.
 */
describe('minor at receipt', () => {
  const amsterdam = 'Europe/Amsterdam';
  const at = (iso: string) => new Date(iso);

  describe('by date of birth', () => {
    it('when the melding is received the day before the 18th birthday, then the person is a minor', () => {
      expect(minorAtReceipt({ birthDate: '2008-03-31' }, at('2026-03-30T12:00:00Z'), amsterdam)).toBe(true);
    });

    it('when the melding is received on the 18th birthday, then the person is no longer a minor', () => {
      expect(minorAtReceipt({ birthDate: '2008-03-31' }, at('2026-03-31T12:00:00Z'), amsterdam)).toBe(false);
    });

    it('counts the birthday in the household’s calendar date: just after midnight in Amsterdam is already the birthday', () => {
      // 23:30 UTC on 30 March is 01:30 on 31 March in Amsterdam (summer time).
      expect(minorAtReceipt({ birthDate: '2008-03-31' }, at('2026-03-30T23:30:00Z'), amsterdam)).toBe(false);
      expect(minorAtReceipt({ birthDate: '2008-03-31' }, at('2026-03-30T23:30:00Z'), 'UTC')).toBe(true);
    });

    it('on Bonaire (UTC−4) the evening before the birthday is still the day before', () => {
      expect(minorAtReceipt({ birthDate: '2008-03-31' }, at('2026-03-31T02:00:00Z'), 'America/Kralendijk')).toBe(true);
    });

    it('a child is a minor and an adult is not', () => {
      expect(minorAtReceipt({ birthDate: '2015-03-31' }, at('2026-06-01T10:00:00Z'), amsterdam)).toBe(true);
      expect(minorAtReceipt({ birthDate: '1980-01-01' }, at('2026-06-01T10:00:00Z'), amsterdam)).toBe(false);
    });

    it('someone born on 29 February turns 18 on 1 March of a year without 29 February [verify]', () => {
      expect(minorAtReceipt({ birthDate: '2008-02-29' }, at('2026-02-28T12:00:00Z'), amsterdam)).toBe(true);
      expect(minorAtReceipt({ birthDate: '2008-02-29' }, at('2026-03-01T12:00:00Z'), amsterdam)).toBe(false);
      expect(minorAtReceipt({ birthDate: '2012-02-29' }, at('2030-02-28T12:00:00Z'), amsterdam)).toBe(true);
      expect(minorAtReceipt({ birthDate: '2012-02-29' }, at('2030-03-01T12:00:00Z'), amsterdam)).toBe(false);
      expect(minorAtReceipt({ birthDate: '2008-02-29' }, at('2028-02-29T12:00:00Z'), amsterdam)).toBe(false);
    });

    it('the date of birth wins over an estimated age', () => {
      expect(minorAtReceipt({ birthDate: '1990-05-01', estimatedAge: 12 }, at('2026-06-01T10:00:00Z'), amsterdam)).toBe(false);
      expect(minorAtReceipt({ birthDate: '2015-05-01', estimatedAge: 40 }, at('2026-06-01T10:00:00Z'), amsterdam)).toBe(true);
    });
  });

  describe('by estimated age, when there is no date of birth', () => {
    it('given an estimated age of 17, the person is a minor', () => {
      expect(minorAtReceipt({ estimatedAge: 17 }, at('2026-06-01T10:00:00Z'), amsterdam)).toBe(true);
    });

    it('given an estimated age of 18, the person is not', () => {
      expect(minorAtReceipt({ estimatedAge: 18 }, at('2026-06-01T10:00:00Z'), amsterdam)).toBe(false);
    });

    it('given an estimated age of 0 (a baby), the person is a minor', () => {
      expect(minorAtReceipt({ estimatedAge: 0 }, at('2026-06-01T10:00:00Z'), amsterdam)).toBe(true);
    });
  });

  it('given neither a date of birth nor an estimated age, nobody knows: undefined (absent on the event)', () => {
    expect(minorAtReceipt({}, at('2026-06-01T10:00:00Z'), amsterdam)).toBeUndefined();
  });
});
