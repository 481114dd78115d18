import { ACUTE_RULES_V1, checkAcute } from './acute-rules';

describe('acute check', () => {
  it('marks a melding acute when the call handler indicated acute danger, naming the ground and rule-set version', () => {
    expect(checkAcute({ acuteIndication: { indicated: true } })).toEqual({
      acute: true,
      grounds: ['call-handler-indicated-acute'],
      ruleSetVersion: ACUTE_RULES_V1.version,
    });
  });

  it('finds no ground when nothing indicates acute danger', () => {
    expect(checkAcute({ acuteIndication: { indicated: false } })).toEqual({ acute: false, grounds: [], ruleSetVersion: ACUTE_RULES_V1.version });
  });
});
