import { PersonRole } from '@vt/contracts';
import { accept, Checked, refuse } from './problem';

/**
 * The registration vocabulary as versioned code lists: plain data with a version id and the date from
 * which it applies. Codes are kebab-case and stable (they are stored and sent in events); labels are
 * Dutch, for people. A changed list is a new version next to the old one, so that an old registration
 * can still be read with the list it was made under.
 */
export interface CodeListEntry<C extends string = string> {
  code: C;
  /** Dutch label, as a call handler sees it. */
  label: string;
  description?: string;
}

export interface CodeList<C extends string = string, E extends CodeListEntry<C> = CodeListEntry<C>> {
  /** The list, e.g. `aard-van-het-geweld`. */
  id: string;
  /** The list and its version, e.g. `aard-van-het-geweld/1`. */
  version: string;
  /** First day (ISO date) on which this version applies. */
  validFrom: string;
  entries: readonly E[];
}

const VALID_FROM = '2023-01-01';

// --- Aard van het geweld (CBS main categories; multi-valued) -------------------------------------------

export const AARD_VAN_HET_GEWELD_CODES = [
  'kindermishandeling',
  'geweld-tegen-ouders',
  'ex-partnergeweld',
  'ouderenmishandeling',
  'huiselijk-geweld-overig',
  'andere-problematiek',
  'geen-kindermishandeling-huiselijk-geweld',
  'onbekend',
] as const;
export type AardVanHetGeweld = (typeof AARD_VAN_HET_GEWELD_CODES)[number];

export interface AardEntry extends CodeListEntry<AardVanHetGeweld> {
  /** Stands alone: cannot be combined with another category in one registration. */
  exclusive?: true;
}

export const AARD_VAN_HET_GEWELD_V1: CodeList<AardVanHetGeweld, AardEntry> = {
  id: 'aard-van-het-geweld',
  version: 'aard-van-het-geweld/1',
  validFrom: VALID_FROM,
  entries: [
    { code: 'kindermishandeling', label: 'Kindermishandeling' },
    { code: 'geweld-tegen-ouders', label: 'Geweld tegen ouders' },
    { code: 'ex-partnergeweld', label: '(Ex-)partnergeweld' },
    { code: 'ouderenmishandeling', label: 'Ouderenmishandeling', description: 'Slachtoffer is 65 jaar of ouder.' },
    { code: 'huiselijk-geweld-overig', label: 'Huiselijk geweld overig' },
    { code: 'andere-problematiek', label: 'Andere problematiek' },
    { code: 'geen-kindermishandeling-huiselijk-geweld', label: 'Geen kindermishandeling/huiselijk geweld', exclusive: true },
    { code: 'onbekend', label: 'Onbekend', exclusive: true },
  ],
};

// --- Additional tags (multi-valued) --------------------------------------------------------------------

export const GEWELD_TAG_CODES = [
  'eergerelateerd-geweld',
  'huwelijksdwang',
  'achterlating',
  'huwelijkse-gevangenschap',
  'vrouwelijke-genitale-verminking',
  'mensenhandel-loverboy',
  'stalking',
  'psychisch-geweld',
  'digitaal-online-geweld',
  'financieel-misbruik-ouderen',
  'ontspoorde-mantelzorg',
] as const;
export type GeweldTag = (typeof GEWELD_TAG_CODES)[number];

export const GEWELD_TAGS_V1: CodeList<GeweldTag> = {
  id: 'geweld-tags',
  version: 'geweld-tags/1',
  validFrom: VALID_FROM,
  entries: [
    { code: 'eergerelateerd-geweld', label: 'Eergerelateerd geweld' },
    { code: 'huwelijksdwang', label: 'Huwelijksdwang' },
    { code: 'achterlating', label: 'Achterlating' },
    { code: 'huwelijkse-gevangenschap', label: 'Huwelijkse gevangenschap' },
    { code: 'vrouwelijke-genitale-verminking', label: 'Vrouwelijke genitale verminking' },
    { code: 'mensenhandel-loverboy', label: 'Mensenhandel / loverboy' },
    { code: 'stalking', label: 'Stalking' },
    { code: 'psychisch-geweld', label: 'Psychisch geweld' },
    { code: 'digitaal-online-geweld', label: 'Digitaal / online geweld' },
    { code: 'financieel-misbruik-ouderen', label: 'Financieel misbruik van ouderen' },
    { code: 'ontspoorde-mantelzorg', label: 'Ontspoorde mantelzorg' },
  ],
};

// --- Melder: kind, sector, role, sealed identity ---------------------------------------------------------

export const MELDER_KIND_CODES = ['professional', 'niet-professional'] as const;
export type MelderKind = (typeof MELDER_KIND_CODES)[number];

export const MELDER_KINDS_V1: CodeList<MelderKind> = {
  id: 'melder-kinds',
  version: 'melder-kinds/1',
  validFrom: VALID_FROM,
  entries: [
    { code: 'professional', label: 'Professional', description: 'Meldt vanuit beroep of functie; heeft een sector.' },
    { code: 'niet-professional', label: 'Niet-professional', description: 'Burger: familie, buren, bekenden of de betrokkene zelf.' },
  ],
};

export const MELDER_SECTOR_CODES = ['politie-justitie', 'gezondheidszorg', 'ggz', 'onderwijs', 'kinderopvang', 'jeugdzorg', 'leerplicht', 'ander-vt-regio', 'overig'] as const;
export type MelderSector = (typeof MELDER_SECTOR_CODES)[number];

export const MELDER_SECTORS_V1: CodeList<MelderSector> = {
  id: 'melder-sectors',
  version: 'melder-sectors/1',
  validFrom: VALID_FROM,
  entries: [
    { code: 'politie-justitie', label: 'Politie/justitie' },
    { code: 'gezondheidszorg', label: 'Gezondheidszorg' },
    { code: 'ggz', label: 'GGZ' },
    { code: 'onderwijs', label: 'Onderwijs' },
    { code: 'kinderopvang', label: 'Kinderopvang' },
    { code: 'jeugdzorg', label: 'Jeugdzorg' },
    { code: 'leerplicht', label: 'Leerplicht' },
    { code: 'ander-vt-regio', label: 'Andere Veilig Thuis-regio' },
    { code: 'overig', label: 'Overig' },
  ],
};

export const MELDER_ROLE_CODES = ['melder', 'informant'] as const;
export type MelderRole = (typeof MELDER_ROLE_CODES)[number];

export const MELDER_ROLES_V1: CodeList<MelderRole> = {
  id: 'melder-roles',
  version: 'melder-roles/1',
  validFrom: VALID_FROM,
  entries: [
    { code: 'melder', label: 'Melder', description: 'Krijgt als professional terugkoppeling na de beoordeling en na een onderzoek.' },
    { code: 'informant', label: 'Informant', description: 'Geeft alleen informatie; krijgt geen terugkoppeling.' },
  ],
};

export const SEAL_REASON_CODES = ['gevaar-voor-melder', 'gevaar-voor-betrokkene', 'vertrouwensrelatie', 'persoonlijke-relatie', 'overig'] as const;
export type SealReason = (typeof SEAL_REASON_CODES)[number];

export interface SealReasonEntry extends CodeListEntry<SealReason> {
  /** A free-text explanation must be recorded with this reason. */
  requiresExplanation?: true;
}

/** Why VT seals a melder's identity from the household. Designed here, not taken from a public list [verify]. */
export const SEAL_REASONS_V1: CodeList<SealReason, SealReasonEntry> = {
  id: 'seal-reasons',
  version: 'seal-reasons/1',
  validFrom: VALID_FROM,
  entries: [
    { code: 'gevaar-voor-melder', label: 'Gevaar voor de melder', description: 'Bekendmaking brengt de melder of diens naasten in gevaar.' },
    { code: 'gevaar-voor-betrokkene', label: 'Gevaar voor een betrokkene', description: 'Bekendmaking brengt een lid van het huishouden in gevaar, bijvoorbeeld het kind dat iets vertelde.' },
    { code: 'vertrouwensrelatie', label: 'Vertrouwensrelatie', description: 'Bekendmaking schaadt de hulp- of vertrouwensrelatie tussen de melder en het huishouden.' },
    { code: 'persoonlijke-relatie', label: 'Persoonlijke relatie', description: 'De melder is familie, buur of bekende en vreest de gevolgen voor de relatie.' },
    { code: 'overig', label: 'Overig', description: 'Een andere reden; leg die vast in de toelichting.', requiresExplanation: true },
  ],
};

// --- Registration kind and channel ----------------------------------------------------------------------

export const REGISTRATION_KIND_CODES = ['adviesvraag', 'melding'] as const;
export type RegistrationKind = (typeof REGISTRATION_KIND_CODES)[number];

export const REGISTRATION_KINDS_V1: CodeList<RegistrationKind> = {
  id: 'registration-kinds',
  version: 'registration-kinds/1',
  validFrom: VALID_FROM,
  entries: [
    { code: 'adviesvraag', label: 'Adviesvraag', description: 'De vrager blijft verantwoordelijk.' },
    { code: 'melding', label: 'Melding', description: 'De verantwoordelijkheid voor zicht op veiligheid gaat over naar Veilig Thuis.' },
  ],
};

export const CHANNEL_CODES = ['telefoon', 'chat', 'systeem-naar-systeem', 'persoonlijk'] as const;
export type Channel = (typeof CHANNEL_CODES)[number];

export interface ChannelEntry extends CodeListEntry<Channel> {
  /** What may be registered through this channel. */
  allows: readonly RegistrationKind[];
}

export const CHANNELS_V1: CodeList<Channel, ChannelEntry> = {
  id: 'channels',
  version: 'channels/1',
  validFrom: VALID_FROM,
  entries: [
    { code: 'telefoon', label: 'Telefoon (0800-2000)', allows: ['adviesvraag', 'melding'] },
    { code: 'chat', label: 'Chat', description: 'Alleen advies: een melding gaat via een ander kanaal.', allows: ['adviesvraag'] },
    { code: 'systeem-naar-systeem', label: 'Systeem-naar-systeem', description: 'Bijvoorbeeld een politiemelding die binnenkomt via een koppeling.', allows: ['adviesvraag', 'melding'] },
    { code: 'persoonlijk', label: 'Persoonlijk', allows: ['adviesvraag', 'melding'] },
  ],
};

// --- Person roles (codes as in @vt/contracts, labels in Dutch) -------------------------------------------

export const PERSON_ROLES_V1: CodeList<PersonRole> = {
  id: 'person-roles',
  version: 'person-roles/1',
  validFrom: VALID_FROM,
  entries: [
    { code: 'victim', label: 'Slachtoffer' },
    { code: 'child-involved', label: 'Betrokken kind' },
    { code: 'adult-involved', label: 'Betrokken volwassene' },
    { code: 'suspected-perpetrator', label: 'Vermoedelijke pleger' },
    { code: 'other', label: 'Overig' },
  ],
};

// --- The current versions --------------------------------------------------------------------------------

export const CURRENT_CODE_LISTS = {
  aardVanHetGeweld: AARD_VAN_HET_GEWELD_V1,
  geweldTags: GEWELD_TAGS_V1,
  melderKinds: MELDER_KINDS_V1,
  melderSectors: MELDER_SECTORS_V1,
  melderRoles: MELDER_ROLES_V1,
  sealReasons: SEAL_REASONS_V1,
  registrationKinds: REGISTRATION_KINDS_V1,
  channels: CHANNELS_V1,
  personRoles: PERSON_ROLES_V1,
} as const;

/** Every version of every list, looked up by version id (e.g. to read an old registration). */
export const CODE_LISTS_BY_VERSION: ReadonlyMap<string, CodeList> = new Map(Object.values(CURRENT_CODE_LISTS).map((list): [string, CodeList] => [list.version, list]));

// --- Checks ------------------------------------------------------------------------------------------------

export type CodeProblemCode = 'unknown-code' | 'duplicate-code' | 'no-code' | 'exclusive-code-combined';

export function entryOf<C extends string, E extends CodeListEntry<C>>(list: CodeList<C, E>, code: string): E | undefined {
  return list.entries.find((entry) => entry.code === code);
}

export function labelOf(list: CodeList, code: string): string | undefined {
  return entryOf(list, code)?.label;
}

const allowed = (list: CodeList): string => list.entries.map((entry) => entry.code).join(', ');

/** One code of the list. */
export function checkCode<C extends string>(list: CodeList<C>, value: string): Checked<C, CodeProblemCode> {
  const entry = entryOf(list, value);
  if (!entry) return refuse('unknown-code', `"${value}" is not in ${list.version}; choose one of ${allowed(list)}.`);
  return accept(entry.code);
}

/** Several codes of one list (multi-valued fields): each known, none twice; `atLeastOne` refuses an empty choice. */
export function checkCodes<C extends string>(list: CodeList<C>, values: readonly string[], options: { atLeastOne?: boolean } = {}): Checked<C[], CodeProblemCode> {
  if (options.atLeastOne && values.length === 0) return refuse('no-code', `Choose at least one of ${list.version}: ${allowed(list)}.`);
  const seen = new Set<string>();
  const codes: C[] = [];
  for (const value of values) {
    const checked = checkCode(list, value);
    if (!checked.ok) return checked;
    if (seen.has(value)) return refuse('duplicate-code', `"${value}" is chosen twice.`);
    seen.add(value);
    codes.push(checked.value);
  }
  return accept(codes);
}

/**
 * Aard van het geweld: at least one category; "geen kindermishandeling/huiselijk geweld" and "onbekend"
 * stand alone (they contradict any other category).
 */
export function checkAardVanHetGeweld(values: readonly string[], list: CodeList<AardVanHetGeweld, AardEntry> = AARD_VAN_HET_GEWELD_V1): Checked<AardVanHetGeweld[], CodeProblemCode> {
  const checked = checkCodes(list, values, { atLeastOne: true });
  if (!checked.ok || checked.value.length < 2) return checked;
  const exclusive = checked.value.find((code) => entryOf(list, code)?.exclusive);
  if (exclusive) return refuse('exclusive-code-combined', `"${labelOf(list, exclusive) ?? exclusive}" cannot be combined with another category; remove one of them.`);
  return checked;
}

export type ChannelProblemCode = CodeProblemCode | 'channel-advice-only';

/** Whether this kind of registration may come in through this channel (chat is advice only). */
export function checkChannel(channel: string, kind: RegistrationKind, list: CodeList<Channel, ChannelEntry> = CHANNELS_V1): Checked<Channel, ChannelProblemCode> {
  const checked = checkCode(list, channel);
  if (!checked.ok) return checked;
  const entry = entryOf(list, checked.value);
  if (entry && !entry.allows.includes(kind)) {
    return refuse('channel-advice-only', `${entry.label} is for advice only: register a melding by phone, in person or system-to-system, or record an adviesvraag.`);
  }
  return checked;
}

export interface MelderInput {
  kind: string;
  /** Required for a professional, absent for a non-professional. */
  sector?: string;
  role: string;
  identitySealed: boolean;
  sealReason?: string;
  sealExplanation?: string;
}

export interface Melder {
  kind: MelderKind;
  sector?: MelderSector;
  role: MelderRole;
  identitySealed: boolean;
  sealReason?: SealReason;
  sealExplanation?: string;
}

export type MelderProblemCode =
  | CodeProblemCode
  | 'melder-sector-missing'
  | 'melder-sector-not-applicable'
  | 'seal-reason-missing'
  | 'seal-reason-without-seal'
  | 'seal-explanation-missing';

/**
 * The melder as registered: a professional has a sector, a non-professional none; a sealed identity
 * ("anonymous": VT knows the melder, the household does not) needs a reason from the list, and "overig"
 * needs an explanation; an open identity has no reason.
 */
export function checkMelder(input: MelderInput): Checked<Melder, MelderProblemCode> {
  const kind = checkCode(MELDER_KINDS_V1, input.kind);
  if (!kind.ok) return kind;
  const role = checkCode(MELDER_ROLES_V1, input.role);
  if (!role.ok) return role;
  const melder: Melder = { kind: kind.value, role: role.value, identitySealed: input.identitySealed };
  if (kind.value === 'professional') {
    if (input.sector === undefined || input.sector === '') return refuse('melder-sector-missing', 'A professional melder needs a sector (politie/justitie, gezondheidszorg, …).');
    const sector = checkCode(MELDER_SECTORS_V1, input.sector);
    if (!sector.ok) return sector;
    melder.sector = sector.value;
  } else if (input.sector !== undefined) {
    return refuse('melder-sector-not-applicable', 'A non-professional melder has no sector; remove it or register the melder as a professional.');
  }
  if (!input.identitySealed) {
    if (input.sealReason !== undefined) return refuse('seal-reason-without-seal', 'A seal reason only applies when the melder\'s identity is sealed.');
    return accept(melder);
  }
  if (input.sealReason === undefined || input.sealReason === '') return refuse('seal-reason-missing', 'Record why the melder\'s identity is sealed from the household.');
  const reason = checkCode(SEAL_REASONS_V1, input.sealReason);
  if (!reason.ok) return reason;
  melder.sealReason = reason.value;
  const explanation = input.sealExplanation?.trim();
  if (entryOf(SEAL_REASONS_V1, reason.value)?.requiresExplanation && !explanation) {
    return refuse('seal-explanation-missing', `Seal reason "${labelOf(SEAL_REASONS_V1, reason.value) ?? reason.value}" needs an explanation.`);
  }
  if (explanation) melder.sealExplanation = explanation;
  return accept(melder);
}
