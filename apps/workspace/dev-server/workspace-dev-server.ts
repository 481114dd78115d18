// The workspace's Node side for local use (Vite dev server and `vite preview`), never part of the browser bundle:
// - a proxy from /svc/<service>/ to the five services the workspace reads (intake, crisis-triage, safety-investigation,
//   referral, shelter-placement) (same origin, so no CORS on the services);
// - GET /workspace-config.json: how the browser signs in (here the local dev issuer; or the file VT_WORKSPACE_CONFIG
//   names, e.g. an OIDC provider's configuration as production serves it);
// - POST /dev/token: a token from the local dev issuer (libs/auth) for the role and region picked on the sign-in page
//   (not with VT_WORKSPACE_CONFIG);
// - the virtual module `virtual:vt-reference`: code lists and the gemeente table, as data, at build time.
// Production has none of this: a reverse proxy serves the static build and /svc/<service>/, and an OIDC provider
// issues the tokens (apps/workspace/README.md).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Connect, Plugin, ProxyOptions } from 'vite';
import type { WorkspaceConfig } from '../src/config';
import type { ReferenceData } from '../src/reference';

export const SERVICE_PORTS = { intake: 3001, 'crisis-triage': 3002, 'safety-investigation': 3003, referral: 3004, 'shelter-placement': 3006 } as const;
export type ServiceName = keyof typeof SERVICE_PORTS;

/** `VT_<SERVICE>_URL`, else `<SERVICE>_PORT` (as `npm start` reads it), else the default port on 127.0.0.1. */
export function serviceUrl(name: ServiceName, env: NodeJS.ProcessEnv = process.env): string {
  const key = name.toUpperCase().replace(/-/g, '_');
  return env[`VT_${key}_URL`] ?? `http://127.0.0.1:${env[`${key}_PORT`] ?? SERVICE_PORTS[name]}`;
}

export function serviceProxy(env: NodeJS.ProcessEnv = process.env): Record<string, ProxyOptions> {
  return Object.fromEntries(
    (Object.keys(SERVICE_PORTS) as ServiceName[]).map((name) => [
      `/svc/${name}/`,
      { target: serviceUrl(name, env), changeOrigin: true, rewrite: (url: string) => url.slice(`/svc/${name}`.length) },
    ]),
  );
}

// The workspace's libraries are TypeScript behind path aliases: load them as tools/*.mjs do (tools/register.cjs).
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
// Only what is used here, typed locally so that the browser project's type check does not compile the Nest libraries.
type Entries = { entries: readonly { code: string; label: string; description?: string; allows?: readonly string[]; exclusive?: true; requiresExplanation?: true }[] };
interface Libraries {
  auth: {
    ROLES: readonly string[];
    NATIONAL_SCOPE: string;
    createDevIssuer(dir: string): { issueToken(options: { subject: string; roles: string[]; regions: string[]; ttlSeconds: number }): string };
  };
  intake: { CURRENT_CODE_LISTS: Record<'channels' | 'melderKinds' | 'melderSectors' | 'melderRoles' | 'sealReasons' | 'aardVanHetGeweld' | 'geweldTags' | 'personRoles', Entries> };
  reference: {
    defaultVtRegionIndex(): { tables: { vtRegions: string; gemeenten: string }; regions: readonly { code: string; name: string }[]; regionOfGemeente(code: string): { code: string } | undefined };
    loadGemeenteTable(): { gemeenten: { gemeentecode: string; gemeentenaam: string }[] };
    regionCodesInForce(): string[];
  };
}
let loaded: Libraries | undefined;
function libraries(): Libraries {
  if (loaded) return loaded;
  const nodeRequire = createRequire(path.join(REPO_ROOT, 'package.json'));
  nodeRequire('./tools/register.cjs');
  loaded = { auth: nodeRequire('@vt/auth') as Libraries['auth'], intake: nodeRequire('@vt/intake-domain') as Libraries['intake'], reference: nodeRequire('@vt/reference-data') as Libraries['reference'] };
  return loaded;
}

export function referenceData(): ReferenceData {
  const { intake, reference } = libraries();
  const index = reference.defaultVtRegionIndex();
  const lists = intake.CURRENT_CODE_LISTS;
  const entries = (list: { entries: readonly { code: string; label: string; description?: string }[] }) =>
    list.entries.map(({ code, label, description }) => ({ code, label, ...(description ? { description } : {}) }));
  return {
    version: `${index.tables.gemeenten}, ${index.tables.vtRegions}`,
    gemeenten: reference.loadGemeenteTable().gemeenten.map((g) => ({ code: g.gemeentecode, name: g.gemeentenaam, vtRegion: index.regionOfGemeente(g.gemeentecode)?.code ?? '' })),
    regions: index.regions.map((r) => ({ code: r.code, name: r.name })),
    codeLists: {
      channels: lists.channels.entries.filter((e) => e.allows?.includes('melding')).map(({ code, label, description }) => ({ code, label, ...(description ? { description } : {}) })),
      melderKinds: entries(lists.melderKinds),
      melderSectors: entries(lists.melderSectors),
      melderRoles: entries(lists.melderRoles),
      sealReasons: lists.sealReasons.entries.map(({ code, label, description, requiresExplanation }) => ({ code, label, ...(description ? { description } : {}), ...(requiresExplanation ? { requiresExplanation } : {}) })),
      aard: lists.aardVanHetGeweld.entries.map(({ code, label, description, exclusive }) => ({ code, label, ...(description ? { description } : {}), ...(exclusive ? { exclusive } : {}) })),
      tags: entries(lists.geweldTags),
      personRoles: entries(lists.personRoles),
    },
  };
}

function devConfig(): WorkspaceConfig {
  const { auth, reference } = libraries();
  return {
    auth: {
      kind: 'dev',
      tokenEndpoint: '/dev/token',
      roles: auth.ROLES.filter((role) => role !== 'partner'),
      regions: [...reference.regionCodesInForce(), auth.NATIONAL_SCOPE],
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  res.statusCode = status;
  res.setHeader('content-type', type);
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > 4096) throw new Error('body too large');
  }
  return JSON.parse(text) as unknown;
}

/** The dev issuer's folder: `VT_DEV_ISSUER_DIR` (tests point it at their run's issuer), else `.local/dev-issuer` as `npm start` makes it. */
function issuerDir(): string {
  return process.env['VT_DEV_ISSUER_DIR'] ?? path.join(REPO_ROOT, '.local', 'dev-issuer');
}

/**
 * `VT_WORKSPACE_CONFIG`: a file served as /workspace-config.json instead of the dev issuer's configuration, read again
 * on every request (e.g. `{ "auth": { "kind": "oidc", … } }` to try an OIDC provider locally; the browser test does).
 * With it the dev token endpoint is off: the sign-in goes only where the file says.
 */
function configFile(): string | undefined {
  const file = process.env['VT_WORKSPACE_CONFIG']?.trim();
  return file ? path.resolve(file) : undefined;
}

export function devMiddleware(): Connect.NextHandleFunction {
  return (req, res, next) => {
    const url = (req.url ?? '').split('?')[0];
    const file = configFile();
    if (url === '/workspace-config.json' && req.method === 'GET') {
      if (!file) return sendJson(res, 200, devConfig());
      try {
        return sendJson(res, 200, JSON.parse(readFileSync(file, 'utf8')) as unknown);
      } catch (error) {
        return sendJson(res, 500, { error: 'workspace-config-unreadable', detail: `VT_WORKSPACE_CONFIG ${file}: ${(error as Error).message}` });
      }
    }
    if (url !== '/dev/token' || file) return next();
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'method-not-allowed' });
    readJson(req)
      .then((body) => {
        const { role, region } = (body ?? {}) as { role?: unknown; region?: unknown };
        if (typeof role !== 'string' || typeof region !== 'string') return sendJson(res, 400, { error: 'validation-failed', detail: 'role and region are required' });
        const issuer = libraries().auth.createDevIssuer(issuerDir());
        try {
          const token = issuer.issueToken({ subject: `dev-${role}-${region === '*' ? 'landelijk' : region}`, roles: [role], regions: [region], ttlSeconds: 8 * 3600 });
          return sendJson(res, 200, { accessToken: token });
        } catch (error) {
          return sendJson(res, 400, { error: 'validation-failed', detail: (error as Error).message });
        }
      })
      .catch((error: unknown) => sendJson(res, 400, { error: 'malformed-json', detail: (error as Error).message }));
  };
}

const VIRTUAL_REFERENCE = 'virtual:vt-reference';

/** The plugin: middleware in `vite` and `vite preview` (never in production), and the reference data as a module. */
export function workspaceDevServer(): Plugin {
  return {
    name: 'vt-workspace-dev-server',
    resolveId: (id) => (id === VIRTUAL_REFERENCE ? `\0${VIRTUAL_REFERENCE}` : undefined),
    load: (id) => (id === `\0${VIRTUAL_REFERENCE}` ? `export default ${JSON.stringify(referenceData())};` : undefined),
    configureServer: (server) => {
      if (process.env['NODE_ENV'] === 'production') throw new Error('the workspace dev server (dev issuer) never runs with NODE_ENV=production');
      server.middlewares.use(devMiddleware());
    },
    configurePreviewServer: (server) => {
      if (process.env['NODE_ENV'] === 'production') throw new Error('the workspace preview server (dev issuer) never runs with NODE_ENV=production');
      server.middlewares.use(devMiddleware());
    },
  };
}
