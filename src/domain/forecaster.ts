import { dailySamples, type MetricsClock } from './flow-metrics';
import { MIN_DONE_FOR_OWN_SAMPLES, SAMPLE_DAYS, simulate, summarize, type ForecastResult } from './forecast';
import { hashSeed, type Random } from './random';

/** A scope's finish forecast from its own history, or the portfolio's when it has too little of its own. */
export type ScopeForecast = (
  history: { daily: Int32Array; done: number },
  remaining: number,
  target: string | null,
  quantiles?: boolean,
) => ForecastResult;

/**
 * Forecasts for every scope of one computation. The portfolio's daily throughput is the fallback for
 * scopes with fewer than MIN_DONE_FOR_OWN_SAMPLES done items.
 */
export function forecaster(
  clock: MetricsClock,
  today: string,
  portfolioDaily: Int32Array,
  randomFor: (seed: number) => Random,
): ScopeForecast {
  const portfolioSamples = dailySamples(portfolioDaily, clock.grid, SAMPLE_DAYS);
  const simulations = new Map<string, ReturnType<typeof simulate>>();
  return (history, remaining, target, quantiles = false) => {
    const own = history.done >= MIN_DONE_FOR_OWN_SAMPLES;
    const samples = own ? dailySamples(history.daily, clock.grid, SAMPLE_DAYS) : portfolioSamples;
    if (remaining <= 0) return { state: 'done' };
    // Trials depend only on the samples and Remaining: scopes sharing both (epics borrowing the
    // portfolio's samples) share one simulation, seeded by what it depends on and the day.
    const key = `${own ? samples.join(',') : 'portfolio'}|${remaining}`;
    let finishes = simulations.get(key);
    if (finishes === undefined) {
      finishes = simulate({ remaining, samples, random: randomFor(hashSeed(`${today}|${key}`)) });
      simulations.set(key, finishes);
    }
    return summarize(finishes, {
      remaining,
      samplesFrom: own ? 'scope' : 'portfolio',
      today,
      target,
      quantiles,
    });
  };
}
