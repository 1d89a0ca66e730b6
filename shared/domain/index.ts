export * from './common';
export * from './entities';
