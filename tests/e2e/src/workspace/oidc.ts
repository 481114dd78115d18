import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { freePort, waitFor } from '@vt/testing';

/** An account at the test provider: what it logs in with and the claims its access tokens carry. */
export interface OidcAccount {
  login: string;
  password: string;
  sub: string;
  roles: string[];
  regions: string[];
}

export interface RunningOidcProvider {
  issuer: string;
  /** The provider's own discovery document (`<issuer>/.well-known/openid-configuration`). */
  discovery: { issuer: string; authorization_endpoint: string; token_endpoint: string; jwks_uri: string };
  output(): string;
  stop(): Promise<void>;
}

/**
 * panva's oidc-provider in a process of its own (`oidc-provider.mjs`: it is ESM only, Jest here is CommonJS), on a
 * free port of 127.0.0.1, with a key generated at start. `resources` maps each resource indicator (the services'
 * AUTH_AUDIENCE, or another) to its scope.
 */
export async function startOidcProvider(options: { clientId: string; redirectUris: string[]; resources: Record<string, { scope: string }>; accounts: OidcAccount[] }): Promise<RunningOidcProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'oidc-provider.mjs')], {
    env: { ...process.env, VT_OIDC_PROVIDER_CONFIG: JSON.stringify({ port, issuer, ...options }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };
  try {
    const discovery = await Promise.race([
      failOnExit(child, 'oidc-provider', () => output),
      waitFor(
        async () => {
          const answer = await fetch(`${issuer}/.well-known/openid-configuration`).catch(() => undefined);
          return answer?.ok ? ((await answer.json()) as RunningOidcProvider['discovery']) : undefined;
        },
        { description: `oidc-provider at ${issuer}`, timeoutMs: 30_000, intervalMs: 100 },
      ),
    ]);
    return { issuer, discovery, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Rejects when the child exits (while it is being waited for), with what it printed. */
function failOnExit(child: ChildProcess, name: string, output: () => string): Promise<never> {
  return new Promise<never>((_, reject) => child.once('exit', (code, signal) => reject(new Error(`${name} exited (${code ?? signal}):\n${output()}`))));
}

/**
 * `vite preview` of a build already made, with extra environment (its config file, the services it proxies to). A second
 * preview of the same project next to the test's own: `--bypass-lock` (Vite refuses two by default).
 */
export async function startPreview(root: string, env: Record<string, string>): Promise<{ url: string; output(): string; stop(): Promise<void> }> {
  const port = Number(env['WORKSPACE_PORT'] ?? (await freePort()));
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'preview', '--config', 'apps/workspace/vite.config.ts', '--bypass-lock'], {
    cwd: root,
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true', ...env, WORKSPACE_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };
  try {
    await Promise.race([
      failOnExit(child, 'vite preview', () => output),
      waitFor(async () => (await fetch(`${url}/workspace-config.json`).catch(() => undefined))?.ok || undefined, { description: `vite preview at ${url}`, timeoutMs: 30_000, intervalMs: 100 }),
    ]);
    return { url, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
