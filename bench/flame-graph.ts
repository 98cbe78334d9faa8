// Flame graphs of V8 CPU profiles. Every stack the samples landed in is folded into one line
// ("root;…;leaf count", the format flamegraph.pl, inferno and speedscope read) and drawn as an SVG: one
// row per stack depth, the root at the bottom, each frame as wide as its share of the samples, callees
// in name order so equal stacks merge. Hovering a frame shows its name, samples and share.
//
//   node dist/bench/flame-graph.js FILE.cpuprofile [--out FILE.svg] [--from 0.4] [--folded FILE.txt]
// The runner's --profile-hub / --profile-sim DIR writes one beside every profile.

import { readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { frameLabel, nodesById, parentsById, readCpuProfile, sampleCounts, type CpuProfile, type ProfileNode, type SampleWindow } from './lib/cpu-profile.js';

const WIDTH = 1200;
const ROW = 16;
const TOP = 36;
const SIDE = 10;
const FONT_PX = 11;
/** Average advance of a character at FONT_PX in a monospace font: how many fit in a frame. */
const CHAR_PX = 6.7;
/** Frames narrower than this are left out (their callees are narrower still). */
const MIN_FRAME_PX = 0.5;

/** Folded stacks: root-first frame names joined by ';' → samples. The profile's own root is left out. */
export function foldStacks(profile: CpuProfile, window: SampleWindow = { busyOnly: true }): Map<string, number> {
  const byId = nodesById(profile);
  const parent = parentsById(profile);
  const pathOf = new Map<number, string>();
  const path = (id: number): string => {
    const known = pathOf.get(id);
    if (known !== undefined) return known;
    const up = parent.get(id);
    // The top node of every V8 profile is "(root)", which every stack shares: not drawn as a frame.
    const name = foldedName(byId.get(id)!);
    const full = up === undefined ? '' : parent.get(up) === undefined ? name : `${path(up)};${name}`;
    pathOf.set(id, full);
    return full;
  };
  const folded = new Map<string, number>();
  for (const [id, count] of sampleCounts(profile, window)) {
    const stack = path(id);
    if (stack) folded.set(stack, (folded.get(stack) ?? 0) + count);
  }
  return folded;
}

/** A frame's label with ';' (the folded format's separator) replaced. */
function foldedName(node: ProfileNode): string {
  return frameLabel(node).replaceAll(';', ',');
}

export function foldedText(folded: Map<string, number>): string {
  return [...folded.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([stack, count]) => `${stack} ${count}\n`)
    .join('');
}

interface Frame {
  name: string;
  samples: number;
  callees: Map<string, Frame>;
}

function frameTree(folded: Map<string, number>): Frame {
  const root: Frame = { name: 'all', samples: 0, callees: new Map() };
  for (const [stack, count] of folded) {
    root.samples += count;
    let at = root;
    for (const name of stack.split(';')) {
      let next = at.callees.get(name);
      if (!next) at.callees.set(name, (next = { name, samples: 0, callees: new Map() }));
      next.samples += count;
      at = next;
    }
  }
  return root;
}

function depthOf(frame: Frame): number {
  let deepest = 0;
  for (const callee of frame.callees.values()) deepest = Math.max(deepest, depthOf(callee));
  return deepest + 1;
}

/** Our code warm, Node's own JavaScript cool, libraries yellow, V8 and native work grey. */
function colorOf(name: string): string {
  const shade = [...name].reduce((hash, c) => (hash * 31 + c.charCodeAt(0)) >>> 0, 7) % 20;
  const location = name.slice(name.lastIndexOf(' ') + 1);
  if (location.startsWith('dist/src/')) return `hsl(${12 + shade}, 85%, ${58 + (shade % 8)}%)`;
  if (location.startsWith('dist/')) return `hsl(${95 + shade}, 55%, ${55 + (shade % 8)}%)`;
  if (location.startsWith('node_modules/')) return `hsl(${48 + shade}, 80%, ${55 + (shade % 8)}%)`;
  if (location.startsWith('node:')) return `hsl(${200 + shade}, 60%, ${65 + (shade % 8)}%)`;
  return `hsl(0, 0%, ${68 + (shade % 10)}%)`;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function fitted(name: string, widthPx: number): string {
  const room = Math.floor((widthPx - 4) / CHAR_PX);
  if (room < 3) return '';
  return name.length <= room ? name : `${name.slice(0, room - 2)}..`;
}

export interface FlameGraphOptions {
  title: string;
}

export function renderFlameGraph(folded: Map<string, number>, options: FlameGraphOptions): string {
  const root = frameTree(folded);
  const depth = depthOf(root);
  const height = TOP + depth * ROW + SIDE;
  const perSample = root.samples > 0 ? (WIDTH - 2 * SIDE) / root.samples : 0;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="monospace" font-size="${FONT_PX}">`,
    `<rect width="100%" height="100%" fill="#fdfdf8"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="15">${escapeXml(options.title)}</text>`,
  ];
  const draw = (frame: Frame, x: number, level: number): void => {
    const width = frame.samples * perSample;
    if (width < MIN_FRAME_PX) return;
    const y = height - SIDE - (level + 1) * ROW;
    const share = root.samples > 0 ? ((frame.samples / root.samples) * 100).toFixed(2) : '0';
    const label = fitted(frame.name, width);
    out.push(
      `<g><title>${escapeXml(`${frame.name} (${frame.samples} ${frame.samples === 1 ? 'sample' : 'samples'}, ${share}%)`)}</title>` +
        `<rect x="${x.toFixed(2)}" y="${y}" width="${width.toFixed(2)}" height="${ROW - 1}" rx="2" fill="${colorOf(frame.name)}"/>` +
        (label ? `<text x="${(x + 3).toFixed(2)}" y="${y + ROW - 4}">${escapeXml(label)}</text>` : '') +
        `</g>`,
    );
    let at = x;
    for (const callee of [...frame.callees.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      draw(callee, at, level + 1);
      at += callee.samples * perSample;
    }
  };
  if (root.samples === 0) out.push(`<text x="${WIDTH / 2}" y="${height - SIDE - 4}" text-anchor="middle">no samples in this window</text>`);
  else draw(root, SIDE, 0);
  out.push('</svg>\n');
  return out.join('\n');
}

/** Writes FILE.svg beside every FILE.cpuprofile in dir (the whole profile, idle left out); returns their paths. */
export function writeFlameGraphs(dir: string): string[] {
  const written: string[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.cpuprofile')).sort()) {
    const svgPath = join(dir, name.replace(/\.cpuprofile$/, '.svg'));
    writeFileSync(svgPath, renderFlameGraph(foldStacks(readCpuProfile(join(dir, name))), { title: name }));
    written.push(svgPath);
  }
  return written;
}

function fraction(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n >= 0 && n < 1)) throw new InvalidArgumentError('it must be a fraction from 0 up to (not including) 1, such as 0.4.');
  return n;
}

if (process.argv[1]?.endsWith('flame-graph.js')) {
  const program = new Command()
    .argument('<file>', 'a .cpuprofile written by node --cpu-prof')
    .option('--out <file>', 'the SVG to write (default: FILE with .svg for .cpuprofile)')
    .option('--from <fraction>', 'start at this fraction of the busy samples, 0-1 (0.4 leaves out most of a server startup)', fraction, 0)
    .option('--folded <file>', 'also write the folded stacks, one "frame;frame;... samples" line each')
    .option('--title <text>', 'the title over the graph (default: the file name and the window)')
    .parse();
  const file = program.args[0]!;
  const opts = program.opts<{ out?: string; from: number; folded?: string; title?: string }>();
  const folded = foldStacks(readCpuProfile(file), { busyOnly: true, from: opts.from });
  const out = opts.out ?? file.replace(/\.cpuprofile$/, '') + '.svg';
  const title = opts.title ?? `${basename(file)}${opts.from > 0 ? ` from ${Math.round(opts.from * 100)}% of its busy samples` : ''}`;
  writeFileSync(out, renderFlameGraph(folded, { title }));
  if (opts.folded) writeFileSync(opts.folded, foldedText(folded));
  const samples = [...folded.values()].reduce((a, b) => a + b, 0);
  process.stdout.write(`${out}: ${samples} busy samples in ${folded.size} stacks${opts.folded ? `; folded stacks in ${opts.folded}` : ''}\n`);
}
