/** Injection token of the `AuthConfig` (from `loadAuthConfig` unless given to `AuthModule.forRoot`). */
export const AUTH_CONFIG = Symbol('AUTH_CONFIG');
/** Injection token of the `KeySource` the verifier uses. */
export const AUTH_KEYS = Symbol('AUTH_KEYS');
