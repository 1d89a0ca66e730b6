/** Data in and out, the parts both the core and the renderer use (pure TypeScript). */
export * from './text';
export * from './values';
export * from './problems';
export * from './columns';
export * from './headers';
export * from './rules';
export * from './units';
