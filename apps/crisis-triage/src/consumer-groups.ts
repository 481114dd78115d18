/** Crisis-triage's consumer group (declared with its topics in CrisisTriageModule); its handlers are `@OnEvent(CRISIS_TRIAGE_GROUP, …)`. */
export const CRISIS_TRIAGE_GROUP = 'crisis-triage';
