/**
 * Load: throughput, latency and errors under autocannon on a decision step, against `next start`
 * on the same machine.
 */
import { resolve, run } from './process';
import { check, type Table } from './report';
import { BUDGET, LOAD, LOAD_ROUTE } from './settings';

export interface LoadFigures {
  readonly requestsPerSecond: number;
  readonly p99: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
}

interface AutocannonJson {
  requests: { average: number; total: number };
  latency: { p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

export async function measureLoad(url: string): Promise<LoadFigures> {
  console.log(`bench: load, ${LOAD.connections} connections for ${LOAD.seconds} s on ${url} …`);
  const bin = resolve('autocannon/autocannon.js');
  const output = await run(
    process.execPath,
    [bin, '-c', String(LOAD.connections), '-d', String(LOAD.seconds), '-j', '-n', url],
    process.env,
  );
  const line = output
    .split('\n')
    .reverse()
    .find((l) => l.trim().startsWith('{'));
  if (!line) throw new Error(`autocannon printed no JSON\n${output}`);
  const json = JSON.parse(line) as AutocannonJson;
  return {
    requestsPerSecond: json.requests.average,
    p99: json.latency.p99,
    requests: json.requests.total,
    non2xx: json.non2xx,
    errors: json.errors,
    timeouts: json.timeouts,
  };
}

export function loadTable(load: LoadFigures): Table {
  return {
    title: 'Load',
    note: `autocannon, ${LOAD.connections} connections for ${LOAD.seconds} s on \`${LOAD_ROUTE}\` (\`next start\`, same machine).`,
    head: ['Figure', 'Value', 'Budget', 'Result'],
    rows: [
      ['requests/s (average)', load.requestsPerSecond.toFixed(0), '—', 'informational'],
      ['latency p99', `${load.p99} ms`, '—', 'informational'],
      ['requests in all', String(load.requests), '—', 'informational'],
      [
        'errors (incl. timeouts)',
        `${load.errors} (${load.timeouts} timeouts)`,
        `= ${BUDGET.loadErrors}`,
        check(`errors under load: ${load.errors}`, load.errors <= BUDGET.loadErrors),
      ],
      [
        'non-2xx responses',
        String(load.non2xx),
        `= ${BUDGET.loadNon2xx}`,
        check(`non-2xx under load: ${load.non2xx}`, load.non2xx <= BUDGET.loadNon2xx),
      ],
    ],
  };
}
