/**
 * How the browser signs in, read at start from `/workspace-config.json`: in local use the Vite dev server answers it
 * (the dev issuer); in production the site serves a file beside the static build (apps/workspace/README.md).
 */
export type AuthConfig =
  | { kind: 'dev'; tokenEndpoint: string; roles: string[]; regions: string[] }
  | {
      kind: 'oidc';
      /** The OIDC issuer; its `/.well-known/openid-configuration` names the authorize and token endpoints. */
      issuer: string;
      clientId: string;
      /** Default `openid`. */
      scope?: string;
      /** Sent as `audience` where the provider needs it to put the services' audience (`AUTH_AUDIENCE`) in the access token (e.g. Auth0). */
      audience?: string;
      /**
       * A resource indicator (RFC 8707), sent as `resource` on the authorize and the token request, for providers that
       * issue a JWT access token for a resource only when it is named there (e.g. oidc-provider): the services' audience.
       */
      resource?: string;
      /** Shown on the sign-in button, e.g. the organisation's account name. */
      displayName?: string;
    };

export interface WorkspaceConfig {
  auth: AuthConfig;
}

export function parseWorkspaceConfig(raw: unknown): WorkspaceConfig {
  const auth = (raw as { auth?: Record<string, unknown> } | null)?.auth;
  if (auth?.['kind'] === 'dev' && typeof auth['tokenEndpoint'] === 'string' && Array.isArray(auth['roles']) && Array.isArray(auth['regions'])) {
    return { auth: { kind: 'dev', tokenEndpoint: auth['tokenEndpoint'], roles: auth['roles'].map(String), regions: auth['regions'].map(String) } };
  }
  if (auth?.['kind'] === 'oidc' && typeof auth['issuer'] === 'string' && typeof auth['clientId'] === 'string') {
    const optional = (name: string) => (typeof auth[name] === 'string' ? { [name]: auth[name] } : {});
    return { auth: { kind: 'oidc', issuer: auth['issuer'], clientId: auth['clientId'], ...optional('scope'), ...optional('audience'), ...optional('resource'), ...optional('displayName') } };
  }
  throw new Error('workspace-config.json: auth must be { kind: "dev", tokenEndpoint, roles, regions } or { kind: "oidc", issuer, clientId, scope?, audience?, resource?, displayName? }');
}
