import { ACUTE_RULES_V1, ACUTE_RULES_V2, checkAcute } from './acute-rules';

describe('acute check', () => {
  it('marks a melding acute when the call handler indicated acute danger, naming the ground and rule-set version', () => {
    expect(checkAcute({ acuteIndication: { indicated: true } })).toEqual({ acute: true, grounds: ['call-handler-indicated-acute'], ruleSetVersion: 'acute-rules/2' });
  });

  it.each([
    ['physical-violence' as const],
    ['sexual-violence' as const],
    ['basic-care-lacking' as const],
    ['victim-disclosure' as const],
  ])('marks a melding acute on the signal %s even when the call handler did not tick acute', (signal) => {
    expect(checkAcute({ acuteIndication: { indicated: false, signals: [signal] } })).toEqual({ acute: true, grounds: [signal], ruleSetVersion: 'acute-rules/2' });
  });

  it('names every ground that applies, in the order of the table', () => {
    expect(checkAcute({ acuteIndication: { indicated: true, signals: ['victim-disclosure', 'physical-violence'] } }).grounds).toEqual([
      'call-handler-indicated-acute',
      'physical-violence',
      'victim-disclosure',
    ]);
  });

  it('finds no ground when nothing indicates acute danger', () => {
    expect(checkAcute({ acuteIndication: { indicated: false, signals: [] } })).toEqual({ acute: false, grounds: [], ruleSetVersion: 'acute-rules/2' });
  });

  it('decides by the table it is given, so an earlier version can be replayed', () => {
    expect(checkAcute({ acuteIndication: { indicated: false, signals: ['physical-violence'] } }, ACUTE_RULES_V1)).toEqual({ acute: false, grounds: [], ruleSetVersion: 'acute-rules/1' });
  });

  it('is a table of plain data: every row has a ground, a readable description and a condition', () => {
    expect(JSON.parse(JSON.stringify(ACUTE_RULES_V2))).toEqual(ACUTE_RULES_V2);
    for (const rule of ACUTE_RULES_V2.rules) expect(rule.description.length).toBeGreaterThan(10);
    expect(new Set(ACUTE_RULES_V2.rules.map((rule) => rule.ground)).size).toBe(ACUTE_RULES_V2.rules.length);
  });
});
