import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { throwError } from 'rxjs';
import { isDatabaseUnavailable } from './database-unavailable';
import { PROBLEM_CONTENT_TYPE, ProblemBody, problemBody, problemBodyOf, ProblemException } from './problem';

export interface ProblemAnswer {
  body: ProblemBody;
  headers: Record<string, string>;
  /** Unexpected: log it server side (the body says nothing about it). */
  unexpected: boolean;
}

/** http-errors as body-parser raises them: `{ status, type: 'entity.too.large' | 'entity.parse.failed' | … }`. */
interface HttpError {
  status?: unknown;
  statusCode?: unknown;
  type?: unknown;
  expose?: unknown;
}

const PARSER_PROBLEMS: Record<string, { status: number; code: string; detail: string }> = {
  'entity.parse.failed': { status: 400, code: 'malformed-json', detail: 'the body is not valid JSON' },
  'entity.too.large': { status: 413, code: 'payload-too-large', detail: 'the body is larger than this service accepts' },
  'entity.verify.failed': { status: 400, code: 'bad-request', detail: 'the body was refused' },
  'encoding.unsupported': { status: 415, code: 'unsupported-media-type', detail: 'the body uses a content encoding this service does not accept' },
  'charset.unsupported': { status: 415, code: 'unsupported-media-type', detail: 'send the body as UTF-8 JSON' },
  'request.aborted': { status: 400, code: 'request-aborted', detail: 'the request was aborted before its body arrived' },
  'request.size.invalid': { status: 400, code: 'bad-request', detail: 'the body is shorter or longer than its Content-Length' },
  'stream.encoding.set': { status: 500, code: 'internal-error', detail: 'the request could not be read' },
};

/**
 * What to answer for anything a request handler, guard, pipe or middleware throws. Refusals keep their
 * status and code; a lost database is 503 `database-unavailable` with `Retry-After`; anything else is 500
 * `internal-error` with nothing about the error in the body.
 */
export function answerFor(exception: unknown, instance: string | undefined, retryAfterSeconds: number): ProblemAnswer {
  if (exception instanceof HttpException) {
    return { body: problemBodyOf(exception, instance), headers: exception instanceof ProblemException ? exception.headers : {}, unexpected: exception.getStatus() >= 500 && !(exception instanceof ProblemException) };
  }
  if (isDatabaseUnavailable(exception)) {
    return {
      body: problemBody(503, 'database-unavailable', { detail: `the database cannot be reached right now; try again in ${retryAfterSeconds} seconds` }, instance),
      headers: { 'Retry-After': String(retryAfterSeconds) },
      unexpected: false,
    };
  }
  const parser = typeof exception === 'object' && exception !== null && typeof (exception as HttpError).type === 'string' ? PARSER_PROBLEMS[(exception as HttpError).type as string] : undefined;
  if (parser) return { body: problemBody(parser.status, parser.code, { detail: parser.detail }, instance), headers: {}, unexpected: parser.status >= 500 };
  return { body: problemBody(500, 'internal-error', { detail: 'something went wrong on our side; it has been logged' }, instance), headers: {}, unexpected: true };
}

/**
 * The one exception filter of every service (registered globally by ServiceModule): every error answer is
 * an RFC 9457 problem (`application/problem+json`, docs/adr/0025). Outside HTTP (event handlers) it
 * passes the error on untouched so the consumer's retries and dead letters see it.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  constructor(private readonly retryAfterSeconds: number) {}

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType() !== 'http') return throwError(() => exception);
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const answer = answerFor(exception, request.path, this.retryAfterSeconds);
    if (answer.unexpected) {
      this.logger.error(`${request.method} ${request.route?.path ?? request.path} failed: ${describe(exception)}`, exception instanceof Error ? exception.stack : undefined);
    } else if (answer.body.status === 503) {
      this.logger.warn(`${request.method} ${request.route?.path ?? request.path} answered 503 ${answer.body.error}: ${describe(exception)}`);
    }
    if (response.headersSent) {
      response.end();
      return undefined;
    }
    for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
    response.status(answer.body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(answer.body));
    return undefined;
  }
}

function describe(exception: unknown): string {
  if (exception instanceof Error) {
    const code = (exception as { code?: unknown }).code;
    return `${exception.name}${typeof code === 'string' ? ` (${code})` : ''}: ${exception.message}`;
  }
  return String(exception);
}
