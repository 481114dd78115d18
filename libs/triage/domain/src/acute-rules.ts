/**
 * The acute check as a decision table a person can read: each rule names its ground, and the
 * version of the table is recorded on every decision. Later versions add the grounds of DOMAIN.md.
 */
export interface AcuteCheckInput {
  acuteIndication: { indicated: boolean };
}

export interface AcuteRule {
  ground: string;
  description: string;
  applies(input: AcuteCheckInput): boolean;
}

export interface AcuteRuleSet {
  version: string;
  rules: AcuteRule[];
}

export interface AcuteCheckDecision {
  acute: boolean;
  grounds: string[];
  ruleSetVersion: string;
}

export const ACUTE_RULES_V1: AcuteRuleSet = {
  version: 'acute-rules/1',
  rules: [
    {
      ground: 'call-handler-indicated-acute',
      description: 'The call handler judged during the call that someone is in acute danger.',
      applies: (input) => input.acuteIndication.indicated,
    },
  ],
};

export function checkAcute(input: AcuteCheckInput, ruleSet: AcuteRuleSet = ACUTE_RULES_V1): AcuteCheckDecision {
  const grounds = ruleSet.rules.filter((rule) => rule.applies(input)).map((rule) => rule.ground);
  return { acute: grounds.length > 0, grounds, ruleSetVersion: ruleSet.version };
}
