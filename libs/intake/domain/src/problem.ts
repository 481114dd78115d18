/**
 * What a rule answers: the accepted (normalised) value, or a problem a call handler can act on. The
 * problem has a stable `code` for the caller's error response and a `message` that says what to fix.
 */
export interface Problem<C extends string = string> {
  code: C;
  message: string;
}

export type Checked<T, C extends string = string, P extends Problem<C> = Problem<C>> = { ok: true; value: T } | { ok: false; problem: P };

export const accept = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const refuse = <C extends string>(code: C, message: string): { ok: false; problem: Problem<C> } => ({ ok: false, problem: { code, message } });
