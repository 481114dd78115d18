import { AcuteSignal, ElderlyVictimAnswer, INVESTIGATION_RISKS, InvestigationRisk, MeldingReceivedData, PersonRef, ViolenceSeen } from '@vt/contracts';

/**
 * The forms of violence a melding names, in the vocabulary the investigation concludes with (`investigation-risks/1`),
 * so that the veiligheidsbeoordeling and the investigation speak of the same forms. From the acute signals (what
 * the call handler heard) and from the tags of `geweld-tags/1` (DOMAIN.md "Registration vocabulary"). Psychisch
 * geweld is a form of its own, from the tag or from a threat to life (acute-rules/3), not only a tag.
 */
export const FORMS_BY_SIGNAL: Readonly<Record<AcuteSignal, InvestigationRisk | undefined>> = {
  'physical-violence': 'lichamelijk-geweld',
  'sexual-violence': 'seksueel-geweld',
  'basic-care-lacking': 'verwaarlozing',
  // A disclosure names no form by itself.
  'victim-disclosure': undefined,
  'threat-to-life': 'psychisch-geweld',
};

export const FORMS_BY_TAG: Readonly<Record<string, InvestigationRisk>> = {
  'psychisch-geweld': 'psychisch-geweld',
  'financieel-misbruik-ouderen': 'financieel-misbruik',
  'ontspoorde-mantelzorg': 'ontspoorde-mantelzorg',
  stalking: 'stalking',
  'eergerelateerd-geweld': 'eergerelateerd-geweld',
};

/** Yes when a victim was 65 or older at receipt (`PersonRef.elderly`), no when every victim is known to be younger, else unknown (also with no victim recorded). */
export function elderlyVictimAmong(persons: readonly Pick<PersonRef, 'role' | 'elderly'>[]): ElderlyVictimAnswer {
  const victims = persons.filter((person) => person.role === 'victim');
  if (victims.some((victim) => victim.elderly === true)) return 'yes';
  if (victims.length > 0 && victims.every((victim) => victim.elderly === false)) return 'no';
  return 'unknown';
}

/**
 * What the acute check records of the violence for the assessment (`AcuteCheckCompleted.violence`): the aard, the forms
 * (each once, in the order of `investigation-risks/1`) and whether a victim was 65 or
 * older. Undefined for a melding without concerns (intake sent none before the code lists).
 */
export function violenceSeen(melding: Pick<MeldingReceivedData, 'concerns' | 'acuteIndication' | 'persons'>): ViolenceSeen | undefined {
  if (!melding.concerns) return undefined;
  const forms = new Set<InvestigationRisk>();
  for (const signal of melding.acuteIndication.signals ?? []) {
    const form = FORMS_BY_SIGNAL[signal];
    if (form) forms.add(form);
  }
  for (const tag of melding.concerns.tags) {
    const form = FORMS_BY_TAG[tag];
    if (form) forms.add(form);
  }
  return { aard: [...melding.concerns.aard], forms: INVESTIGATION_RISKS.filter((form) => forms.has(form)), elderlyVictim: elderlyVictimAmong(melding.persons) };
}
