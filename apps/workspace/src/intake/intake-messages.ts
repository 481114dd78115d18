import { fieldMessage, ProblemField } from '../api/problem';

/** Dutch sentences for the intake codes the shared messages (problem.ts) do not have; any other code gets those, else the service's sentence. */
const MESSAGES: Record<string, string> = {
  'island-with-gemeente': 'Een huishouden op een eiland heeft geen gemeente en geen postcode: kies het eiland óf vul de gemeente in.',
  'address-missing': 'Vul de gemeente in, of kies het eiland in Caribisch Nederland.',
  'unknown-island': 'Kies Bonaire, Sint Eustatius of Saba.',
  'received-before-adviesvraag': 'Een melding kan niet eerder zijn ontvangen dan de adviesvraag waaruit ze voortkomt.',
  'late-registration-reason-unknown': 'Kies een reden uit de lijst.',
  isIn: 'Kies een waarde uit de lijst.',
};

export function intakeFieldMessage(field: ProblemField): string {
  return MESSAGES[field.code] ?? fieldMessage(field);
}
