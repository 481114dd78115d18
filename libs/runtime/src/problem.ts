import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { ConfigurationError } from './config';

/** One failing input: where (`melder.name`, `concerns[0].kind`, `X-Access-Purpose`), a machine code and a sentence. */
export interface FieldProblem {
  path: string;
  code: string;
  message: string;
  /** The values that would have been accepted, where there is a short list. */
  allowed?: readonly string[];
  suggestions?: readonly string[];
}

/**
 * An RFC 9457 problem body, as every service answers every refusal and failure
 * (`Content-Type: application/problem+json`, docs/adr/0025). `error` (a stable machine code), `statusCode`,
 * `message` (= `detail`) and `fields` are the members clients read from before problem responses; they stay.
 * Any other member is an extension the refusal adds (`allowed`, `missing`, `erasedAt`, …).
 */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  error: string;
  statusCode: number;
  message?: string;
  fields?: FieldProblem[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_TYPE_BASE = 'https://veilig-thuis.example/problems/';

export interface ProblemOptions {
  detail?: string;
  fields?: FieldProblem[];
  /** Extra members of the body, e.g. `allowed` or `erasedAt`. */
  extensions?: Record<string, unknown>;
  /** Response headers, e.g. `Retry-After`. */
  headers?: Record<string, string>;
}

/** A refusal with a machine code; the global filter turns it into a problem response. */
export class ProblemException extends HttpException {
  readonly headers: Record<string, string>;

  constructor(status: number, readonly code: string, options: ProblemOptions = {}) {
    const body = {
      statusCode: status,
      error: code,
      ...(options.detail !== undefined ? { message: options.detail } : {}),
      ...(options.fields ? { fields: options.fields } : {}),
      ...(options.extensions ?? {}),
    };
    super(body, status);
    this.headers = options.headers ?? {};
  }
}

/** The one way to build a refusal: `throw problem(409, 'already-assessed', { detail: '…' })`. */
export function problem(status: number, code: string, options: ProblemOptions = {}): ProblemException {
  return new ProblemException(status, code, options);
}

const MAX_FIELDS = 50;

/** 400 `validation-failed` naming every failing field (the first 50; `fieldsOmitted` counts the rest). */
export function validationFailed(fields: FieldProblem[], extensions?: Record<string, unknown>): ProblemException {
  const omitted = fields.length - MAX_FIELDS;
  return problem(400, 'validation-failed', { detail: describeFields(fields), fields: fields.slice(0, MAX_FIELDS), extensions: { ...(extensions ?? {}), ...(omitted > 0 ? { fieldsOmitted: omitted } : {}) } });
}

export function describeFields(fields: readonly FieldProblem[]): string {
  const shown = fields.slice(0, 5).map((field) => `${field.path}: ${field.message}`);
  return fields.length > 5 ? `${shown.join('; ')}; and ${fields.length - 5} more` : shown.join('; ');
}

const CODE = /^[a-z][a-z0-9-]*$/;

/** A code for a status when nothing more precise is known: 404 → `not-found`. */
export function codeForStatus(status: number): string {
  if (status === 400) return 'bad-request';
  if (status === 500) return 'internal-error';
  const phrase = STATUS_CODES[status] ?? (status >= 500 ? 'server error' : 'client error');
  return phrase.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * The problem body for an HttpException, whether it was built with `problem()`, by hand as
 * `{ statusCode, error, message, fields }`, or by Nest itself (`{ statusCode, message, error: 'Bad Request' }`).
 */
export function problemBodyOf(exception: HttpException, instance?: string): ProblemBody {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const raw: Record<string, unknown> = typeof response === 'object' && response !== null ? { ...(response as Record<string, unknown>) } : { message: String(response) };
  const { statusCode: _statusCode, error, message, detail, fields, type: _type, title: _title, status: _status, instance: _instance, ...extensions } = raw;
  const code = typeof error === 'string' && CODE.test(error) ? error : codeForStatus(status);
  const text = typeof detail === 'string' ? detail : typeof message === 'string' ? message : Array.isArray(message) ? message.map(String).join('; ') : undefined;
  return problemBody(status, code, { ...(text !== undefined ? { detail: text } : {}), ...(Array.isArray(fields) ? { fields: fields as FieldProblem[] } : {}), extensions }, instance);
}

export function problemBody(status: number, code: string, options: Omit<ProblemOptions, 'headers'> = {}, instance?: string): ProblemBody {
  const detail = options.detail ?? (options.fields && options.fields.length > 0 ? describeFields(options.fields) : undefined);
  return {
    ...(options.extensions ?? {}),
    type: `${PROBLEM_TYPE_BASE}${code}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    ...(detail !== undefined ? { detail } : {}),
    ...(instance !== undefined ? { instance } : {}),
    error: code,
    statusCode: status,
    ...(detail !== undefined ? { message: detail } : {}),
    ...(options.fields ? { fields: options.fields } : {}),
  };
}

/** How long a client should wait before retrying while the database is down (`DATABASE_RETRY_AFTER_SECONDS`, default 5). */
export function loadRetryAfterSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const text = env['DATABASE_RETRY_AFTER_SECONDS']?.trim();
  if (!text) return 5;
  const seconds = Number(text);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600) {
    throw new ConfigurationError(`DATABASE_RETRY_AFTER_SECONDS must be a whole number of seconds 1-3600 (got "${text}"), e.g. 5`);
  }
  return seconds;
}
