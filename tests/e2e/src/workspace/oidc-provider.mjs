// A real OpenID Connect provider for the workspace's browser test: panva's `oidc-provider` (a certified OpenID
// Provider implementation, from the npm registry), configured the way apps/workspace/README.md asks of production's:
// - a public client (`token_endpoint_auth_method: none`) with PKCE S256 and the workspace's redirect URI;
// - JWT access tokens for a resource indicator (RFC 8707) whose audience is the services' AUTH_AUDIENCE, signed RS256
//   with a key generated at start (its public half at the provider's jwks_uri, the services' AUTH_JWKS_URL), with the
//   claims `roles` and `regions` of the account;
// - CORS on the token endpoint for the workspace's origin only;
// - its own login page (the interaction), a plain form a test completes by keyboard; consent for this first-party
//   client is given without a page.
// ESM only (oidc-provider 9 is), so it runs as its own process: `node oidc-provider.mjs`, configured by the JSON in
// VT_OIDC_PROVIDER_CONFIG = { port, issuer, clientId, redirectUris: [..], resources: { "<uri>": { scope } },
// accounts: [{ login, password, sub, roles, regions }] }. It prints `ready <issuer>` once it listens.
import { generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import Provider, { errors } from 'oidc-provider';

const config = JSON.parse(process.env.VT_OIDC_PROVIDER_CONFIG ?? '{}');
const { port, issuer, clientId, redirectUris, resources, accounts } = config;
if (!port || !issuer || !clientId || !Array.isArray(redirectUris) || !resources || !Array.isArray(accounts)) {
  throw new Error('VT_OIDC_PROVIDER_CONFIG must give port, issuer, clientId, redirectUris, resources and accounts');
}
const origins = new Set(redirectUris.map((uri) => new URL(uri).origin));
const bySub = new Map(accounts.map((account) => [account.sub, account]));

// The signing key exists only in this process, for this run.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: `test-${randomBytes(6).toString('hex')}`, use: 'sig', alg: 'RS256' };

const provider = new Provider(issuer, {
  clients: [{ client_id: clientId, token_endpoint_auth_method: 'none', redirect_uris: redirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: false },
    resourceIndicators: {
      enabled: true,
      getResourceServerInfo: (_ctx, resource) => {
        const server = resources[resource];
        if (!server) throw new errors.InvalidTarget(`unknown resource ${resource}`);
        return { scope: server.scope, audience: resource, accessTokenTTL: 3600, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
      },
    },
  },
  // The services read who the user is and what they may see from the access token's own claims.
  extraTokenClaims: (_ctx, token) => {
    if (token.kind !== 'AccessToken' || !token.resourceServer) return undefined;
    const account = bySub.get(token.accountId);
    return account ? { roles: account.roles, regions: account.regions } : undefined;
  },
  findAccount: (_ctx, sub) => (bySub.has(sub) ? { accountId: sub, claims: () => ({ sub }) } : undefined),
  clientBasedCORS: (_ctx, origin) => origins.has(origin),
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  ttl: { Session: 3600, Grant: 3600, Interaction: 600, AuthorizationCode: 60, IdToken: 3600, AccessToken: 3600 },
});
provider.on('server_error', (_ctx, error) => console.error('server_error', error));

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
function loginPage(uid, failed) {
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Aanmelden bij Test-IdP</title></head><body><main>
<h1>Aanmelden bij Test-IdP</h1>
${failed ? '<p role="alert">Gebruikersnaam of wachtwoord klopt niet.</p>' : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<p><label for="login">Gebruikersnaam</label> <input id="login" name="login" autocomplete="username" autofocus></p>
<p><label for="password">Wachtwoord</label> <input id="password" name="password" type="password" autocomplete="current-password"></p>
<button type="submit">Inloggen</button>
</form></main></body></html>`;
}

async function readForm(req) {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 4096) throw new Error('form too large');
  }
  return new URLSearchParams(text);
}

function sameSecret(given, expected) {
  const a = Buffer.from(String(given));
  const b = Buffer.from(String(expected));
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Consent for the first-party workspace: grants what the request asks for (OIDC scopes, claims, resource scopes). */
async function consent(req, res, details) {
  const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
  const missing = details.prompt.details;
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction does not match its cookie');
  if (details.prompt.name === 'consent') return consent(req, res, details);
  if (details.prompt.name !== 'login') throw new Error(`prompt ${details.prompt.name} is not supported here`);
  if (req.method === 'POST' && action === 'login') {
    const form = await readForm(req);
    const account = accounts.find((a) => a.login === form.get('login'));
    if (account && sameSecret(form.get('password') ?? '', account.password)) {
      return provider.interactionFinished(req, res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    return res.end(loginPage(uid, true));
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  return res.end(loginPage(uid, false));
}

const callback = provider.callback();
const server = createServer((req, res) => {
  const match = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login))?$/.exec((req.url ?? '').split('?')[0]);
  if (!match) return callback(req, res);
  interaction(req, res, match[1], match[2]).catch((error) => {
    console.error('interaction failed', error);
    if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`Aanmelden mislukt: ${error.message}`);
  });
});
server.listen(port, '127.0.0.1', () => console.log(`ready ${issuer}`));
// Everything it holds is in memory and for this run; the browser's keep-alive connections would hold a graceful close.
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
