import { Injectable, OnApplicationBootstrap, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { KeyedDigest, keyedDigests, loadMasterKeys, MasterKeyRing } from '@vt/privacy';
import { ConfigurationError, DATA_SOURCE } from '@vt/runtime';

/** The purpose the pseudonym's digest key is derived for (libs/privacy `keyedDigest`). */
export const PSEUDONYM_DIGEST_PURPOSE = 'signal-pseudonym';

/**
 * What signal matching stores and looks up instead of an organisation's pseudonym (docs/adr/0038): its keyed digest
 * under a key derived from a master key (`PERSONAL_DATA_MASTER_KEYS`, configuration, never in the database). A leaked
 * `signal` table plus the organisations' shared key therefore does not tell which BSNs were signalled. New signals
 * take the current master key; a lookup tries every configured one, so a rotation keeps matching the signals stored
 * before it, as long as their key stays configured: the service refuses to start without it.
 */
@Injectable()
export class PseudonymDigests implements OnApplicationBootstrap {
  private readonly ring: MasterKeyRing = loadMasterKeys();

  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Every configured key's digest of `pseudonym`, the current one first (the one a new signal is stored under). */
  of(pseudonym: string): KeyedDigest[] {
    return keyedDigests(this.ring, PSEUDONYM_DIGEST_PURPOSE, pseudonym);
  }

  async onApplicationBootstrap(): Promise<void> {
    const rows = (await this.dataSource.query(`select digest_key_id, count(*)::int as signals, max(expires_at) as until from signal where status = 'active' group by digest_key_id`)) as { digest_key_id: string; signals: number; until: Date }[];
    const missing = rows.filter((row) => !this.ring.get(row.digest_key_id));
    if (missing.length > 0) {
      throw new ConfigurationError(
        `signal matching: ${missing.map((row) => `${row.signals} active signal(s) until ${row.until.toISOString()} are stored under master key "${row.digest_key_id}"`).join('; ')}, ` +
          `which ${missing.length === 1 ? 'is' : 'are'} not in PERSONAL_DATA_MASTER_KEYS: keep a retired master key configured until the signals stored under it have ended`,
      );
    }
  }
}
