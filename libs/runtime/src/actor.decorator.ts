import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

const ACTOR = /^user:[A-Za-z0-9._@-]{1,100}$/;

/**
 * Who is acting, from the `X-Actor` header (`user:<id>`), recorded on every decision.
 * Stands in until bearer tokens arrive with the intake issue's access control, which will replace it.
 */
export const Actor = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const value = context.switchToHttp().getRequest<Request>().header('x-actor');
  if (!value || !ACTOR.test(value)) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'validation-failed',
      fields: [{ path: 'X-Actor', code: 'invalid-actor', message: 'X-Actor must name who acts, as user:<id> (e.g. user:triage-utrecht-17)' }],
    });
  }
  return value;
});
