import { checkConcernAges, elderlyVictimAtReceipt, PersonWithAge } from './age-rules';
import { atLeastAgeAtReceipt } from './minor';

const amsterdam = 'Europe/Amsterdam';
const receivedAt = new Date('2026-06-01T10:00:00Z');
const check = (aard: string[], persons: PersonWithAge[], tags: string[] = []) => checkConcernAges({ aard, tags, persons, receivedAt, timeZone: amsterdam });

/*
 * Rule: ouderenmishandeling is violence against someone of 65 or older (code list aard-van-het-geweld/1:
 * "Slachtoffer is 65 jaar of ouder"; DOMAIN.md "Registration vocabulary": "ouderenmishandeling (65+)"), counted on
 * the day of receipt in the household's calendar date, by date of birth, else estimated age.
 */
describe('65 or older at receipt (aard-van-het-geweld/1, ouderenmishandeling)', () => {
  it('when the melding is received the day before the 65th birthday, then the person is not yet 65', () => {
    expect(atLeastAgeAtReceipt({ birthDate: '1961-06-02' }, 65, receivedAt, amsterdam)).toBe(false);
  });

  it('when the melding is received on the 65th birthday, then the person is 65', () => {
    expect(atLeastAgeAtReceipt({ birthDate: '1961-06-01' }, 65, receivedAt, amsterdam)).toBe(true);
  });

  it('counts the birthday in the household’s calendar date: 23:30 UTC is already the next day in Amsterdam', () => {
    expect(atLeastAgeAtReceipt({ birthDate: '1961-06-02' }, 65, new Date('2026-06-01T23:30:00Z'), amsterdam)).toBe(true);
    expect(atLeastAgeAtReceipt({ birthDate: '1961-06-02' }, 65, new Date('2026-06-01T23:30:00Z'), 'UTC')).toBe(false);
  });

  it('without a date of birth the estimated age decides; without either the age is unknown', () => {
    expect(atLeastAgeAtReceipt({ estimatedAge: 70 }, 65, receivedAt, amsterdam)).toBe(true);
    expect(atLeastAgeAtReceipt({ estimatedAge: 64 }, 65, receivedAt, amsterdam)).toBe(false);
    expect(atLeastAgeAtReceipt({}, 65, receivedAt, amsterdam)).toBeUndefined();
  });

  it('the elderly victim of a melding: yes when one victim is 65+, no only when every victim is known to be younger, else unknown', () => {
    expect(elderlyVictimAtReceipt([{ role: 'victim', estimatedAge: 40 }, { role: 'victim', birthDate: '1956-01-01' }], receivedAt, amsterdam)).toBe(true);
    expect(elderlyVictimAtReceipt([{ role: 'victim', estimatedAge: 40 }, { role: 'suspected-perpetrator', estimatedAge: 70 }], receivedAt, amsterdam)).toBe(false);
    expect(elderlyVictimAtReceipt([{ role: 'victim', estimatedAge: 40 }, { role: 'victim' }], receivedAt, amsterdam)).toBeUndefined();
    expect(elderlyVictimAtReceipt([{ role: 'adult-involved', estimatedAge: 80 }], receivedAt, amsterdam)).toBeUndefined();
  });
});

/*
 * Rule (issue 15 point 4): a category of the code lists that depends on age is refused (a 422 naming the concern
 * and the person fields) when the ages recorded contradict it; an unknown age never refuses (docs/adr/0036).
 */
describe('ages against the code lists', () => {
  describe('ouderenmishandeling (aard-van-het-geweld/1: "Slachtoffer is 65 jaar of ouder")', () => {
    it('given a victim of 70, when registered as ouderenmishandeling, then it is accepted', () => {
      expect(check(['ouderenmishandeling'], [{ role: 'victim', birthDate: '1956-03-14' }, { role: 'suspected-perpetrator', estimatedAge: 45 }])).toEqual([]);
    });

    it('given a victim of 40 by date of birth, when registered as ouderenmishandeling, then it is refused on concerns.aard naming the birth date', () => {
      const [problem, ...more] = check(['ouderenmishandeling'], [{ role: 'suspected-perpetrator', estimatedAge: 70 }, { role: 'victim', birthDate: '1986-01-01' }]);
      expect(more).toEqual([]);
      expect(problem).toMatchObject({ path: 'concerns.aard', code: 'victim-not-elderly', persons: ['persons[1].birthDate'] });
      expect(problem?.message).toContain('65 or older');
      expect(problem?.message).toContain('persons[1].birthDate');
    });

    it('given a victim of 64 by estimate, then it is refused naming the estimated age', () => {
      expect(check(['ouderenmishandeling'], [{ role: 'victim', estimatedAge: 64 }])).toEqual([expect.objectContaining({ code: 'victim-not-elderly', persons: ['persons[0].estimatedAge'] })]);
    });

    it('given a victim whose age is unknown, then it is accepted: the assessment sees the age as unknown', () => {
      expect(check(['ouderenmishandeling'], [{ role: 'victim' }])).toEqual([]);
    });

    it('given two victims, one of 40 and one of unknown age, then it is accepted (the unknown one may be 65+)', () => {
      expect(check(['ouderenmishandeling'], [{ role: 'victim', estimatedAge: 40 }, { role: 'victim' }])).toEqual([]);
    });

    it('given no person recorded as victim, then it is accepted (nobody’s age contradicts it)', () => {
      expect(check(['ouderenmishandeling'], [{ role: 'adult-involved', estimatedAge: 40 }])).toEqual([]);
    });

    it('given a victim of 40, when the category is ex-partnergeweld, then the ages do not matter', () => {
      expect(check(['ex-partnergeweld'], [{ role: 'victim', estimatedAge: 40 }])).toEqual([]);
    });
  });

  describe('financieel misbruik van ouderen (geweld-tags/1) names the same group', () => {
    it('given a victim of 50, when tagged financieel-misbruik-ouderen, then it is refused on concerns.tags', () => {
      expect(check(['huiselijk-geweld-overig'], [{ role: 'victim', estimatedAge: 50 }], ['financieel-misbruik-ouderen'])).toEqual([
        expect.objectContaining({ path: 'concerns.tags', code: 'victim-not-elderly', persons: ['persons[0].estimatedAge'] }),
      ]);
    });

    it('given a victim of 81, when tagged financieel-misbruik-ouderen and ontspoorde-mantelzorg, then it is accepted', () => {
      expect(check(['ouderenmishandeling'], [{ role: 'victim', estimatedAge: 81 }], ['financieel-misbruik-ouderen', 'ontspoorde-mantelzorg'])).toEqual([]);
    });

    it('ontspoorde mantelzorg has no age in the code list: a carer’s derailed care of a 40-year-old is accepted', () => {
      expect(check(['huiselijk-geweld-overig'], [{ role: 'victim', estimatedAge: 40 }], ['ontspoorde-mantelzorg'])).toEqual([]);
    });
  });

  describe('kindermishandeling needs a minor (under 18, BW 1:233)', () => {
    it('given only adults of known age, when registered as kindermishandeling, then it is refused naming every age field', () => {
      expect(check(['kindermishandeling'], [{ role: 'victim', estimatedAge: 19 }, { role: 'suspected-perpetrator', birthDate: '1980-01-01' }])).toEqual([
        expect.objectContaining({ path: 'concerns.aard', code: 'no-minor-for-kindermishandeling', persons: ['persons[0].estimatedAge', 'persons[1].birthDate'] }),
      ]);
    });

    it('given a child of 8, then it is accepted', () => {
      expect(check(['kindermishandeling'], [{ role: 'victim', estimatedAge: 8 }, { role: 'suspected-perpetrator', estimatedAge: 40 }])).toEqual([]);
    });

    it('given a person registered as child-involved, then it is accepted whatever the ages say', () => {
      expect(check(['kindermishandeling'], [{ role: 'child-involved', estimatedAge: 30 }])).toEqual([]);
    });

    it('given someone whose age is unknown, then it is accepted', () => {
      expect(check(['kindermishandeling'], [{ role: 'victim' }, { role: 'suspected-perpetrator', estimatedAge: 40 }])).toEqual([]);
    });
  });
});
