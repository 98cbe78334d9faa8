// The benchmark runner: runs the named scenarios (default: all) in order and prints one JSON document on
// stdout (a table on stderr when it is a terminal).
//
//   npm run bench -- [scenario...] [--quick | --smoke] [--out FILE]
//
// --quick: every scenario at a size that finishes in under a minute in total; --smoke: tiny, for tests.
// Both measure the hub over its user-facing transport only; a full run adds plain HTTP.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { writeFlameGraphs } from './flame-graph.js';
import { describeMachine } from './lib/machine.js';
import { ScenarioReport, type BenchReport, type RunSize } from './lib/report.js';
import { renderTable } from './lib/table.js';
import { securityNote, transports } from './lib/transports.js';
import { scenarios } from './scenarios/index.js';

const program = new Command()
  .name('bench')
  .description('Measure the hub and the fleet against the machine limits and peers')
  .argument('[scenario...]', `scenarios to run (default: all): ${scenarios.map((s) => s.name).join(', ')}`)
  .option('--quick', 'small sizes: the whole run takes under a minute')
  .option('--smoke', 'tiny sizes: proves every scenario runs end to end (tests)')
  .option('--out <file>', 'also write the JSON document to this file')
  .option('--keep', 'keep the data directories (printed on stderr)')
  .option('--profile-hub <dir>', 'start every hub with node --cpu-prof, profiles into DIR, each with a flame graph beside it (see dist/bench/profile-summary.js and flame-graph.js)')
  .option('--profile-sim <dir>', 'the same for every simulator process')
  .option('--profile-interval <us>', 'profiler sampling interval in microseconds (node default 1000)')
  .parse();

const names = program.args;
const opts = program.opts<{ quick?: boolean; smoke?: boolean; out?: string; keep?: boolean; profileHub?: string; profileSim?: string; profileInterval?: string }>();
if (opts.profileHub) process.env.KURATOR_BENCH_HUB_PROFILE_DIR = resolve(opts.profileHub);
if (opts.profileSim) process.env.KURATOR_BENCH_SIM_PROFILE_DIR = resolve(opts.profileSim);
if (opts.profileInterval) process.env.KURATOR_BENCH_PROFILE_INTERVAL_US = opts.profileInterval;
const unknown = names.filter((n) => !scenarios.some((s) => s.name === n));
if (unknown.length) {
  process.stderr.write(`bench: no scenario ${unknown.join(', ')}; the scenarios are: ${scenarios.map((s) => s.name).join(', ')}\n`);
  process.exit(2);
}
const size: RunSize = opts.smoke ? 'smoke' : opts.quick ? 'quick' : 'full';
const selected = names.length ? scenarios.filter((s) => names.includes(s.name)) : scenarios;
const log = (message: string): void => {
  process.stderr.write(`# ${message}\n`);
};

// Short runs measure the user-facing transport only; a full run adds the plain-HTTP figures.
const measured = size === 'full' ? transports() : transports().slice(0, 1);
const report: BenchReport = { machine: describeMachine(), startedAt: new Date().toISOString(), quick: size !== 'full', size, scenarios: [] };
const root = mkdtempSync(join(tmpdir(), 'kurator-bench-'));
let failed = false;
for (const scenario of selected) {
  const workDir = mkdtempSync(join(root, `${scenario.name}-`));
  const scenarioReport = new ScenarioReport(scenario.name, scenario.what);
  const started = Date.now();
  log(`${scenario.name}: starting (${size})`);
  let error: string | undefined;
  try {
    await scenario.run({ size, workDir, transports: measured, log }, scenarioReport);
  } catch (err) {
    failed = true;
    error = err instanceof Error ? err.message : String(err);
    log(`${scenario.name}: FAILED: ${error}`);
  }
  scenarioReport.note(securityNote());
  scenarioReport.figure('scenario wall time', (Date.now() - started) / 1000, 's', 1);
  report.scenarios.push(scenarioReport.result(error));
  if (!opts.keep) rmSync(workDir, { recursive: true, force: true });
}
if (opts.keep) log(`data kept under ${root}`);
else rmSync(root, { recursive: true, force: true });
for (const dir of [opts.profileHub, opts.profileSim]) {
  if (dir) log(`flame graphs: ${writeFlameGraphs(resolve(dir)).join(', ') || `no profiles in ${dir}`}`);
}

const json = JSON.stringify(report, null, 2);
process.stdout.write(`${json}\n`);
if (opts.out) writeFileSync(opts.out, `${json}\n`);
if (process.stderr.isTTY) process.stderr.write(`\n${renderTable(report)}`);
process.exit(failed ? 1 : 0);
