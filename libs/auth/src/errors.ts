/** Why an access token was refused. */
export type AccessTokenFailure =
  | 'malformed'
  | 'unsupported-algorithm'
  | 'unknown-kid'
  | 'key-mismatch'
  | 'bad-signature'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'expired'
  | 'not-yet-valid'
  | 'invalid-claims';

/** The token is not acceptable; HTTP answers 401. The message never contains the token. */
export class AccessTokenError extends Error {
  override readonly name = 'AccessTokenError';
  constructor(
    readonly reason: AccessTokenFailure,
    message: string,
  ) {
    super(message);
  }
}

/** The verification keys could not be loaded (issuer's JWKS unreachable, file unreadable); HTTP answers 503. */
export class KeysUnavailableError extends Error {
  override readonly name = 'KeysUnavailableError';
}

/** AUTH_* configuration is missing or invalid; every problem is listed at once. */
export class AuthConfigurationError extends Error {
  override readonly name = 'AuthConfigurationError';
}
