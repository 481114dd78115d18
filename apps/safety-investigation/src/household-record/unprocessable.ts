import { UnprocessableEntityException } from '@nestjs/common';
import { FieldProblem } from '@vt/household-domain';

/**
 * The 422 for broken rules, naming every field. A route for children refused for a household without a minor
 * (docs/adr/0022) is `error: 'route-needs-a-minor'`, so a client can tell it from other broken rules.
 */
export function unprocessable(problems: FieldProblem[]): UnprocessableEntityException {
  const error = problems.some((problem) => problem.code === 'route-needs-a-minor') ? 'route-needs-a-minor' : 'unprocessable';
  return new UnprocessableEntityException({ statusCode: 422, error, message: problems.map((problem) => `${problem.path}: ${problem.message}`).join('; '), fields: problems });
}
