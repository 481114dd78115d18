/** One refused field of an RFC 9457 problem body, as every service names it (`persons[0].bsn`, `melder.phone`, a header). */
export interface ProblemField {
  path: string;
  code: string;
  message: string;
  suggestions?: string[];
  allowed?: string[];
}

export interface Problem {
  status: number;
  /** The machine code (`validation-failed`, `semantic-conflict`, `unauthenticated`, `forbidden`, …). */
  error: string;
  detail?: string;
  fields: ProblemField[];
}

/** Reads an error answer's body; anything that is not a problem (a proxy's HTML page, nothing) still becomes one. */
export function toProblem(status: number, body: unknown): Problem {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const fields = Array.isArray(record['fields'])
    ? (record['fields'] as unknown[]).flatMap((field): ProblemField[] => {
        const f = typeof field === 'object' && field !== null ? (field as Record<string, unknown>) : {};
        const path = text(f['path']);
        if (!path) return [];
        const list = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined);
        const suggestions = list(f['suggestions']);
        const allowed = list(f['allowed']);
        return [{ path, code: text(f['code']) ?? 'invalid', message: text(f['message']) ?? '', ...(suggestions ? { suggestions } : {}), ...(allowed ? { allowed } : {}) }];
      })
    : [];
  const detail = text(record['detail']) ?? text(record['message']);
  return { status, error: text(record['error']) ?? `http-${status}`, ...(detail ? { detail } : {}), fields };
}

/**
 * Puts each refused field at the form field that shows it: the field with the same path, else its nearest
 * ancestor the form shows (`persons[0].name` at `persons[0]`, then `persons`). What fits nowhere (an unknown
 * field, a header) is `unplaced`, for the summary above the form.
 */
export function placeFieldErrors(fields: readonly ProblemField[], shown: (path: string) => boolean): { byPath: Map<string, ProblemField[]>; unplaced: ProblemField[] } {
  const byPath = new Map<string, ProblemField[]>();
  const unplaced: ProblemField[] = [];
  for (const field of fields) {
    const target = ancestors(field.path).find(shown);
    if (target === undefined) unplaced.push(field);
    else byPath.set(target, [...(byPath.get(target) ?? []), field]);
  }
  return { byPath, unplaced };
}

/** `persons[0].bsn` → [`persons[0].bsn`, `persons[0]`, `persons`]. */
export function ancestors(path: string): string[] {
  const out: string[] = [];
  let current = path;
  while (current !== '') {
    out.push(current);
    const cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['));
    current = cut <= 0 ? '' : current.slice(0, cut);
  }
  return out;
}

const MESSAGES: Record<string, string> = {
  'bsn-fails-elfproef': 'Dit BSN voldoet niet aan de elfproef.',
  'postcode-reserved-letters': 'Postcodes met de letters SA, SD of SS bestaan niet.',
  'postcode-format': 'Een postcode is vier cijfers en twee letters, bijvoorbeeld 1011 AB.',
  'contact-missing': 'Vul een telefoonnummer of e-mailadres van de melder in.',
  'melder-sector-missing': 'Kies de sector van de professional.',
  'melder-sector-not-applicable': 'Een niet-professional heeft geen sector.',
  'seal-reason-missing': 'Kies waarom de identiteit van de melder wordt afgeschermd.',
  'received-at-in-future': 'Dit tijdstip ligt in de toekomst.',
  'received-at-format': 'Vul een datum en tijd in.',
  'received-at-before-lower-bound': 'Meldingen van vóór 1 januari 2015 worden niet geregistreerd.',
  'date-in-future': 'Deze datum ligt in de toekomst.',
  'exclusive-code-combined': '‘Onbekend’ en ‘Geen kindermishandeling/huiselijk geweld’ gaan niet samen met een andere aard.',
  'no-code': 'Kies ten minste één aard van het geweld.',
  'unknown-gemeente': 'Deze gemeente is onbekend.',
  'channel-advice-only': 'Via chat kan alleen een adviesvraag binnenkomen.',
  'late-registration-reason-missing': 'Deze melding wordt later dan 24 uur na ontvangst geregistreerd: kies een reden.',
  'late-registration-not-late': 'Deze melding is niet laat; een reden voor late registratie hoort er niet bij.',
  isDefined: 'Dit veld is verplicht.',
  isNotEmpty: 'Dit veld is verplicht.',
  minLength: 'Dit veld is verplicht.',
  arrayMinSize: 'Kies ten minste één.',
};

/** The Dutch sentence for a refused field; the service's own sentence when the code is not one the workspace knows. */
export function fieldMessage(field: ProblemField): string {
  const base = MESSAGES[field.code] ?? field.message;
  return field.suggestions?.length ? `${base} Bedoelt u ${field.suggestions.join(', ')}?` : base;
}
