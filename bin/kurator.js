#!/usr/bin/env node
import { followParent, relaunchFlags, runRelaunched } from '../dist/src/cli/relaunch.js';

const args = process.argv.slice(2);
let flags;
try {
  flags = relaunchFlags(args, process.execArgv, process.env);
} catch (err) {
  process.stderr.write(`kurator: ${err.message}\n`);
  process.exit(2);
}
if (flags.length > 0) runRelaunched(process.argv[1], args, flags);
else {
  followParent();
  await import('../dist/src/cli/main.js');
}
