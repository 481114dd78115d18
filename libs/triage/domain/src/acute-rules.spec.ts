import { ACUTE_RULES_V1, ACUTE_RULES_V2, ACUTE_RULES_V3, checkAcute } from './acute-rules';

describe('acute check', () => {
  it('marks a melding acute when the call handler indicated acute danger, naming the ground and rule-set version', () => {
    expect(checkAcute({ acuteIndication: { indicated: true } })).toEqual({ acute: true, grounds: ['call-handler-indicated-acute'], ruleSetVersion: 'acute-rules/3' });
  });

  it.each([
    ['physical-violence' as const],
    ['sexual-violence' as const],
    ['basic-care-lacking' as const],
    ['victim-disclosure' as const],
  ])('marks a melding acute on the signal %s even when the call handler did not tick acute', (signal) => {
    expect(checkAcute({ acuteIndication: { indicated: false, signals: [signal] } })).toEqual({ acute: true, grounds: [signal], ruleSetVersion: 'acute-rules/3' });
  });

  it('names every ground that applies, in the order of the table', () => {
    expect(checkAcute({ acuteIndication: { indicated: true, signals: ['victim-disclosure', 'physical-violence'] } }).grounds).toEqual([
      'call-handler-indicated-acute',
      'physical-violence',
      'victim-disclosure',
    ]);
  });

  it('finds no ground when nothing indicates acute danger', () => {
    expect(checkAcute({ acuteIndication: { indicated: false, signals: [] } })).toEqual({ acute: false, grounds: [], ruleSetVersion: 'acute-rules/3' });
  });

  it('decides by the table it is given, so an earlier version can be replayed', () => {
    expect(checkAcute({ acuteIndication: { indicated: false, signals: ['physical-violence'] } }, ACUTE_RULES_V1)).toEqual({ acute: false, grounds: [], ruleSetVersion: 'acute-rules/1' });
  });

  it.each([ACUTE_RULES_V1, ACUTE_RULES_V2, ACUTE_RULES_V3])('is a table of plain data: every row of $version has a ground, a readable description and a condition', (table) => {
    expect(JSON.parse(JSON.stringify(table))).toEqual(table);
    for (const rule of table.rules) expect(rule.description.length).toBeGreaterThan(10);
    expect(new Set(table.rules.map((rule) => rule.ground)).size).toBe(table.rules.length);
  });

  /*
   * Rule (issue 15 point 4; DOMAIN.md "The process after a melding" 1 and "Registration vocabulary", tag psychisch
   * geweld): psychological violence that puts someone in direct physical danger now or in the coming days (a threat
   * to kill or seriously harm, or of (extended) suicide, in the context of the violence) is acute onveiligheid.
   * acute-rules/3 adds it; acute-rules/2 stays as it was.
   */
  describe('acute-rules/3: psychisch geweld', () => {
    it('given a threat to life recorded, when the call handler did not tick acute, then the melding is acute on the psychological ground', () => {
      expect(checkAcute({ acuteIndication: { indicated: false, signals: ['threat-to-life'] } })).toEqual({
        acute: true,
        grounds: ['psychological-violence-threat-to-life'],
        ruleSetVersion: 'acute-rules/3',
      });
    });

    it('given a threat to life with physical violence, then both grounds are named in the order of the table', () => {
      expect(checkAcute({ acuteIndication: { indicated: true, signals: ['threat-to-life', 'physical-violence'] } }).grounds).toEqual([
        'call-handler-indicated-acute',
        'physical-violence',
        'psychological-violence-threat-to-life',
      ]);
    });

    it('given the same threat replayed under acute-rules/2, then that version finds no ground: an old decision keeps its table', () => {
      expect(checkAcute({ acuteIndication: { indicated: false, signals: ['threat-to-life'] } }, ACUTE_RULES_V2)).toEqual({ acute: false, grounds: [], ruleSetVersion: 'acute-rules/2' });
    });

    it('keeps every row of acute-rules/2 unchanged and adds one', () => {
      expect(ACUTE_RULES_V3.rules.slice(0, ACUTE_RULES_V2.rules.length)).toEqual(ACUTE_RULES_V2.rules);
      expect(ACUTE_RULES_V3.rules).toHaveLength(ACUTE_RULES_V2.rules.length + 1);
    });
  });
});
