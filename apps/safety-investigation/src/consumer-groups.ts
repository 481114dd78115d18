/** Safety-investigation's consumer group (declared with its topics in SafetyInvestigationModule); its handlers are `@OnEvent(SAFETY_INVESTIGATION_GROUP, …)`. */
export const SAFETY_INVESTIGATION_GROUP = 'safety-investigation';
