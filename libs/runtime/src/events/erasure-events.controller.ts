import { Inject, Type } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { CloudEvent, EventType, HOUSEHOLD_DATA_ERASED, HouseholdDataErasedData, PERSON_DATA_ERASED, PersonDataErasedData } from '@vt/contracts';
import { destroyHouseholdKeyOnErasure, destroyOnErasure, PersonDataCipher } from '@vt/privacy';
import { EventsController, OnEvent } from './event-pattern';
import { InboxContext } from './inbox-context';

/**
 * The erasure handlers of a service with personal data, in its consumer group `<service>-erasures`: it destroys
 * its own key of a person when intake records `PersonDataErased` (docs/adr/0007), and its key of the household
 * (free text about the household, docs/adr/0020) when intake records `HouseholdDataErased`. Made per service
 * because the group's name carries the service's.
 */
export function erasureEventsController(groupId: string): Type<unknown> {
  @EventsController()
  class ErasureEventsController {
    constructor(@Inject(PersonDataCipher) private readonly cipher: PersonDataCipher) {}

    @OnEvent(groupId, PERSON_DATA_ERASED)
    async personDataErased(@Payload() event: CloudEvent<EventType>, @Ctx() context: InboxContext): Promise<void> {
      await destroyOnErasure(this.cipher.keys, context.manager, event.data as PersonDataErasedData);
    }

    @OnEvent(groupId, HOUSEHOLD_DATA_ERASED)
    async householdDataErased(@Payload() event: CloudEvent<EventType>, @Ctx() context: InboxContext): Promise<void> {
      await destroyHouseholdKeyOnErasure(this.cipher.keys, context.manager, event.data as HouseholdDataErasedData);
    }
  }
  return ErasureEventsController;
}
