// OpenID Connect authorization code flow with PKCE (RFC 7636, S256) for a public client: the browser holds no secret.
// The provider must allow this client's redirect URI (the workspace's own origin and path) and CORS on its token endpoint.
import type { AuthConfig } from '../config';
import { Session, sessionFromToken } from './session';

type OidcConfig = Extract<AuthConfig, { kind: 'oidc' }>;
interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
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
  return url.toString();
}

async function discover(issuer: string): Promise<Discovery> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`de identiteitsprovider antwoordde ${response.status}`);
  return (await response.json()) as Discovery;
}

function redirectUri(): string {
  return `${window.location.origin}${window.location.pathname}`;
}

export async function startOidcSignIn(config: OidcConfig): Promise<void> {
  const discovery = await discover(config.issuer);
  const verifier = randomVerifier();
  const state = randomVerifier();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  window.location.assign(authorizeUrl(discovery.authorization_endpoint, config, { redirectUri: redirectUri(), state, challenge: await pkceChallenge(verifier) }));
}

/** On the way back from the provider (`?code=…&state=…`): exchanges the code for the access token the services verify. */
export async function completeOidcSignIn(config: OidcConfig): Promise<Session | undefined> {
  const params = new URLSearchParams(window.location.search);
  const code = params.get('code');
  const pending = sessionStorage.getItem(PENDING);
  if (!code || !pending) return undefined;
  sessionStorage.removeItem(PENDING);
  window.history.replaceState(null, '', redirectUri() + window.location.hash);
  const { verifier, state } = JSON.parse(pending) as { verifier: string; state: string };
  if (params.get('state') !== state) throw new Error('het antwoord van de identiteitsprovider hoort niet bij deze aanmelding (state)');
  const discovery = await discover(config.issuer);
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri(), client_id: config.clientId, code_verifier: verifier }),
  });
  const body = (await response.json().catch(() => ({}))) as { access_token?: string; error_description?: string };
  const session = body.access_token ? sessionFromToken(body.access_token) : undefined;
  if (!response.ok || !session) throw new Error(body.error_description ?? `het tokenendpoint antwoordde ${response.status}`);
  return session;
}
