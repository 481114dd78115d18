import { fieldMessage, ProblemField } from '../api/problem';

/** Dutch sentences for the codes the triage and informing APIs name; any other code gets the shared messages (problem.ts), else the service's sentence. */
const MESSAGES: Record<string, string> = {
  isIn: 'Kies een waarde uit de lijst.',
  required: 'Dit veld is verplicht.',
  isISO8601: 'Vul een datum en tijd in.',
  'either-or': 'Leg vast dat de persoon is geïnformeerd óf een grond om niet te informeren, niet allebei.',
  'route-needs-a-minor': 'Deze uitkomst vraagt een minderjarige in het huishouden; van dit huishouden is geen minderjarige bekend.',
  'informed-in-the-future': 'Dit tijdstip ligt in de toekomst.',
  'unknown-informing-method': 'Kies hoe de persoon is geïnformeerd.',
  'unknown-withheld-ground': 'Kies de wettelijke grond om niet te informeren.',
};

export function triageFieldMessage(field: ProblemField): string {
  const own = MESSAGES[field.code];
  if (!own) return fieldMessage(field);
  return field.allowed?.length ? `${own} Toegestaan: ${field.allowed.join(', ')}.` : own;
}
