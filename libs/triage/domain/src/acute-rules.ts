import type { AcuteSignal } from '@vt/contracts';

/**
 * The acute check as a decision table a person can read: each rule names its ground, and the
 * version of the table is recorded on every decision. Grounds follow DOMAIN.md (acute onveiligheid:
 * someone is in direct physical danger now or in the coming days).
 */
export interface AcuteCheckInput {
  acuteIndication: { indicated: boolean; signals?: AcuteSignal[] };
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

const signalled = (signal: AcuteSignal) => (input: AcuteCheckInput) => input.acuteIndication.signals?.includes(signal) ?? false;

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

export const ACUTE_RULES_V2: AcuteRuleSet = {
  version: 'acute-rules/2',
  rules: [
    ...ACUTE_RULES_V1.rules,
    { ground: 'physical-violence', description: 'Physical violence now or expected in the coming days.', applies: signalled('physical-violence') },
    { ground: 'sexual-violence', description: 'Sexual violence now or expected in the coming days.', applies: signalled('sexual-violence') },
    { ground: 'basic-care-lacking', description: 'A dependant (child, elderly or ill person) lacks basic care.', applies: signalled('basic-care-lacking') },
    { ground: 'victim-disclosure', description: 'A victim disclosed violence and is at risk now.', applies: signalled('victim-disclosure') },
  ],
};

export const CURRENT_ACUTE_RULES = ACUTE_RULES_V2;

export function checkAcute(input: AcuteCheckInput, ruleSet: AcuteRuleSet = CURRENT_ACUTE_RULES): AcuteCheckDecision {
  const grounds = ruleSet.rules.filter((rule) => rule.applies(input)).map((rule) => rule.ground);
  return { acute: grounds.length > 0, grounds, ruleSetVersion: ruleSet.version };
}
