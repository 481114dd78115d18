import {
  checkAardVanHetGeweld,
  checkBsn,
  checkChannel,
  checkCodes,
  checkConcernAges,
  checkMelder,
  checkReceivedAt,
  DEFAULT_RECEIPT_POLICY,
  GEWELD_TAGS_V1,
  HouseholdAddress,
  HouseholdRoute,
  Melder,
  ReceiptPolicy,
  routeHousehold,
} from '@vt/intake-domain';
import { HouseholdDto, RegisterMeldingDto } from './register-melding.dto';

export interface FieldProblem {
  path: string;
  code: string;
  message: string;
  suggestions?: string[];
  /** For a field that takes a code (`lateRegistration.reason`): the codes allowed. */
  allowed?: readonly string[];
}

export interface CheckedMelding {
  /** When the melding reached Veilig Thuis (checkReceivedAt); the registration time is intake's own clock. */
  receivedAt: Date;
  route: HouseholdRoute;
  melder: Melder;
  bsns: (string | undefined)[];
  aard: string[];
  tags: string[];
}

/** Problems with a field's own value: the caller fixes the field (400). */
export type MeldingCheck = { ok: true; value: CheckedMelding } | { ok: false; status: 400 | 422; problems: FieldProblem[] };

const MELDER_PATHS: Record<string, string> = {
  'melder-sector-missing': 'melder.sector',
  'melder-sector-not-applicable': 'melder.sector',
  'seal-reason-missing': 'melder.sealReason',
  'seal-reason-without-seal': 'melder.sealReason',
  'seal-explanation-missing': 'melder.sealExplanation',
};

const ROUTE_PATHS: Record<string, string> = {
  'unknown-gemeente': 'household.gemeenteCode',
  'postcode-format': 'household.postcode',
  'postcode-leading-zero': 'household.postcode',
  'postcode-reserved-letters': 'household.postcode',
  'house-number-format': 'household.houseNumber',
  'house-number-out-of-range': 'household.houseNumber',
};

/**
 * The rules a whitelisted DTO cannot express, all checked so that every failing field is reported at once:
 * BSN elfproef, postcode, code lists, melder rules, contact details, dates (the receipt included), channel and
 * the gemeente. Field-format problems are a 400; a semantic conflict (unknown gemeente, a melding through chat, an
 * aard whose age rule the recorded ages contradict: ouderenmishandeling with every victim under 65) a 422. Whether a late registration carries its reason depends on the registration time and is decided after an
 * idempotent retry has had its first answer (`decideRegistrationTimes`, in the handler).
 */
export function checkMelding(dto: RegisterMeldingDto, now: Date, receiptPolicy: ReceiptPolicy = DEFAULT_RECEIPT_POLICY): MeldingCheck {
  const invalid: FieldProblem[] = [];
  const conflicts: FieldProblem[] = [];

  const receipt = checkReceivedAt(dto.receivedAt, now, receiptPolicy);
  if (!receipt.ok) invalid.push({ path: receipt.problem.path, code: receipt.problem.code, message: receipt.problem.message });

  const bsns = dto.persons.map((person, index) => {
    if (person.bsn === undefined) return undefined;
    const bsn = checkBsn(person.bsn);
    if (!bsn.ok) invalid.push({ path: `persons[${index}].bsn`, ...bsn.problem });
    return bsn.ok ? bsn.value : undefined;
  });
  dto.persons.forEach((person, index) => {
    if (person.birthDate && Date.parse(person.birthDate) > now.getTime()) {
      invalid.push({ path: `persons[${index}].birthDate`, code: 'date-in-future', message: 'birthDate cannot be in the future' });
    }
  });

  const melder = checkMelder({
    kind: dto.melder.kind,
    role: dto.melder.role,
    identitySealed: dto.melder.identitySealed ?? false,
    ...(dto.melder.sector !== undefined ? { sector: dto.melder.sector } : {}),
    ...(dto.melder.sealReason !== undefined ? { sealReason: dto.melder.sealReason } : {}),
    ...(dto.melder.sealExplanation !== undefined ? { sealExplanation: dto.melder.sealExplanation } : {}),
  });
  if (!melder.ok) invalid.push({ path: MELDER_PATHS[melder.problem.code] ?? 'melder', ...melder.problem });
  if (!dto.melder.phone && !dto.melder.email) {
    invalid.push({ path: 'melder.phone', code: 'contact-missing', message: 'a melding needs the melder’s phone number or e-mail address, so Veilig Thuis can reach the melder' });
  }

  const aard = checkAardVanHetGeweld(dto.concerns.aard);
  if (!aard.ok) invalid.push({ path: 'concerns.aard', ...aard.problem });
  const tags = checkCodes(GEWELD_TAGS_V1, dto.concerns.tags ?? []);
  if (!tags.ok) invalid.push({ path: 'concerns.tags', ...tags.problem });

  const channel = checkChannel(dto.channel, 'melding');
  if (!channel.ok) conflicts.push({ path: 'channel', ...channel.problem });

  const route = routeHouseholdOf(dto.household, invalid, conflicts);

  // The code lists' categories that depend on age, against the ages recorded on the day of receipt (issue 15 point
  // 4, docs/adr/0036): a contradiction is a conflict (422); an unknown age is accepted and the assessment sees it.
  if (receipt.ok && route && aard.ok && tags.ok) {
    const persons = dto.persons.map((person) => ({
      role: person.role,
      ...(person.birthDate ? { birthDate: person.birthDate } : {}),
      ...(person.estimatedAge !== undefined ? { estimatedAge: person.estimatedAge } : {}),
    }));
    for (const { path, code, message } of checkConcernAges({ aard: aard.value, tags: tags.value, persons, receivedAt: receipt.value, timeZone: route.timeZone })) conflicts.push({ path, code, message });
  }

  if (invalid.length > 0) return { ok: false, status: 400, problems: [...invalid, ...conflicts] };
  if (conflicts.length > 0 || !route || !melder.ok || !aard.ok || !tags.ok || !receipt.ok) return { ok: false, status: 422, problems: conflicts };
  return { ok: true, value: { receivedAt: receipt.value, route, melder: melder.value, bsns, aard: aard.value, tags: tags.value } };
}

/**
 * Routes the household to its Veilig Thuis region (a gemeente, or an island desk), recording any problem
 * under its field: a malformed postcode is the caller's to fix (400), an unknown gemeente a conflict (422).
 */
export function routeHouseholdOf(household: HouseholdDto, invalid: FieldProblem[], conflicts: FieldProblem[]): HouseholdRoute | undefined {
  let address: HouseholdAddress;
  if (household.island !== undefined) {
    if (household.gemeenteCode !== undefined || household.postcode !== undefined) {
      invalid.push({ path: 'household.island', code: 'island-with-gemeente', message: 'an island household has no gemeente and no postcode: give household.island or household.gemeenteCode, not both' });
      return undefined;
    }
    address = { kind: 'island', island: household.island };
  } else if (household.gemeenteCode !== undefined) {
    address = {
      kind: 'gemeente',
      gemeenteCode: household.gemeenteCode,
      ...(household.postcode !== undefined ? { postcode: household.postcode } : {}),
      ...(household.houseNumber !== undefined ? { houseNumber: household.houseNumber } : {}),
    };
  } else {
    invalid.push({ path: 'household.gemeenteCode', code: 'address-missing', message: 'name the gemeente (household.gemeenteCode) or, in Caribisch Nederland, the island (household.island)' });
    return undefined;
  }
  const route = routeHousehold(address);
  if (route.ok) return route.value;
  const problem = { path: ROUTE_PATHS[route.problem.code] ?? 'household', code: route.problem.code, message: route.problem.message };
  if (route.problem.code === 'unknown-gemeente') conflicts.push({ ...problem, suggestions: 'suggestions' in route.problem ? route.problem.suggestions : [] });
  else invalid.push(problem);
  return undefined;
}
