import { NL_CALENDAR } from '@vt/calendar';
import { loadRetentionRule, retentionEndsAt } from './retention-rule';

const at = (iso: string) => new Date(iso);

describe('retention of a dossier (Wmo 2015 art. 5.3.4)', () => {
  it('given the default rule, when a household had its last melding on 15 January 2026, then it is kept until local midnight 20 years later', () => {
    const end = retentionEndsAt(loadRetentionRule({}), at('2026-01-15T10:00:00+01:00'), [{ birthDate: '2016-05-01', namedAt: at('2026-01-15T10:00:00+01:00') }], NL_CALENDAR);
    expect(end).toEqual({ endsAt: at('2046-01-15T00:00:00+01:00'), basis: 'years' });
  });

  it('given until-youngest-child-18, when the household has children of 9 and 4, then it is kept until the 4-year-old turns 18', () => {
    const rule = loadRetentionRule({ RETENTION_RULE: 'until-youngest-child-18' });
    const namedAt = at('2026-01-15T10:00:00+01:00');
    const end = retentionEndsAt(rule, namedAt, [{ birthDate: '2016-05-01', namedAt }, { birthDate: '2021-07-09', namedAt }, { birthDate: '1988-02-02', namedAt }], NL_CALENDAR);
    expect(end).toEqual({ endsAt: at('2039-07-09T00:00:00+02:00'), basis: 'youngest-child-18' });
  });

  it('given until-youngest-child-18, when only an estimated age is known, then the 18th birthday is estimated from the melding date', () => {
    const namedAt = at('2026-03-01T12:00:00+01:00');
    const end = retentionEndsAt(loadRetentionRule({ RETENTION_RULE: 'until-youngest-child-18' }), namedAt, [{ estimatedAge: 10, namedAt }], NL_CALENDAR);
    expect(end.endsAt).toEqual(at('2034-03-01T00:00:00+01:00'));
  });

  it('given until-youngest-child-18, when nobody in the household is a minor, then the years rule applies', () => {
    const namedAt = at('2026-03-01T12:00:00+01:00');
    const end = retentionEndsAt(loadRetentionRule({ RETENTION_RULE: 'until-youngest-child-18', RETENTION_YEARS: '15' }), namedAt, [{ birthDate: '1990-01-01', namedAt }, { namedAt }], NL_CALENDAR);
    expect(end).toEqual({ endsAt: at('2041-03-01T00:00:00+01:00'), basis: 'years' });
  });

  it('refuses an unknown rule or a bad number of years, naming the variable', () => {
    expect(() => loadRetentionRule({ RETENTION_RULE: 'forever' })).toThrow(/RETENTION_RULE must be one of 20-years, until-youngest-child-18 \(got "forever"\)/);
    expect(() => loadRetentionRule({ RETENTION_YEARS: '0' })).toThrow(/RETENTION_YEARS must be whole years 1–100 \(got "0"\)/);
  });
});
