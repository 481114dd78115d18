import { EntityManager } from 'typeorm';
import type { HouseholdDataErasedData, PersonDataErasedData } from '@vt/contracts';
import { PersonKeyDestruction, PersonKeyStore } from './person-key-store';

/**
 * Applies a `PersonDataErased` fact to this service's own key table: destroys the person's data key (or
 * leaves a destroyed row if this service never had one, so none is created later), in the caller's
 * transaction — the consumer's inbox transaction, so it is applied once. Idempotent: the service that
 * destroyed the key first (intake) sees `alreadyDestroyed`.
 */
export function destroyOnErasure(keys: PersonKeyStore, manager: EntityManager, erased: Pick<PersonDataErasedData, 'personId' | 'erasureId' | 'reason'>): Promise<PersonKeyDestruction> {
  return keys.destroy(manager, erased.personId, erasureReason(erased.reason, erased.erasureId));
}

/**
 * Applies a `HouseholdDataErased` fact: destroys this service's data key of the household as a whole (the key
 * free text about the household is encrypted under, docs/adr/0020), in the caller's transaction, once.
 */
export function destroyHouseholdKeyOnErasure(keys: PersonKeyStore, manager: EntityManager, erased: Pick<HouseholdDataErasedData, 'householdId' | 'erasureId' | 'reason'>): Promise<PersonKeyDestruction> {
  return keys.destroy(manager, erased.householdId, erasureReason(erased.reason, erased.erasureId));
}

/** What `person_key.destroyed_reason` records for an erasure: the reason code and the erasure it carried out. */
export function erasureReason(reason: string, erasureId: string): string {
  return `${reason} (erasure ${erasureId})`;
}
