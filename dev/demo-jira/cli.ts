/** The command line's options: parsing and validation, kept apart from main.ts so they can be tested. */
import { parseArgs } from 'node:util';
import { FAULT_KINDS, type FaultKind, type FaultSettings } from './faults';

export const USAGE = `Usage: npm run demo-jira -- [options]

Serves a demo Jira Cloud REST API over generated data until interrupted (Ctrl+C).

Options:
  --port <n>     TCP port on 127.0.0.1 (0 = any free port)       default 8081
  --seed <n>     seed of the generated data set                  default 42
  --issues <n>   approximate number of issues, epics included    default 800
  --now <iso>    end of the generated history (ISO date-time)    default: now
  --host <addr>  address to listen on                            default 127.0.0.1
  --faults <r>   share of /rest/api/3/ requests that fail (0..1) default 0
  --fault-kinds <list>  comma-separated: ${FAULT_KINDS.join(',')}
                 (each fault picks one uniformly)                default 429,500,503
  --fault-seed <n>  seed of the fault sequence                   default 1
  --help         show this help

Faults can also be changed while running: POST /__demo/faults as the site admin.`;

export class ArgumentError extends Error {}

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ArgumentError(`--${name} must be a whole number, got '${raw}'.`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ArgumentError(`--${name} must be between ${min} and ${max}, got ${value}.`);
  return value;
}

export function readOptions(argv: string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        seed: { type: 'string' },
        issues: { type: 'string' },
        now: { type: 'string' },
        host: { type: 'string' },
        faults: { type: 'string' },
        'fault-kinds': { type: 'string' },
        'fault-seed': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ArgumentError((error as Error).message);
  }
  let now: Date | undefined;
  if (values.now !== undefined) {
    now = new Date(values.now);
    if (Number.isNaN(now.getTime()))
      throw new ArgumentError(`--now must be an ISO date-time, got '${values.now}'.`);
  }
  return {
    help: values.help === true,
    faults: faultOptions(values.faults, values['fault-kinds'], values['fault-seed']),
    port: integer('port', values.port, 8081, 0, 65535),
    seed: integer('seed', values.seed, 42, 0, 2 ** 31 - 1),
    issues: integer('issues', values.issues, 800, 10, 5_000_000),
    host: values.host ?? '127.0.0.1',
    now,
  };
}

const DEFAULT_FAULT_KINDS: FaultKind[] = ['429', '500', '503'];

function faultOptions(
  rate: string | undefined,
  kinds: string | undefined,
  seed: string | undefined,
): FaultSettings | undefined {
  if (rate === undefined) {
    if (kinds !== undefined) throw new ArgumentError('--fault-kinds needs --faults <rate>.');
    if (seed !== undefined) throw new ArgumentError('--fault-seed needs --faults <rate>.');
    return undefined;
  }
  const value = Number(rate);
  if (rate.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new ArgumentError(`--faults must be a number between 0 and 1, got '${rate}'.`);
  }
  let picked = DEFAULT_FAULT_KINDS;
  if (kinds !== undefined) {
    const names = kinds
      .split(',')
      .map((k) => k.trim())
      .filter((k) => k.length > 0);
    const unknown = names.filter((k) => !(FAULT_KINDS as readonly string[]).includes(k));
    if (names.length === 0 || unknown.length > 0) {
      throw new ArgumentError(
        `--fault-kinds must list kinds from ${FAULT_KINDS.join(', ')}, got '${unknown.join(',') || kinds}'.`,
      );
    }
    picked = names as FaultKind[];
  }
  return { rate: value, kinds: picked, seed: integer('fault-seed', seed, 1, 0, 2 ** 31 - 1) };
}
