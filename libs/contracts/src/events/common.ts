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
}

/** A minor by role or by age at receipt (see `PersonRef.minor`). */
export function isMinor(person: Pick<PersonRef, 'role' | 'minor'>): boolean {
  return person.role === 'child-involved' || person.minor === true;
}

export const personRefSchema = {
  type: 'object',
  required: ['personId', 'role'],
  additionalProperties: false,
  properties: {
    personId: { type: 'string', format: 'uuid' },
    role: { enum: [...PERSON_ROLES] },
    minor: { type: 'boolean' },
  },
} as const;

export const gemeenteCodeSchema = { type: 'string', pattern: '^GM[0-9]{4}$' } as const;
export const uuidSchema = { type: 'string', format: 'uuid' } as const;
export const timestampSchema = { type: 'string', format: 'date-time' } as const;
/** Who decided: `user:<subject>` for a person, `system:<service>` for an automatic decision. */
export const actorSchema = { type: 'string', pattern: '^(user|system):.+' } as const;
