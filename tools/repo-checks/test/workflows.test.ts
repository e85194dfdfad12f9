import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { npmScriptsNamedIn, packageScripts } from './helpers/npm-scripts';
import { ROOT } from '../../../tests/helpers/project';
import {
  allSteps,
  loadWorkflow,
  longLivedAwsKeyUses,
  runCommands,
  runs,
  stepIndex,
  uses,
  workflowText,
  type Step,
  type Workflow,
} from './helpers/workflows';

const WORKFLOW_FILES = ['ci.yml', 'deploy.yml', 'mutation.yml'];

/** The Node versions a setup-node step installs: node-version (a matrix expands to its values) or node-version-file. */
function nodeVersionsOf(step: Step, workflow: Workflow): string[] {
  const inputs = step.with ?? {};
  const version = inputs['node-version'];
  if (version === '${{ matrix.node }}') {
    const matrix = Object.values(workflow.jobs)[0]?.strategy?.matrix?.node;
    return Array.isArray(matrix) ? matrix.map(String) : [];
  }
  if (typeof version === 'string' || typeof version === 'number') return [String(version)];
  const file = inputs['node-version-file'];
  return typeof file === 'string' ? [readFileSync(join(ROOT, file), 'utf8').trim()] : [];
}

// The Lambda runtime's major; ci.yml also the oldest Node the tooling supports (engines); mutation testing only that
// oldest one, where the pinned StrykerJS 9 line runs.
const NODE_VERSIONS: Record<string, string[]> = {
  'ci.yml': ['20', '24'],
  'deploy.yml': ['24'],
  'mutation.yml': ['20'],
};

function singleJobSteps(workflow: Workflow): Step[] {
  const jobs = Object.values(workflow.jobs);
  expect(jobs).toHaveLength(1);
  return jobs[0]?.steps ?? [];
}

/** Asserts that a step matches each predicate, and that those steps come in the given order. */
function expectInOrder(steps: Step[], predicates: Array<[string, (step: Step) => boolean]>): void {
  const indexes = predicates.map(([label, predicate]) => {
    const index = stepIndex(steps, predicate);
    expect({ step: label, found: index >= 0 }).toEqual({ step: label, found: true });
    return index;
  });
  expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
}

describe.each(WORKFLOW_FILES)('%s (common rules)', (file) => {
  const workflow = loadWorkflow(file);
  const steps = allSteps(workflow);

  it('uses each action at a major version tag', () => {
    const actions = steps.flatMap((step) => (step.uses ? [step.uses] : []));
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) expect(action).toMatch(/^[\w-]+\/[\w-]+@v\d+$/);
  });

  it('installs the Node.js versions it must, with the npm cache, then exactly the lock file', () => {
    const setupNode = steps.filter(uses('actions/setup-node'));
    expect(setupNode).toHaveLength(1);
    expect(nodeVersionsOf(setupNode[0] as Step, workflow)).toEqual(NODE_VERSIONS[file]);
    expect(setupNode[0]?.with?.cache).toBe('npm');
    expectInOrder(steps, [
      ['checkout', uses('actions/checkout')],
      ['setup-node', uses('actions/setup-node')],
      ['npm ci', runs('npm ci')],
    ]);
  });

  it('runs only npm scripts that package.json defines', () => {
    const scripts = npmScriptsNamedIn(runCommands(steps).join('\n'));
    expect(scripts.length).toBeGreaterThan(0);
    const defined = Object.keys(packageScripts());
    expect(scripts.filter((script) => !defined.includes(script))).toEqual([]);
  });

  it('hands no long-lived AWS keys to any step', () => {
    expect(longLivedAwsKeyUses(workflowText(file))).toEqual([]);
  });
});

describe('ci.yml', () => {
  const workflow = loadWorkflow('ci.yml');
  const steps = singleJobSteps(workflow);

  it('runs on every push and pull request, with read-only repository access', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.on.push ?? null).toBeNull(); // no branch filter
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('installs, lints, then runs every suite', () => {
    expectInOrder(steps, [
      ['npm ci', runs('npm ci')],
      ['lint', runs('npm run lint')],
      ['test:all', runs('npm run test:all')],
    ]);
  });

  it("runs each suite once: every one on Node 24, the runtime's major, and only the starter's on Node 20", () => {
    // The npm commands a matrix leg runs: steps without a condition, and those whose condition names its Node.
    const commandsOn = (node: string): string[] =>
      runCommands(steps.filter((step) => step.if === undefined || step.if === `matrix.node == ${node}`)).filter(
        (command) => command.startsWith('npm ') && command !== 'npm ci',
      );
    expect(commandsOn('20')).toEqual(['npm test']);
    expect(commandsOn('24')).toEqual(expect.arrayContaining(['npm run lint', 'npm run test:all']));
    expect(commandsOn('24')).not.toContain('npm test');
    // Every condition is one of the two legs: a typo would silently skip a step on both.
    expect(steps.filter((step) => step.if !== undefined && !/^matrix\.node == (20|24)$/.test(step.if))).toEqual([]);
  });

  it('runs every npm command that .ci/run runs', () => {
    // A command .ci/run starts in the background (`npm run lint >"$log" 2>&1 &`) counts without its redirections.
    const ciRun = readFileSync(join(ROOT, '.ci', 'run'), 'utf8')
      .split('\n')
      .map((line) => line.trim().replace(/\s*(?:\d?>\S*\s*)*&$/, ''))
      .filter((line) => /^npm\s/.test(line));
    expect(ciRun).toEqual(expect.arrayContaining(['npm run lint', 'npm run test:all']));
    expect(runCommands(steps)).toEqual(expect.arrayContaining(ciRun));
  });
});

describe('deploy.yml', () => {
  const workflow = loadWorkflow('deploy.yml');
  const steps = singleJobSteps(workflow);
  const job = Object.values(workflow.jobs)[0];

  it('runs on demand and on pushes to main', () => {
    expect(workflow.on).toHaveProperty('workflow_dispatch');
    expect(workflow.on.push).toEqual({ branches: ['main'] });
  });

  it('may request an OIDC token and only read the repository', () => {
    expect(job?.permissions ?? workflow.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
  });

  it('assumes the role named by a repository variable, in the region a variable names', () => {
    const credentials = steps.filter(uses('aws-actions/configure-aws-credentials'));
    expect(credentials).toHaveLength(1);
    const inputs = credentials[0]?.with ?? {};
    expect(inputs['role-to-assume']).toBe('${{ vars.AWS_DEPLOY_ROLE_ARN }}');
    expect(inputs['aws-region']).toMatch(/^\$\{\{ vars\.\w+ \}\}$/);
    expect(Object.keys(inputs).filter((key) => key.startsWith('aws-') && key !== 'aws-region')).toEqual([]);
  });

  it('builds and deploys with SAM without prompting, then tests the deployed stack', () => {
    expectInOrder(steps, [
      ['npm ci', runs('npm ci')],
      ['setup-sam', uses('aws-actions/setup-sam')],
      ['credentials', uses('aws-actions/configure-aws-credentials')],
      ['sam build', runs('sam build')],
      ['sam deploy', (step) => runCommands([step]).some((command) => command.startsWith('sam deploy'))],
      ['test:deployed', runs('npm run test:deployed')],
    ]);
    const deploy = runCommands(steps).filter((command) => command.startsWith('sam deploy'));
    expect(deploy).toHaveLength(1);
    const flags = (deploy[0] ?? '').split(/\s+/);
    expect(flags).toEqual(expect.arrayContaining(['--no-confirm-changeset', '--no-fail-on-empty-changeset']));
  });

  it('tests the code before deploying it', () => {
    expectInOrder(steps, [
      ['npm test', runs('npm test')],
      ['sam deploy', (step) => runCommands([step]).some((command) => command.startsWith('sam deploy'))],
    ]);
  });
});

describe('mutation.yml', () => {
  const workflow = loadWorkflow('mutation.yml');
  const steps = singleJobSteps(workflow);

  it('runs on demand and weekly, with read-only repository access', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    const schedule = workflow.on.schedule as Array<{ cron: string }>;
    expect(schedule).toHaveLength(1);
    // minute hour * * weekday: one run a week.
    expect(schedule[0]?.cron).toMatch(/^\d{1,2} \d{1,2} \* \* [0-6]$/);
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it("runs the starter's and the toolkit's mutation scripts, then uploads both reports even after a failure", () => {
    const toolkit = 'npm run test:mutation --workspace tools/sam-local';
    expectInOrder(steps, [
      ['npm ci', runs('npm ci')],
      ['starter', runs('npm run test:mutation')],
      ['toolkit', runs(toolkit)],
      ['upload', uses('actions/upload-artifact')],
    ]);
    const toolkitPackage = JSON.parse(readFileSync(join(ROOT, 'tools', 'sam-local', 'package.json'), 'utf8')) as {
      scripts?: Record<string, string>;
    };
    expect(toolkitPackage.scripts).toHaveProperty('test:mutation');
    const later = steps.filter((step) => runs(toolkit)(step) || uses('actions/upload-artifact')(step));
    for (const step of later) expect(step.if).toMatch(/!cancelled\(\)|always\(\)/);
  });

  it('uploads the folders the two Stryker configs write their reports to', () => {
    const upload = steps.find(uses('actions/upload-artifact'));
    const uploaded = String(upload?.with?.path)
      .split('\n')
      .map((path) => path.trim().replace(/\/$/, ''))
      .filter(Boolean);
    for (const folder of ['.', 'tools/sam-local']) {
      const config = readFileSync(join(ROOT, folder, 'stryker.config.mjs'), 'utf8');
      // A file name may be a template literal (the toolkit's is named by its area): its folder is what counts.
      const reports = [...config.matchAll(/(?:html|json)Reporter: \{ fileName: ['`]([^'`]+)['`] \}/g)].map(
        (m) => m[1] ?? '',
      );
      expect(reports).toHaveLength(2);
      for (const report of reports) expect(uploaded).toContain(join(folder, dirname(report)));
    }
  });
});

describe('longLivedAwsKeyUses', () => {
  it('finds key inputs, key variables and AWS-named secrets, and passes OIDC-only text', () => {
    const leaky = [
      'aws-access-key-id: ${{ secrets.KEY }}',
      'AWS_SECRET_ACCESS_KEY: x',
      'role-to-assume: ${{ secrets.AWS_ROLE }}',
      'key: AKIAIOSFODNN7EXAMPLE',
    ];
    expect(longLivedAwsKeyUses(leaky.join('\n'))).toEqual(leaky);
    expect(longLivedAwsKeyUses('role-to-assume: ${{ vars.AWS_DEPLOY_ROLE_ARN }}\naws-region: eu-west-1')).toEqual([]);
  });
});
