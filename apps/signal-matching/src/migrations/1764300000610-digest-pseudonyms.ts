import { MigrationInterface, QueryRunner } from 'typeorm';
import { keyedDigest, loadMasterKeys } from '@vt/privacy';
import { PSEUDONYM_DIGEST_PURPOSE } from '../signals/pseudonym-digest';

/**
 * The pseudonym column holds a keyed digest of the pseudonym instead of the pseudonym (docs/adr/0038): HMAC-SHA256
 * under a key derived from the current master key, whose id is kept in `digest_key_id`. Active signals stored before
 * are digested here, under the master keys the service starts with.
 */
export class DigestPseudonyms1764300000610 implements MigrationInterface {
  name = 'DigestPseudonyms1764300000610';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table signal add column digest_key_id text');
    const active = (await queryRunner.query(`select signal_id, pseudonym from signal where status = 'active'`)) as { signal_id: string; pseudonym: string }[];
    if (active.length > 0) {
      const key = loadMasterKeys().current;
      for (const row of active) {
        const { keyId, digest } = keyedDigest(key, PSEUDONYM_DIGEST_PURPOSE, row.pseudonym);
        await queryRunner.query('update signal set pseudonym = $2, digest_key_id = $3 where signal_id = $1', [row.signal_id, digest, keyId]);
      }
    }
    await queryRunner.query(`alter table signal add constraint signal_digest_key check ((status = 'active') = (digest_key_id is not null))`);
    await queryRunner.query('comment on column signal.pseudonym is $$keyed digest of the organisations\' pseudonym (HMAC-SHA256 under a key derived from master key digest_key_id); null once the signal ended$$');
  }

  async down(): Promise<void> {
    throw new Error('the pseudonyms were replaced by keyed digests and cannot be brought back; restore a backup instead');
  }
}
