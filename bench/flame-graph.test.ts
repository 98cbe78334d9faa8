import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { foldedText, foldStacks, renderFlameGraph, writeFlameGraphs } from './flame-graph.js';
import { tinyProfile } from './lib/cpu-profile.fixture.js';

const CLI = fileURLToPath(new URL('./flame-graph.js', import.meta.url));
const RUNNER = fileURLToPath(new URL('./run.js', import.meta.url));

interface DrawnFrame {
  title: string;
  width: number;
}

/** The frames of a rendered graph as a browser would show them: hover title and width. */
function drawnFrames(svg: string): DrawnFrame[] {
  const valid = XMLValidator.validate(svg);
  assert.equal(valid, true, `not well-formed XML: ${JSON.stringify(valid)}`);
  const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'g' }).parse(svg) as { svg: { g?: { title: string; rect: { '@_width': string } }[] } };
  return (doc.svg.g ?? []).map((g) => ({ title: String(g.title), width: Number(g.rect['@_width']) }));
}

function withDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'kurator-flame-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('stacks fold root first, idle left out, the separator kept out of frame names', () => {
  assert.equal(
    foldedText(foldStacks(tinyProfile())),
    ['(garbage collector) 1', '(program) 1', 'main dist/src/main.js:1 1', 'main dist/src/main.js:1;a dist/src/a.js:10 3', 'main dist/src/main.js:1;b<&>,c node:internal/b:5 1', ''].join('\n'),
  );
  // From half of the busy samples: main's own sample and two of a's are before the window.
  assert.deepEqual(Object.fromEntries(foldStacks(tinyProfile(), { busyOnly: true, from: 0.5 })), {
    'main dist/src/main.js:1;b<&>,c node:internal/b:5': 1,
    'main dist/src/main.js:1;a dist/src/a.js:10': 1,
    '(program)': 1,
    '(garbage collector)': 1,
  });
});

test('each frame is as wide as its share of the samples, named with its samples on hover', () => {
  const frames = drawnFrames(renderFlameGraph(foldStacks(tinyProfile()), { title: 'tiny <profile>' }));
  const frame = (prefix: string): DrawnFrame => frames.find((f) => f.title.startsWith(prefix)) ?? assert.fail(`no frame ${prefix}`);
  assert.deepEqual(frames.map((f) => f.title).sort(), [
    '(garbage collector) (1 sample, 14.29%)',
    '(program) (1 sample, 14.29%)',
    'a dist/src/a.js:10 (3 samples, 42.86%)',
    'all (7 samples, 100.00%)',
    'b<&>,c node:internal/b:5 (1 sample, 14.29%)',
    'main dist/src/main.js:1 (5 samples, 71.43%)',
  ]);
  assert.equal(frame('all').width, 1180);
  assert.ok(Math.abs(frame('a ').width / frame('main').width - 3 / 5) < 0.001);
  assert.ok(Math.abs(frame('(program)').width - 1180 / 7) < 0.01);
});

test('a window without samples draws a valid graph that says so', () => {
  const svg = renderFlameGraph(new Map(), { title: 'nothing' });
  assert.deepEqual(drawnFrames(svg), []);
  assert.match(svg, />no samples in this window</);
});

test('the command draws a real profile: the function that spun takes most of the graph', () => {
  withDir((dir) => {
    const script = join(dir, 'spin.js');
    writeFileSync(script, 'function spinForAWhile(ms) { const end = Date.now() + ms; let x = 0; while (Date.now() < end) x += Math.sqrt(x + 1); return x; }\nspinForAWhile(400);\n');
    const profiled = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, script], { encoding: 'utf8' });
    assert.equal(profiled.status, 0, profiled.stderr);
    const profile = join(dir, readdirSync(dir).find((n) => n.endsWith('.cpuprofile'))!);
    const svgPath = join(dir, 'spin.svg');
    const foldedPath = join(dir, 'spin.folded');
    const run = spawnSync(process.execPath, [CLI, profile, '--out', svgPath, '--folded', foldedPath], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.ok(run.stdout.startsWith(`${svgPath}: `), run.stdout);
    assert.match(run.stdout, /: \d+ busy samples in \d+ stacks; folded stacks in /);
    const lines = readFileSync(foldedPath, 'utf8').trim().split('\n').map((line) => ({ stack: line.slice(0, line.lastIndexOf(' ')), samples: Number(line.slice(line.lastIndexOf(' ') + 1)) }));
    const total = lines.reduce((sum, l) => sum + l.samples, 0);
    const spinning = lines.filter((l) => l.stack.includes('spinForAWhile ')).reduce((sum, l) => sum + l.samples, 0);
    assert.ok(spinning / total > 0.5, `spinForAWhile holds ${spinning} of ${total} samples`);
    const spinFrame = drawnFrames(readFileSync(svgPath, 'utf8')).find((f) => f.title.startsWith('spinForAWhile '));
    assert.ok(spinFrame && spinFrame.width > 1180 / 2, `spinForAWhile is drawn ${spinFrame?.width ?? 0} px wide of 1180`);
  });
});

test('the command names what is wrong with its input', () => {
  withDir((dir) => {
    const notProfile = join(dir, 'x.cpuprofile');
    writeFileSync(notProfile, '{"kind":"ConfigMap"}');
    const wrongFile = spawnSync(process.execPath, [CLI, notProfile], { encoding: 'utf8' });
    assert.notEqual(wrongFile.status, 0);
    assert.match(wrongFile.stderr, /x\.cpuprofile is not a V8 CPU profile \(no nodes and samples\): write one with node --cpu-prof/);
    writeFileSync(notProfile, JSON.stringify(tinyProfile()));
    const wrongFrom = spawnSync(process.execPath, [CLI, notProfile, '--from', '1.5'], { encoding: 'utf8' });
    assert.notEqual(wrongFrom.status, 0);
    assert.match(wrongFrom.stderr, /option '--from <fraction>' argument '1\.5' is invalid\. it must be a fraction from 0 up to \(not including\) 1, such as 0\.4\./);
  });
});

test('the runner writes a graph beside every profile in a directory', () => {
  withDir((dir) => {
    writeFileSync(join(dir, 'hub.cpuprofile'), JSON.stringify(tinyProfile()));
    writeFileSync(join(dir, 'notes.txt'), 'not a profile');
    assert.deepEqual(writeFlameGraphs(dir), [join(dir, 'hub.svg')]);
    assert.equal(drawnFrames(readFileSync(join(dir, 'hub.svg'), 'utf8')).length, 6);
  });
});

test('a benchmark run with --profile-hub leaves a flame graph of the hub beside each of its profiles', { timeout: 300_000 }, () => {
  withDir((dir) => {
    const run = spawnSync(process.execPath, [RUNNER, 'restart', '--smoke', '--profile-hub', dir], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    assert.equal(run.status, 0, run.stderr.slice(-3000));
    const profiles = readdirSync(dir).filter((n) => n.endsWith('.cpuprofile'));
    assert.ok(profiles.length >= 2, `a profile per hub process and thread, got ${profiles.join(', ')}`);
    for (const profile of profiles) {
      const svg = join(dir, profile.replace(/\.cpuprofile$/, '.svg'));
      assert.ok(run.stderr.includes(svg), `the runner names ${svg}`);
      assert.ok(drawnFrames(readFileSync(svg, 'utf8')).length > 0, `${svg} draws frames`);
    }
    // The hub's main thread spends its startup in the hub's own code: some frame is from dist/src.
    const frames = profiles.flatMap((p) => drawnFrames(readFileSync(join(dir, p.replace(/\.cpuprofile$/, '.svg')), 'utf8')));
    assert.ok(frames.some((f) => / dist\/src\//.test(f.title)), 'a frame of the hub\'s own code');
  });
});
