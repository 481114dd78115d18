import type { AcuteSignal } from '@vt/contracts';

/**
 * The acute check as a decision table: plain data a person can read (and a test can check), one row per
 * ground, each with the condition that makes it apply. The table's version is recorded on every decision,
 * so an earlier decision can be replayed with the table it was made under. Grounds follow DOMAIN.md
 * (acute onveiligheid: someone is in direct physical danger now or in the coming days).
 */
export interface AcuteCheckInput {
  acuteIndication: { indicated: boolean; signals?: AcuteSignal[] };
}

/** A rule's condition: the call handler ticked "acute", or the call handler recorded a signal. */
export type AcuteCondition = { callHandlerIndicatedAcute: true } | { signal: AcuteSignal };

export interface AcuteRule {
  ground: string;
  description: string;
  when: AcuteCondition;
}

export interface AcuteRuleSet {
  version: string;
  rules: readonly AcuteRule[];
}

export interface AcuteCheckDecision {
  acute: boolean;
  grounds: string[];
  ruleSetVersion: string;
}

export const ACUTE_RULES_V1: AcuteRuleSet = {
  version: 'acute-rules/1',
  rules: [{ ground: 'call-handler-indicated-acute', description: 'The call handler judged during the call that someone is in acute danger.', when: { callHandlerIndicatedAcute: true } }],
};

export const ACUTE_RULES_V2: AcuteRuleSet = {
  version: 'acute-rules/2',
  rules: [
    ...ACUTE_RULES_V1.rules,
    { ground: 'physical-violence', description: 'Physical violence now or expected in the coming days.', when: { signal: 'physical-violence' } },
    { ground: 'sexual-violence', description: 'Sexual violence now or expected in the coming days.', when: { signal: 'sexual-violence' } },
    { ground: 'basic-care-lacking', description: 'A dependant (child, elderly or ill person) lacks basic care.', when: { signal: 'basic-care-lacking' } },
    { ground: 'victim-disclosure', description: 'A victim disclosed violence and is at risk now.', when: { signal: 'victim-disclosure' } },
  ],
};

/**
 * Version 3 (issue 15 point 4): psychisch geweld is a form of violence the acute check takes into account, not only
 * a tag. It is acute onveiligheid when it puts someone in direct physical danger now or in the coming days
 * (DOMAIN.md "The process after a melding" 1): a threat to kill or seriously harm someone, or a threat of (extended)
 * suicide, in the context of the violence. Which threats count is the call handler's judgement, recorded as the
 * signal `threat-to-life` [verify: the Handelingsprotocol's list of acute grounds for psychological violence].
 * Earlier versions stay as they were: a decision records the version it was made under.
 */
export const ACUTE_RULES_V3: AcuteRuleSet = {
  version: 'acute-rules/3',
  rules: [
    ...ACUTE_RULES_V2.rules,
    {
      ground: 'psychological-violence-threat-to-life',
      description: 'Psychological violence that puts someone in direct physical danger: a threat to kill or seriously harm, or of (extended) suicide, in the context of the violence.',
      when: { signal: 'threat-to-life' },
    },
  ],
};

export const CURRENT_ACUTE_RULES = ACUTE_RULES_V3;

function holds(condition: AcuteCondition, input: AcuteCheckInput): boolean {
  if ('callHandlerIndicatedAcute' in condition) return input.acuteIndication.indicated;
  return input.acuteIndication.signals?.includes(condition.signal) ?? false;
}

export function checkAcute(input: AcuteCheckInput, ruleSet: AcuteRuleSet = CURRENT_ACUTE_RULES): AcuteCheckDecision {
  const grounds = ruleSet.rules.filter((rule) => holds(rule.when, input)).map((rule) => rule.ground);
  return { acute: grounds.length > 0, grounds, ruleSetVersion: ruleSet.version };
}
