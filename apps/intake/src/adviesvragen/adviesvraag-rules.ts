import { checkAardVanHetGeweld, checkChannel, checkCodes, checkConcernAges, checkMelder, checkReceivedAt, DEFAULT_RECEIPT_POLICY, GEWELD_TAGS_V1, HouseholdRoute, Melder, ReceiptPolicy } from '@vt/intake-domain';
import { routeHouseholdOf } from '../meldingen/melding-rules';
import { FieldProblem } from '../meldingen/melding-rules';
import { RegisterAdviesvraagDto } from './register-adviesvraag.dto';

export interface CheckedAdviesvraag {
  /** When the adviesvraag reached Veilig Thuis: as given, else the registration time. */
  receivedAt: Date;
  /** Only when the caller named the household's gemeente. */
  route?: HouseholdRoute;
  adviesvrager: Pick<Melder, 'kind' | 'sector' | 'role'>;
  aard: string[];
  tags: string[];
}

export type AdviesvraagCheck = { ok: true; value: CheckedAdviesvraag } | { ok: false; status: 400 | 422; problems: FieldProblem[] };

const ADVIESVRAGER_PATHS: Record<string, string> = {
  'melder-sector-missing': 'adviesvrager.sector',
  'melder-sector-not-applicable': 'adviesvrager.sector',
};


/**
 * The rules of an adviesvraag, all checked so that every failing field is reported at once, as for a
 * melding: code lists, the adviesvrager's sector, dates, the channel and (when given) the gemeente. Unlike a
 * melding, an adviesvraag needs no name or contact details, no persons and no household, and may come in
 * through chat. Field-format problems are a 400; a semantic conflict (unknown gemeente) a 422.
 *
 * `receivedAt` is optional (default: now, the registration time: an adviesvraag is mostly registered during the
 * call or chat). When given it has a melding's rules (an offset, not in the future, not before 2015), but no
 * reason is asked for a late registration: no statutory clock runs from an adviesvraag. Its receipt matters when
 * it becomes a melding, which cannot have been received before it.
 */
export function checkAdviesvraag(dto: RegisterAdviesvraagDto, now: Date, receiptPolicy: ReceiptPolicy = DEFAULT_RECEIPT_POLICY): AdviesvraagCheck {
  const invalid: FieldProblem[] = [];
  const conflicts: FieldProblem[] = [];

  const receipt = dto.receivedAt === undefined ? { ok: true as const, value: now } : checkReceivedAt(dto.receivedAt, now, receiptPolicy);
  if (!receipt.ok) invalid.push({ path: receipt.problem.path, code: receipt.problem.code, message: receipt.problem.message });

  (dto.persons ?? []).forEach((person, index) => {
    if (person.birthDate && Date.parse(person.birthDate) > now.getTime()) {
      invalid.push({ path: `persons[${index}].birthDate`, code: 'date-in-future', message: 'birthDate cannot be in the future' });
    }
  });

  // The adviesvrager is categorised as a melder is (kind, sector, role); there is no identity to seal.
  const adviesvrager = checkMelder({
    kind: dto.adviesvrager.kind,
    role: dto.adviesvrager.role,
    identitySealed: false,
    ...(dto.adviesvrager.sector !== undefined ? { sector: dto.adviesvrager.sector } : {}),
  });
  if (!adviesvrager.ok) invalid.push({ path: ADVIESVRAGER_PATHS[adviesvrager.problem.code] ?? 'adviesvrager', ...adviesvrager.problem });

  const aard = checkAardVanHetGeweld(dto.concerns.aard);
  if (!aard.ok) invalid.push({ path: 'concerns.aard', ...aard.problem });
  const tags = checkCodes(GEWELD_TAGS_V1, dto.concerns.tags ?? []);
  if (!tags.ok) invalid.push({ path: 'concerns.tags', ...tags.problem });

  const channel = checkChannel(dto.channel, 'adviesvraag');
  if (!channel.ok) conflicts.push({ path: 'channel', ...channel.problem });

  let route: HouseholdRoute | undefined;
  if (dto.household) route = routeHouseholdOf(dto.household, invalid, conflicts);

  // The code lists' age rules, as for a melding (docs/adr/0036): refused only when the ages recorded contradict them.
  // Without a household the day of receipt is counted in the European Netherlands' calendar date.
  if (receipt.ok && aard.ok && tags.ok && (!dto.household || route)) {
    const persons = (dto.persons ?? []).map((person) => ({
      role: person.role,
      ...(person.birthDate ? { birthDate: person.birthDate } : {}),
      ...(person.estimatedAge !== undefined ? { estimatedAge: person.estimatedAge } : {}),
    }));
    const timeZone = route?.timeZone ?? 'Europe/Amsterdam';
    for (const { path, code, message } of checkConcernAges({ aard: aard.value, tags: tags.value, persons, receivedAt: receipt.value, timeZone })) conflicts.push({ path, code, message });
  }

  if (invalid.length > 0) return { ok: false, status: 400, problems: [...invalid, ...conflicts] };
  if (conflicts.length > 0 || !adviesvrager.ok || !aard.ok || !tags.ok || !receipt.ok) return { ok: false, status: 422, problems: conflicts };
  const { kind, sector, role } = adviesvrager.value;
  return { ok: true, value: { receivedAt: receipt.value, ...(route ? { route } : {}), adviesvrager: { kind, role, ...(sector ? { sector } : {}) }, aard: aard.value, tags: tags.value } };
}
