import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { DEV_ISSUER } from './dev-issuer';
import { AuthConfigurationError } from './errors';
import { JwksLocation } from './jwks-source';
import { DEFAULT_CLOCK_TOLERANCE_SECONDS } from './verify';

export interface AuthConfig {
  /** AUTH_ISSUER: the tokens' `iss`, exactly. */
  issuer: string;
  /** AUTH_AUDIENCE: what the tokens' `aud` must contain. */
  audience: string;
  /** AUTH_JWKS_URL (the issuer's `jwks_uri`) or AUTH_JWKS_FILE (absolute path). */
  jwks: JwksLocation;
  /** AUTH_CLOCK_TOLERANCE_SECONDS, default 30. */
  clockToleranceSeconds: number;
}

const DEV_HINT = 'for local development `npm run vt -- dev-issuer` prints the values';
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Reads and checks the access-control configuration once, at start-up. Every problem is reported at
 * once, each naming its variable.
 *
 * | variable | |
 * | --- | --- |
 * | AUTH_ISSUER | required; the issuer identifier, as in the tokens' `iss` |
 * | AUTH_AUDIENCE | required; this system's identifier, as in the tokens' `aud` |
 * | AUTH_JWKS_URL | the issuer's JWKS (https, or http on localhost) — or: |
 * | AUTH_JWKS_FILE | a JWKS file (must exist) |
 * | AUTH_CLOCK_TOLERANCE_SECONDS | optional, 0–300, default 30 |
 */
export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env, options: { service?: string } = {}): AuthConfig {
  const problems: string[] = [];
  const read = (name: string) => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };

  const issuer = read('AUTH_ISSUER');
  if (!issuer) problems.push(`AUTH_ISSUER is missing (the token issuer, exactly as in the tokens' iss claim, e.g. https://login.example.nl/realms/veilig-thuis); ${DEV_HINT}`);
  else if (issuer === DEV_ISSUER && read('NODE_ENV') === 'production') problems.push(`AUTH_ISSUER is the local development issuer (${DEV_ISSUER}), which is refused when NODE_ENV=production`);

  const audience = read('AUTH_AUDIENCE');
  if (!audience) problems.push(`AUTH_AUDIENCE is missing (the identifier tokens for these services carry in their aud claim, e.g. veilig-thuis-api); ${DEV_HINT}`);

  const url = read('AUTH_JWKS_URL');
  const file = read('AUTH_JWKS_FILE');
  let jwks: JwksLocation | undefined;
  if (url && file) problems.push('set only one of AUTH_JWKS_URL and AUTH_JWKS_FILE');
  else if (!url && !file) problems.push(`AUTH_JWKS_URL or AUTH_JWKS_FILE is missing (where the issuer's public keys are, e.g. AUTH_JWKS_URL=https://login.example.nl/realms/veilig-thuis/protocol/openid-connect/certs); ${DEV_HINT}`);
  else if (url) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      problems.push(`AUTH_JWKS_URL is not a URL (got "${url}")`);
    }
    if (parsed && !(parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)))) {
      problems.push(`AUTH_JWKS_URL must be an https:// URL (http:// only on localhost) (got "${url}")`);
    } else if (parsed && (parsed.username || parsed.password)) {
      problems.push('AUTH_JWKS_URL must not contain credentials');
    } else if (parsed) jwks = { kind: 'url', url: parsed.toString() };
  } else if (file) {
    const path = isAbsolute(file) ? file : resolve(file);
    let isFile = false;
    try {
      isFile = statSync(path).isFile();
    } catch {
      isFile = false;
    }
    if (!isFile) problems.push(`AUTH_JWKS_FILE ${path} does not exist or is not a file; \`npm run vt -- dev-issuer\` creates the local dev issuer's`);
    else jwks = { kind: 'file', path };
  }

  const toleranceText = read('AUTH_CLOCK_TOLERANCE_SECONDS') ?? String(DEFAULT_CLOCK_TOLERANCE_SECONDS);
  const clockToleranceSeconds = Number(toleranceText);
  if (!/^\d+$/.test(toleranceText) || clockToleranceSeconds > 300) problems.push(`AUTH_CLOCK_TOLERANCE_SECONDS must be whole seconds 0–300 (got "${toleranceText}")`);

  if (problems.length > 0 || !issuer || !audience || !jwks) {
    throw new AuthConfigurationError(`${options.service ?? 'this service'} cannot start; fix its access-control configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return { issuer, audience, jwks, clockToleranceSeconds };
}
