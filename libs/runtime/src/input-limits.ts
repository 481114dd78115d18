import type { NextFunction, Request, Response } from 'express';
import { FieldProblem, problem, ProblemException, validationFailed } from './problem';

/**
 * What every service accepts before a request reaches a controller (docs/adr/0025). Anything beyond is a
 * 4xx problem, so no input can reach the validators, the cipher or Postgres in a shape that makes them fail
 * with a 500 (a stack overflow on deep nesting, "invalid byte sequence" on a NUL, a JSON escape Postgres
 * refuses for a lone surrogate).
 */
export interface InputLimits {
  /** Largest body, as body-parser reads it ('256kb'); larger is 413 `payload-too-large`. */
  maxBodySize: string;
  /** Deepest nesting of objects and arrays in a body; deeper is 400 `body-too-deep`. */
  maxDepth: number;
}

export const DEFAULT_INPUT_LIMITS: InputLimits = { maxBodySize: '256kb', maxDepth: 32 };

/** The media types a body may have: JSON (`application/json`, `application/*+json`). */
export const JSON_MEDIA_TYPES = ['application/json', 'application/*+json'];
const JSON_CONTENT_TYPE = /^application\/(?:[a-z0-9.!#$&^_-]+\+)?json\s*(?:;|$)/i;
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
/**
 * Keys that would reach an object's prototype in code that copies bodies key by key, and the names
 * `Object.prototype` already has (`toString`, `hasOwnProperty`, …): class-validator's whitelist looks names
 * up with `in`, so those would pass as known fields.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype', ...Object.getOwnPropertyNames(Object.prototype)]);
const NUL = '\u0000';
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** 415 for a body that is not JSON, before anything reads it. */
export function requireJsonBody(request: Request, _response: Response, next: NextFunction): void {
  if (!BODY_METHODS.has(request.method) || !hasBody(request)) return next();
  const type = request.headers['content-type'];
  if (type !== undefined && JSON_CONTENT_TYPE.test(type)) return next();
  next(
    problem(415, 'unsupported-media-type', {
      detail: type === undefined ? 'the body has no Content-Type; send it as Content-Type: application/json' : 'send the body as Content-Type: application/json',
      extensions: { accepted: ['application/json'] },
    }),
  );
}

/** body-parser's errors as problems (Nest would turn a SyntaxError into a bare 400 before the filter sees it). */
export function bodyParserProblems(error: unknown, _request: Request, _response: Response, next: NextFunction): void {
  const type = typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
  if (type === 'entity.parse.failed') return next(problem(400, 'malformed-json', { detail: 'the body is not valid JSON (an object, in UTF-8)' }));
  if (type === 'entity.too.large') {
    const limit = (error as { limit?: unknown }).limit;
    return next(problem(413, 'payload-too-large', { detail: `the body is larger than this service accepts${typeof limit === 'number' ? ` (${limit} bytes)` : ''}` }));
  }
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') return next(problem(415, 'unsupported-media-type', { detail: 'send the body as UTF-8 JSON, identity, gzip or deflate encoded' }));
  if (type === 'request.aborted' || type === 'request.size.invalid') return next(problem(400, 'bad-request', { detail: 'the body did not arrive whole' }));
  next(error);
}

/**
 * Walks a parsed body or query without recursion (so nesting cannot overflow the stack) and returns what
 * is wrong with it: too deep, a prototype key, a string Postgres cannot store (NUL, a lone surrogate).
 */
export function inspectInput(value: unknown, root: string, maxDepth: number): ProblemException | undefined {
  const pending: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: root, depth: 0 }];
  const at = (path: string, key: string) => (/^\d+$/.test(key) ? `${path}[${key}]` : path ? `${path}.${key}` : key);
  while (pending.length > 0) {
    const { value: current, path, depth } = pending.pop() as { value: unknown; path: string; depth: number };
    if (typeof current === 'string') {
      const field = stringProblem(current, path || root);
      if (field) return validationFailed([field]);
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= maxDepth) {
      return problem(400, 'body-too-deep', { detail: `objects and arrays may be nested at most ${maxDepth} deep (${path || root} is deeper)`, fields: [{ path: path || root, code: 'too-deep', message: `nested more than ${maxDepth} deep` }] });
    }
    for (const key of Object.keys(current)) {
      const keyPath = at(path, key);
      if (FORBIDDEN_KEYS.has(key)) return validationFailed([{ path: keyPath, code: 'forbidden-key', message: `${key} is not accepted as a field name` }]);
      const keyProblem = stringProblem(key, keyPath);
      if (keyProblem) return validationFailed([keyProblem]);
      pending.push({ value: (current as Record<string, unknown>)[key], path: keyPath, depth: depth + 1 });
    }
  }
  return undefined;
}

function stringProblem(text: string, path: string): FieldProblem | undefined {
  if (text.includes(NUL)) return { path, code: 'invalid-characters', message: `${path} contains a NUL character (\\u0000), which cannot be stored` };
  if (LONE_SURROGATE.test(text)) return { path, code: 'invalid-characters', message: `${path} contains a lone UTF-16 surrogate, which is not a character` };
  return undefined;
}

/** After parsing: an object body (or none), not too deep, no prototype keys, only storable strings; the same for the query and path. */
export function inspectRequest(limits: InputLimits) {
  return (request: Request, _response: Response, next: NextFunction): void => {
    let path: string;
    try {
      path = decodeURIComponent(request.path);
    } catch {
      return next(problem(400, 'bad-request', { detail: 'the path is not valid percent-encoded UTF-8' }));
    }
    const pathProblem = stringProblem(path, 'path');
    if (pathProblem) return next(validationFailed([pathProblem]));
    const query = inspectInput(request.query, 'query', 4);
    if (query) return next(query);
    if (BODY_METHODS.has(request.method)) {
      if (request.body === undefined) request.body = {};
      if (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body)) {
        return next(validationFailed([{ path: 'body', code: 'not-an-object', message: 'the body must be a JSON object' }]));
      }
      const body = inspectInput(request.body, '', limits.maxDepth);
      if (body) return next(body);
    }
    next();
  };
}
