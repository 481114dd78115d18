import type { AssessmentOutcome, InformingMethod, InformingWithheldGround, Taxatie } from '@vt/contracts';
import type { QueueItem } from './queue.model';

/*
 * The veiligheidsbeoordeling and informing forms → request bodies. The code lists are the API's contracts
 * (@vt/contracts, imported as types only: a Record over each union fails to compile when the contract gains or
 * loses a value). No rule of the API is checked here: what is wrong comes back as the API's problem, at the field.
 */

export const TAXATIE_LABELS: Record<Taxatie, string> = {
  acuut: 'Acuut',
  structureel: 'Structureel',
  'acuut-en-structureel': 'Acuut en structureel',
  geen: 'Geen onveiligheid',
};

export const OUTCOME_LABELS: Record<AssessmentOutcome, string> = {
  'voorwaarden-en-vervolg': 'Voorwaarden en vervolg (Veilig Thuis houdt de zaak)',
  onderzoek: 'Onderzoek (Veilig Thuis houdt de zaak)',
  'overdracht-lokaal-team': 'Overdracht aan het lokaal team',
  'overdracht-betrokken-zorg': 'Overdracht aan de betrokken zorg',
  'overdracht-mdt': 'Overdracht aan een multidisciplinair team (MDT)',
  'overdracht-huishouden': 'Overdracht aan het huishouden zelf',
  'verzoek-rvdk': 'Verzoek tot onderzoek aan de Raad voor de Kinderbescherming',
  'regionaal-maatwerk': 'Regionaal maatwerk',
  'geen-vervolgstappen': 'Geen vervolgstappen',
};

export const METHOD_LABELS: Record<InformingMethod, string> = {
  gesprek: 'Gesprek',
  huisbezoek: 'Huisbezoek',
  telefonisch: 'Telefonisch',
  brief: 'Brief',
  'e-mail': 'E-mail',
  'via-wettelijk-vertegenwoordiger': 'Via de wettelijk vertegenwoordiger',
};

export const GROUND_LABELS: Record<InformingWithheldGround, string> = {
  'bescherming-betrokkene': 'Bescherming van de betrokkene',
  'rechten-en-vrijheden-van-anderen': 'Rechten en vrijheden van anderen',
  'voorkomen-strafbare-feiten': 'Voorkomen van strafbare feiten',
};

export const options = <T extends string>(labels: Record<T, string>): { code: T; label: string }[] => (Object.keys(labels) as T[]).map((code) => ({ code, label: labels[code] }));

export interface AssessmentDraft {
  taxatie: Taxatie | '';
  outcome: AssessmentOutcome | '';
  reasoning: string;
}

export const emptyAssessment = (): AssessmentDraft => ({ taxatie: '', outcome: '', reasoning: '' });

/** The POST body: the three fields as chosen and typed (an unchosen list sends '', which the API refuses at that field). */
export function toAssessmentBody(draft: AssessmentDraft): { taxatie: string; outcome: string; reasoning: string } {
  return { taxatie: draft.taxatie, outcome: draft.outcome, reasoning: draft.reasoning };
}

/** Where the assessment is recorded: a melding's under its melding id, one monitoring requested under the request (its subject id). */
export function assessmentPath(item: Pick<QueueItem, 'basis' | 'meldingId' | 'subjectId'>): string {
  return item.basis === 'monitoring'
    ? `/api/v1/assessment-requests/${encodeURIComponent(item.subjectId)}/safety-assessment`
    : `/api/v1/meldingen/${encodeURIComponent(item.meldingId)}/safety-assessment`;
}

export interface InformingDraft {
  kind: 'informed' | 'withheld';
  /** A `datetime-local` value, in the browser's zone; empty means "now", the moment the recording is sent. */
  informedAt: string;
  method: InformingMethod | '';
  ground: InformingWithheldGround | '';
}

export const emptyInforming = (): InformingDraft => ({ kind: 'informed', informedAt: '', method: '', ground: '' });

/**
 * The POST body of the informing API: `{ informedAt, method }` or `{ withheld: { ground } }`, never both. An empty
 * "informed at" is `now` (the person was told just now, as is usual when it is recorded at once); an empty list is
 * left out, so the API names it (`required`); a date-time the browser cannot read is sent as typed, so the API names
 * that too.
 */
export function toInformingBody(draft: InformingDraft, now: Date): Record<string, unknown> {
  if (draft.kind === 'withheld') return { withheld: draft.ground ? { ground: draft.ground } : {} };
  const at = draft.informedAt ? new Date(draft.informedAt) : now;
  return { informedAt: Number.isNaN(at.getTime()) ? draft.informedAt : at.toISOString(), ...(draft.method ? { method: draft.method } : {}) };
}

export const informingPath = (householdId: string, personId: string) => `/api/v1/households/${encodeURIComponent(householdId)}/persons/${encodeURIComponent(personId)}/informing`;
