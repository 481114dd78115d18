import type { Refusal } from './types';

/** A refusal as a decision: the rule's kebab-case name, the status the service answers with, and the field if any. */
export function refuse(rule: string, status: Refusal['status'], message: string, field?: string): { ok: false; refusal: Refusal } {
  return { ok: false, refusal: { rule, message, status, ...(field ? { field } : {}) } };
}
