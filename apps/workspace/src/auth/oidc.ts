// OpenID Connect authorization code flow with PKCE (RFC 7636, S256) for a public client: the browser holds no secret.
// The provider must allow this client's redirect URI (the workspace's own origin and path) and CORS on its token endpoint.
// Tried against a real provider (panva's oidc-provider, tests/e2e/src/workspace): see apps/workspace/README.md.
import type { AuthConfig } from '../config';
import { Session, sessionFromToken } from './session';

type OidcConfig = Extract<AuthConfig, { kind: 'oidc' }>;
export interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  /** RFC 9207: the provider names itself (`iss`) in its authorization responses. */
  authorization_response_iss_parameter_supported?: boolean;
}
/** What the browser keeps (sessionStorage) between leaving for the provider and coming back. */
export interface Pending {
  verifier: string;
  state: string;
  /** The workspace's `#/…` route when the sign-in started, restored afterwards (a link to a household survives it). */
  hash?: string;
}
const PENDING = 'vt-workspace-oidc-pending';

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomVerifier(): string {
  return base64url(globalThis.crypto.getRandomValues(new Uint8Array(32)));
}

export async function pkceChallenge(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

export function authorizeUrl(endpoint: string, config: OidcConfig, params: { redirectUri: string; state: string; challenge: string }): string {
  const url = new URL(endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', params.redirectUri);
  url.searchParams.set('scope', config.scope ?? 'openid');
  url.searchParams.set('state', params.state);
  url.searchParams.set('code_challenge', params.challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  if (config.audience) url.searchParams.set('audience', config.audience);
  if (config.resource) url.searchParams.set('resource', config.resource);
  return url.toString();
}

/**
 * The token request (RFC 6749 §4.1.3 with the PKCE verifier). A provider of resource indicators (RFC 8707) issues an
 * access token for the resource only when the token request names it again: without it, oidc-provider answers with an
 * opaque token for its own userinfo endpoint (`openid` in the scope), which no service can verify.
 */
export function tokenRequestBody(config: OidcConfig, params: { code: string; redirectUri: string; verifier: string }): URLSearchParams {
  const body = new URLSearchParams({ grant_type: 'authorization_code', code: params.code, redirect_uri: params.redirectUri, client_id: config.clientId, code_verifier: params.verifier });
  if (config.resource) body.set('resource', config.resource);
  return body;
}

/** The discovery document, checked: its `issuer` must be the configured one exactly (OpenID Connect Discovery §4.3). */
export function checkDiscovery(config: OidcConfig, raw: unknown): Discovery {
  const discovery = (raw ?? {}) as Partial<Discovery>;
  if (discovery.issuer !== config.issuer) {
    throw new Error(`de identiteitsprovider noemt zich ${JSON.stringify(discovery.issuer)}, niet ${JSON.stringify(config.issuer)} zoals ingesteld (issuer in workspace-config.json)`);
  }
  if (typeof discovery.authorization_endpoint !== 'string' || typeof discovery.token_endpoint !== 'string') {
    throw new Error('de identiteitsprovider noemt geen authorization_endpoint en token_endpoint');
  }
  return discovery as Discovery;
}

/**
 * Reads the provider's answer on the redirect URI: the code, or the provider's refusal (`error`) as a sentence. Checks
 * the state against the one this tab sent, and the `iss` parameter (RFC 9207, against mix-up) when the provider sends
 * it or says it does. Undefined when the URL is not an answer for a sign-in this tab started.
 */
export function readAuthorizationResponse(search: string, pending: Pending | undefined, discovery: Pick<Discovery, 'issuer' | 'authorization_response_iss_parameter_supported'>): { code: string } | undefined {
  const params = new URLSearchParams(search);
  const code = params.get('code');
  const error = params.get('error');
  if (!pending || (!code && !error)) return undefined;
  if (params.get('state') !== pending.state) throw new Error('het antwoord van de identiteitsprovider hoort niet bij deze aanmelding (state)');
  const iss = params.get('iss');
  if ((iss !== null || discovery.authorization_response_iss_parameter_supported) && iss !== discovery.issuer) {
    throw new Error(`het antwoord komt niet van de ingestelde identiteitsprovider (iss ${JSON.stringify(iss)})`);
  }
  if (error) {
    const description = params.get('error_description');
    throw new Error(error === 'access_denied' ? 'de identiteitsprovider weigerde de aanmelding' : `de identiteitsprovider antwoordde ${error}${description ? ` (${description})` : ''}`);
  }
  return { code: code as string };
}

async function discover(config: OidcConfig): Promise<Discovery> {
  const response = await fetch(`${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`de identiteitsprovider antwoordde ${response.status}`);
  return checkDiscovery(config, await response.json());
}

function redirectUri(): string {
  return `${window.location.origin}${window.location.pathname}`;
}

let failure: string | undefined;
/** Why the last return from the provider did not sign in (this page load only), for the sign-in page to say. */
export function oidcSignInFailure(): string | undefined {
  return failure;
}

export async function startOidcSignIn(config: OidcConfig): Promise<void> {
  failure = undefined;
  const discovery = await discover(config);
  const pending: Pending = { verifier: randomVerifier(), state: randomVerifier(), ...(window.location.hash ? { hash: window.location.hash } : {}) };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  window.location.assign(authorizeUrl(discovery.authorization_endpoint, config, { redirectUri: redirectUri(), state: pending.state, challenge: await pkceChallenge(pending.verifier) }));
}

function takePending(): Pending | undefined {
  const raw = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  try {
    return raw ? (JSON.parse(raw) as Pending) : undefined;
  } catch {
    return undefined;
  }
}

let completion: Promise<Session | undefined> | undefined;
/**
 * On the way back from the provider (`?code=…&state=…&iss=…`, or `?error=…`): exchanges the code for the access token
 * the services verify. Never throws: a failure is kept for the sign-in page (`oidcSignInFailure`), which shows it.
 * Once per page load: a second call (React's StrictMode runs effects twice in development) gets the same answer, not
 * an early `undefined` that would show the sign-in page before the failure is known.
 */
export function completeOidcSignIn(config: OidcConfig): Promise<Session | undefined> {
  return (completion ??= complete(config));
}

async function complete(config: OidcConfig): Promise<Session | undefined> {
  const search = window.location.search;
  const params = new URLSearchParams(search);
  if (!params.has('code') && !params.has('error')) return undefined;
  const pending = takePending();
  if (!pending) return undefined;
  // The code and state leave the address bar (and the history) at once; the route from before the sign-in comes back.
  window.history.replaceState(null, '', redirectUri() + (pending.hash ?? window.location.hash));
  if (pending.hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  try {
    const discovery = await discover(config);
    const answer = readAuthorizationResponse(search, pending, discovery);
    if (!answer) return undefined;
    const response = await fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: tokenRequestBody(config, { code: answer.code, redirectUri: redirectUri(), verifier: pending.verifier }),
    });
    const body = (await response.json().catch(() => ({}))) as { access_token?: string; error?: string; error_description?: string };
    if (!response.ok || !body.access_token) throw new Error(body.error_description ?? body.error ?? `het tokenendpoint antwoordde ${response.status}`);
    const session = sessionFromToken(body.access_token);
    if (!session) {
      throw new Error('de identiteitsprovider gaf een toegangstoken dat geen JWT is; de diensten kunnen het niet controleren (stel resource of audience in, zie de configuratie van de werkplek)');
    }
    return session;
  } catch (error) {
    failure = `Aanmelden is niet gelukt: ${(error as Error).message}`;
    return undefined;
  }
}
