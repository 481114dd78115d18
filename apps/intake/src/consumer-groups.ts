/** Intake's consumer group (declared with its topics in IntakeModule); its handlers are `@OnEvent(INTAKE_GROUP, …)`. */
export const INTAKE_GROUP = 'intake';
