export const PERSON_ROLES = ['victim', 'child-involved', 'adult-involved', 'suspected-perpetrator', 'other'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** A person as events name them: an id and a role. Names and other personal fields stay with intake. */
export interface PersonRef {
  personId: string;
  role: PersonRole;
}

export const personRefSchema = {
  type: 'object',
  required: ['personId', 'role'],
  additionalProperties: false,
  properties: {
    personId: { type: 'string', format: 'uuid' },
    role: { enum: [...PERSON_ROLES] },
  },
} as const;

export const gemeenteCodeSchema = { type: 'string', pattern: '^GM[0-9]{4}$' } as const;
/** A Veilig Thuis region code from the dated VT region table (`vt-amsterdam-amstelland`, `vt-west-brabant`, `vt-bq-bonaire`); docs/adr/0017. */
export const vtRegionCodeSchema = { type: 'string', pattern: '^vt-[a-z0-9]+(-[a-z0-9]+)*$' } as const;
export const uuidSchema = { type: 'string', format: 'uuid' } as const;
export const timestampSchema = { type: 'string', format: 'date-time' } as const;
/** Who decided: `user:<subject>` for a person, `system:<service>` for an automatic decision. */
export const actorSchema = { type: 'string', pattern: '^(user|system):.+' } as const;
