import { randomBytes } from 'node:crypto';

/** A short random token, safe in topic, schema and role names. */
export function uniqueToken(length = 8): string {
  return randomBytes(length).toString('hex').slice(0, length);
}

/** A topic prefix of its own for one test, e.g. `t3f9a0c21.`; topics then read `t3f9a0c21.vt.intake.meldingen.v1`. */
export function uniqueTopicPrefix(): string {
  return `t${uniqueToken()}.`;
}

/** A Postgres identifier of its own for one test, e.g. `t_3f9a0c21_intake`. */
export function uniqueSchemaName(base: string): string {
  return `t_${uniqueToken()}_${base.replace(/[^a-z0-9_]/g, '_')}`;
}

/**
 * A live group (`<prefix><service>.live.<uuid>`, docs/adr/0035): one per instance, reading from the latest offset and
 * committing nothing on purpose. A "has every consumer caught up" check leaves it out: it never commits offsets.
 */
export function isLiveGroup(groupId: string): boolean {
  return /\.live\.[0-9a-f-]{36}$/.test(groupId);
}
