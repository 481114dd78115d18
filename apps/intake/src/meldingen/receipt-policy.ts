import { Provider } from '@nestjs/common';
import { loadReceiptPolicy, ReceiptPolicy } from '@vt/intake-domain';
import { ConfigurationError } from '@vt/runtime';

/** The receipt rules' configuration: `RECEIPT_REASON_AFTER` and `RECEIPT_CLOCK_SKEW` (see `@vt/intake-domain`). */
export const RECEIPT_POLICY = Symbol('RECEIPT_POLICY');

/** Reads the receipt configuration once, at start; a bad value stops intake with every problem named. */
export function receiptPolicyFromEnv(env: Record<string, string | undefined> = process.env): ReceiptPolicy {
  const loaded = loadReceiptPolicy(env);
  if (!loaded.ok) throw new ConfigurationError(`intake cannot start; fix its receipt configuration:\n  - ${loaded.problems.join('\n  - ')}`);
  return loaded.value;
}

export const receiptPolicyProvider: Provider = { provide: RECEIPT_POLICY, useFactory: () => receiptPolicyFromEnv() };
