import { kibField, parseStat, treeOf } from '../lib/local/process-tree';
import { runtimeOf } from '../lib/local/project';
import { rotated } from '../lib/local/rotation';

describe('bench:local: reading /proc', () => {
  it('reads pid and parent pid past a command name holding spaces and parentheses', () => {
    expect(parseStat('4242 (node) S 4000 4242 4000 0 -1 4194304 1234')).toEqual({ pid: 4242, ppid: 4000 });
    expect(parseStat('77 (tsc (watch) x) R 76 77 1 0')).toEqual({ pid: 77, ppid: 76 });
    expect(() => parseStat('garbage')).toThrow(/not a \/proc stat line/);
  });

  it('collects a process tree below its root, grandchildren included, and nothing beside it', () => {
    const links = [
      { pid: 1, ppid: 0 },
      { pid: 10, ppid: 1 },
      { pid: 11, ppid: 10 },
      { pid: 12, ppid: 10 },
      { pid: 13, ppid: 12 },
      { pid: 20, ppid: 1 },
    ];
    expect(treeOf(10, links)).toEqual([10, 11, 12, 13]);
    expect(treeOf(20, links)).toEqual([20]);
    expect(treeOf(99, links)).toEqual([99]);
  });

  it('reads a kB field of /proc status and smaps_rollup text by its exact name', () => {
    const status = 'Name:\tnode\nVmHWM:\t  90000 kB\nVmRSS:\t   81234 kB\nRssAnon:\t 50000 kB\n';
    expect(kibField(status, 'VmRSS')).toBe(81234);
    expect(kibField(status, 'Rss')).toBeUndefined();
    const rollup =
      '55c8-7ffc ---p 00000000 00:00 0   [rollup]\nRss:                1756 kB\nPss:                 222 kB\nPss_Dirty:           112 kB\n';
    expect(kibField(rollup, 'Pss')).toBe(222);
    expect(kibField(rollup, 'Rss')).toBe(1756);
  });
});

describe('bench:local: run order and runtime', () => {
  it('starts each round one item later, so every item leads once per cycle', () => {
    const tools = ['floor', 'sam-local', 'serverless-offline'];
    expect(rotated(tools, 0)).toEqual(tools);
    expect(rotated(tools, 1)).toEqual(['sam-local', 'serverless-offline', 'floor']);
    expect(rotated(tools, 5)).toEqual(['serverless-offline', 'floor', 'sam-local']);
    expect(rotated(tools, 3)).toEqual(tools);
    expect(rotated([], 2)).toEqual([]);
    expect(tools).toEqual(['floor', 'sam-local', 'serverless-offline']);
  });

  it("names the Lambda runtime of the benchmark's Node", () => {
    expect(runtimeOf('v20.20.2')).toBe('nodejs20.x');
    expect(runtimeOf('v24.1.0')).toBe('nodejs24.x');
    expect(() => runtimeOf('20')).toThrow(/not a Node version/);
  });
});
