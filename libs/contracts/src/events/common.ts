export const PERSON_ROLES = ['victim', 'child-involved', 'adult-involved', 'suspected-perpetrator', 'other'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** A person as events name them: an id and a role. Names and other personal fields stay with intake. */
export interface PersonRef {
  personId: string;
  role: PersonRole;
  /**
   * Whether the person was a minor (under 18) when Veilig Thuis received the melding, by date of birth or else
   * estimated age; absent when the age is unknown. A person with role `child-involved` is a minor whatever this
   * says. Routes for children (RvdK, gecertificeerde instelling) need a minor in the household (added in v1,
   * optional).
   */
  minor?: boolean;
  /**
   * Whether the person was 65 or older when Veilig Thuis received the melding, by date of birth or else estimated
   * age; absent when the age is unknown. Ouderenmishandeling (aard-van-het-geweld/1, "Slachtoffer is 65 jaar of
   * ouder") needs a victim of 65 or older; the assessment sees a victim whose age is unknown as unknown (added in
   * v1, optional; docs/adr/0036).
   */
  elderly?: boolean;
}

/** A minor by role or by age at receipt (see `PersonRef.minor`). */
export function isMinor(person: Pick<PersonRef, 'role' | 'minor'>): boolean {
  return person.role === 'child-involved' || person.minor === true;
}

/**
 * Whether a household (or one melding's persons) has a minor: `present` when someone is a minor (`isMinor`),
 * `none` only when every person is known to be 18 or older at receipt (`minor: false`, not child-involved),
 * `unknown` when someone's age is not known (or there are no persons). Routes for children are refused only on
 * `none`: an age that was not recorded never closes a route for a child (docs/adr/0022).
 */
export type MinorsInHousehold = 'present' | 'none' | 'unknown';

export function minorsAmong(persons: readonly Pick<PersonRef, 'role' | 'minor'>[]): MinorsInHousehold {
  if (persons.some(isMinor)) return 'present';
  if (persons.length > 0 && persons.every((person) => person.minor === false)) return 'none';
  return 'unknown';
}

/**
 * The partner types whose work is for minors only: the Raad voor de Kinderbescherming (child-protection
 * investigations) and the gecertificeerde instellingen (jeugdbescherming: carrying out child-protection measures,
 * which Boek 1 BW gives only for minors). Law, not a regional choice: a household without a minor is never
 * referred to them. Sources, and what is still [verify], in docs/adr/0022.
 */
export const PARTNER_TYPES_FOR_MINORS = ['rvdk', 'gecertificeerde-instelling'] as const;
export type PartnerTypeForMinors = (typeof PARTNER_TYPES_FOR_MINORS)[number];

export function isPartnerTypeForMinors(type: string): type is PartnerTypeForMinors {
  return (PARTNER_TYPES_FOR_MINORS as readonly string[]).includes(type);
}

export const personRefSchema = {
  type: 'object',
  required: ['personId', 'role'],
  additionalProperties: false,
  properties: {
    personId: { type: 'string', format: 'uuid' },
    role: { enum: [...PERSON_ROLES] },
    minor: { type: 'boolean' },
    elderly: { type: 'boolean' },
  },
} as const;

export const gemeenteCodeSchema = { type: 'string', pattern: '^GM[0-9]{4}$' } as const;
/** A Veilig Thuis region code from the dated VT region table (`vt-amsterdam-amstelland`, `vt-west-brabant`, `vt-bq-bonaire`); docs/adr/0017. */
export const vtRegionCodeSchema = { type: 'string', pattern: '^vt-[a-z0-9]+(-[a-z0-9]+)*$' } as const;
export const uuidSchema = { type: 'string', format: 'uuid' } as const;
export const timestampSchema = { type: 'string', format: 'date-time' } as const;
/** Who decided: `user:<subject>` for a person, `system:<service>` for an automatic decision. */
export const actorSchema = { type: 'string', pattern: '^(user|system):.+' } as const;
