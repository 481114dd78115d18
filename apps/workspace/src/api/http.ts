import type { Attempt } from './idempotent-submit';
import { Problem, toProblem } from './problem';

export type ServiceName = 'intake' | 'crisis-triage' | 'safety-investigation' | 'referral' | 'shelter-placement';

/** The services are reached on the workspace's own origin under /svc/<service>/ (Vite's proxy locally, the site's reverse proxy in production). */
export function serviceUrl(service: ServiceName, path: string): string {
  return `/svc/${service}${path}`;
}

export interface Request {
  method: 'GET' | 'POST';
  token: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One request to a service; never throws: a network failure is an attempt without an answer. */
export async function call(service: ServiceName, path: string, request: Request): Promise<Attempt> {
  try {
    const response = await fetch(serviceUrl(service, path), {
      method: request.method,
      headers: {
        accept: 'application/json, application/problem+json',
        authorization: `Bearer ${request.token}`,
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...request.headers,
      },
      ...(request.body === undefined ? {} : { body: typeof request.body === 'string' ? request.body : JSON.stringify(request.body) }),
    });
    const text = await response.text();
    let body: unknown = undefined;
    try {
      body = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      body = { detail: text.slice(0, 300) };
    }
    const retryAfter = Number(response.headers.get('retry-after'));
    return { kind: 'answered', status: response.status, body, ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}) };
  } catch (error) {
    return { kind: 'network-error', message: (error as Error).message };
  }
}

/** A 401 or 403 as the screens show it: what happened and what to do, never a blank page. */
export function accessMessage(problem: Problem): string | undefined {
  if (problem.status === 401) return 'U bent niet (meer) aangemeld: uw sessie is verlopen of uw token wordt geweigerd. Meld u opnieuw aan.';
  if (problem.status === 403) return `Geen toegang: ${problem.detail ?? 'uw rol of regio geeft geen toegang tot deze gegevens.'}`;
  return undefined;
}

export function problemOf(attempt: Attempt): Problem | undefined {
  if (attempt.kind === 'network-error') return undefined;
  return attempt.status >= 400 ? toProblem(attempt.status, attempt.body) : undefined;
}
