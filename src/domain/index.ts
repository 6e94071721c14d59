/**
 * The domain: pure TypeScript types and calculations. No I/O and no Forge imports; the clock, time zone
 * and random source are always parameters.
 */
export * from './work-item';
export * from './percentile';
export * from './calendar';
export * from './flow';
