export * from './local-date';
export { easterSunday } from './easter';
export * from './calendar';
export * from './calendars';
export type { DueDate } from './due-date';
export { addWorkingDays } from './working-days';
export * from './atw';
export * from './clocks';
