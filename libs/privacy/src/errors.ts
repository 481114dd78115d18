/** The configured master keys are unusable; the message says what to change. Never contains key material. */
export class MasterKeyConfigurationError extends Error {
  override name = 'MasterKeyConfigurationError';
}

/** No data key exists for the person (none was ever created, or it was created in a transaction that rolled back). */
export class PersonKeyNotFoundError extends Error {
  override name = 'PersonKeyNotFoundError';
  constructor(readonly personId: string) {
    super(`no data key exists for person ${personId}`);
  }
}

/** The person's data key was destroyed (crypto-shredded): their data cannot be decrypted, nor new data encrypted. */
export class PersonKeyDestroyedError extends Error {
  override name = 'PersonKeyDestroyedError';
  constructor(
    readonly personId: string,
    readonly destroyedAt: Date,
  ) {
    super(`the data key of person ${personId} was destroyed at ${destroyedAt.toISOString()}; their personal data is erased`);
  }
}

/** A wrapped data key could not be unwrapped: its master key is not configured, or is not the key it was wrapped with. */
export class PersonKeyUnwrapError extends Error {
  override name = 'PersonKeyUnwrapError';
  constructor(
    readonly personId: string,
    readonly masterKeyId: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Encrypted personal data failed its integrity check or does not belong to the key it names: the ciphertext,
 * tag, IV, person id or key id was altered, or the value was moved to another person.
 */
export class PersonDataIntegrityError extends Error {
  override name = 'PersonDataIntegrityError';
  constructor(
    readonly personId: string | undefined,
    message: string,
  ) {
    super(message);
  }
}
