// The kurator command line.

import { Command } from 'commander';
import { registerHub } from './hub-command.js';
import { registerSim } from './sim-command.js';
import { registerUp } from './up-command.js';
import { registerJoin } from './join-command.js';
import { registerCreate } from './create-command.js';

const program = new Command();
program.name('kurator').description('Run many Kubernetes clusters as one fleet.').showHelpAfterError();
registerHub(program);
registerSim(program);
registerUp(program);
registerJoin(program);
registerCreate(program);

await program.parseAsync(process.argv);
