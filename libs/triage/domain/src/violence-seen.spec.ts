import { PersonRef } from '@vt/contracts';
import { elderlyVictimAmong, violenceSeen } from './violence-seen';

const victim = (elderly?: boolean): PersonRef => ({ personId: '6f1c1b7e-0d6c-4f2e-9a51-0a7a4c1d2e01', role: 'victim', ...(elderly !== undefined ? { elderly } : {}) });
const perpetrator: PersonRef = { personId: '6f1c1b7e-0d6c-4f2e-9a51-0a7a4c1d2e02', role: 'suspected-perpetrator', elderly: false };

/*
 * Rule (issue 15 point 4): the veiligheidsbeoordeling takes the forms of violence into account — psychisch geweld as
 * a form of violence, not only a tag (DOMAIN.md "Registration vocabulary": tags psychisch geweld, financieel misbruik
 * van ouderen, ontspoorde mantelzorg) — and sees whether the victim of ouderenmishandeling is 65 or older, or that
 * the age is unknown (code list aard-van-het-geweld/1, "Slachtoffer is 65 jaar of ouder"; docs/adr/0036).
 */
describe('the violence the acute check records for the assessment', () => {
  it('given ouderenmishandeling of a victim of 70 with a threat to life, then the assessment sees psychisch geweld and an elderly victim', () => {
    expect(
      violenceSeen({ concerns: { aard: ['ouderenmishandeling'], tags: [] }, acuteIndication: { indicated: false, signals: ['threat-to-life'] }, persons: [victim(true), perpetrator] }),
    ).toEqual({ aard: ['ouderenmishandeling'], forms: ['psychisch-geweld'], elderlyVictim: 'yes' });
  });

  it('given the tag psychisch-geweld without any acute signal, then psychisch geweld is still a form the assessment sees', () => {
    expect(violenceSeen({ concerns: { aard: ['ex-partnergeweld'], tags: ['psychisch-geweld'] }, acuteIndication: { indicated: false }, persons: [victim(false)] })?.forms).toEqual(['psychisch-geweld']);
  });

  it('given financial abuse and derailed care of an elderly victim, then the forms are in the investigation’s vocabulary, each once, in its order', () => {
    expect(
      violenceSeen({
        concerns: { aard: ['ouderenmishandeling'], tags: ['ontspoorde-mantelzorg', 'financieel-misbruik-ouderen', 'psychisch-geweld'] },
        acuteIndication: { indicated: true, signals: ['threat-to-life', 'physical-violence', 'victim-disclosure'] },
        persons: [victim(true)],
      })?.forms,
    ).toEqual(['lichamelijk-geweld', 'psychisch-geweld', 'financieel-misbruik', 'ontspoorde-mantelzorg']);
  });

  it('given a melding without concerns (registered before the code lists), then nothing is recorded', () => {
    expect(violenceSeen({ acuteIndication: { indicated: true }, persons: [victim()] })).toBeUndefined();
  });

  describe('whether a victim was 65 or older at receipt (PersonRef.elderly)', () => {
    it('is yes when one victim was, whatever the others', () => {
      expect(elderlyVictimAmong([victim(false), victim(true)])).toBe('yes');
    });

    it('is no only when every victim is known to be younger; a perpetrator’s age does not count', () => {
      expect(elderlyVictimAmong([victim(false), { ...perpetrator, elderly: true }])).toBe('no');
    });

    it('is unknown when a victim’s age is unknown, or no victim is recorded: VT often does not know, and the melding was accepted', () => {
      expect(elderlyVictimAmong([victim(false), victim()])).toBe('unknown');
      expect(elderlyVictimAmong([perpetrator])).toBe('unknown');
    });
  });
});
