// The encrypted-data shape is part of the event contracts; this library produces and opens it.
export { PERSON_DATA_ALGORITHM, encryptedPersonDataSchema } from '@vt/contracts';
export type { PersonFields, EncryptedPersonData, DecryptedPersonFields, ErasedPersonData, DecryptedPersonData } from '@vt/contracts';
