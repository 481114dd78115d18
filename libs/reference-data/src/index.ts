export * from './gemeenten';
export * from './vt-regions';
