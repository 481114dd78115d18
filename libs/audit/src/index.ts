// Each part of the audit library keeps its code in its own folder (verify/, replay/, …) and exports it here.
export {};
export * from './rebuild';
export * from './log-reader';
export * from './timeline';
export * from './report';
export * from './verify';
