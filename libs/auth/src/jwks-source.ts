import { readFile, stat } from 'node:fs/promises';
import { KeysUnavailableError } from './errors';
import { KeySource, parseJwks, VerificationKey } from './jwk';

export interface JwksUrlSourceOptions {
  /** Keys older than this are fetched again on next use (old keys stay in use if that fails); default 10 min. */
  maxAgeMs?: number;
  /** At most one fetch per this interval, however many unknown kids arrive; default 30 s. */
  minRefreshIntervalMs?: number;
  /** Per fetch; default 5 s. */
  timeoutMs?: number;
  /** Called with a message when a refresh fails or keys are skipped (e.g. a logger's warn). */
  onWarning?: (message: string) => void;
  fetch?: typeof fetch;
  now?: () => number;
}

const MAX_JWKS_BYTES = 1024 * 1024;

function describeSkipped(skipped: string[]): string {
  return skipped.length > 0 ? ` (left out: ${skipped.join('; ')})` : '';
}

/**
 * The issuer's keys from its JWKS URL (`AUTH_JWKS_URL`, the OIDC `jwks_uri`), cached. A token with an
 * unknown `kid` triggers a refresh (the issuer may have rotated keys), at most once per
 * `minRefreshIntervalMs`; concurrent refreshes share one fetch.
 */
export class JwksUrlSource implements KeySource {
  private keys = new Map<string, VerificationKey>();
  private loadedAt?: number;
  private attemptedAt?: number;
  private lastError?: string;
  private inflight?: Promise<void>;
  private readonly maxAgeMs: number;
  private readonly minRefreshIntervalMs: number;
  private readonly timeoutMs: number;
  private readonly fetchFn: typeof fetch;
  private readonly now: () => number;

  constructor(
    readonly url: string,
    private readonly options: JwksUrlSourceOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
    this.minRefreshIntervalMs = options.minRefreshIntervalMs ?? 30_000;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.fetchFn = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
  }

  async load(): Promise<void> {
    await this.refresh();
  }

  async resolve(kid: string): Promise<VerificationKey | undefined> {
    if (this.loadedAt === undefined || this.now() - this.loadedAt >= this.maxAgeMs) await this.refreshIfAllowed();
    if (this.loadedAt === undefined) throw new KeysUnavailableError(`the issuer's keys could not be fetched from ${this.url}: ${this.lastError ?? 'not tried yet'}`);
    if (!this.keys.has(kid)) await this.refreshIfAllowed();
    return this.keys.get(kid);
  }

  private async refreshIfAllowed(): Promise<void> {
    if (this.inflight) return this.inflight.catch(() => undefined);
    if (this.attemptedAt !== undefined && this.now() - this.attemptedAt < this.minRefreshIntervalMs) return;
    await this.refresh().catch(() => undefined);
  }

  private refresh(): Promise<void> {
    this.inflight ??= this.fetchKeys().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async fetchKeys(): Promise<void> {
    this.attemptedAt = this.now();
    try {
      const response = await this.fetchFn(this.url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(this.timeoutMs) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const text = await response.text();
      if (text.length > MAX_JWKS_BYTES) throw new Error(`the answer is larger than ${MAX_JWKS_BYTES} bytes`);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new Error('the answer is not JSON');
      }
      const { keys, skipped } = parseJwks(json, `the JWKS at ${this.url}`);
      if (keys.size === 0) throw new Error(`it holds no usable keys${describeSkipped(skipped)}`);
      if (skipped.length > 0) this.options.onWarning?.(`JWKS ${this.url}: ${skipped.join('; ')}`);
      this.keys = keys;
      this.loadedAt = this.now();
      this.lastError = undefined;
    } catch (error) {
      this.lastError = (error as Error).message;
      const message = `could not fetch the issuer's keys from ${this.url}: ${this.lastError}`;
      this.options.onWarning?.(this.loadedAt === undefined ? message : `${message}; keeping the keys fetched before`);
      throw new KeysUnavailableError(message);
    }
  }
}

export interface JwksFileSourceOptions {
  /** On an unknown kid the file is re-read if it changed, checked at most once per this interval; default 1 s. */
  minRefreshIntervalMs?: number;
  onWarning?: (message: string) => void;
  now?: () => number;
}

/**
 * Keys from a JWKS file (`AUTH_JWKS_FILE`), e.g. the local dev issuer's `jwks.json`. Read on first use
 * (or `load()` at start-up); re-read when a token names an unknown kid and the file has changed.
 */
export class JwksFileSource implements KeySource {
  private keys?: Map<string, VerificationKey>;
  private mtimeMs?: number;
  private checkedAt?: number;
  private readonly minRefreshIntervalMs: number;
  private readonly now: () => number;

  constructor(
    readonly path: string,
    private readonly options: JwksFileSourceOptions = {},
  ) {
    this.minRefreshIntervalMs = options.minRefreshIntervalMs ?? 1_000;
    this.now = options.now ?? Date.now;
  }

  async load(): Promise<void> {
    let mtimeMs: number;
    let text: string;
    try {
      mtimeMs = (await stat(this.path)).mtimeMs;
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      throw new KeysUnavailableError(`cannot read the JWKS file ${this.path}: ${(error as Error).message}`);
    }
    let parsed;
    try {
      parsed = parseJwks(JSON.parse(text), `the JWKS file ${this.path}`);
    } catch (error) {
      throw new KeysUnavailableError(error instanceof SyntaxError ? `the JWKS file ${this.path} is not JSON` : (error as Error).message);
    }
    if (parsed.keys.size === 0) throw new KeysUnavailableError(`the JWKS file ${this.path} holds no usable keys${describeSkipped(parsed.skipped)}`);
    if (parsed.skipped.length > 0) this.options.onWarning?.(`JWKS file ${this.path}: ${parsed.skipped.join('; ')}`);
    this.keys = parsed.keys;
    this.mtimeMs = mtimeMs;
    this.checkedAt = this.now();
  }

  async resolve(kid: string): Promise<VerificationKey | undefined> {
    if (!this.keys) await this.load();
    if (!this.keys?.has(kid) && (this.checkedAt === undefined || this.now() - this.checkedAt >= this.minRefreshIntervalMs)) {
      this.checkedAt = this.now();
      try {
        if ((await stat(this.path)).mtimeMs !== this.mtimeMs) await this.load();
      } catch (error) {
        this.options.onWarning?.(`${(error as Error).message}; keeping the keys read before`);
      }
    }
    return this.keys?.get(kid);
  }
}

export type JwksLocation = { kind: 'url'; url: string } | { kind: 'file'; path: string };

/** The key source for a configured JWKS location. */
export function createJwksSource(location: JwksLocation, options: { onWarning?: (message: string) => void } = {}): JwksUrlSource | JwksFileSource {
  return location.kind === 'url' ? new JwksUrlSource(location.url, options) : new JwksFileSource(location.path, options);
}
