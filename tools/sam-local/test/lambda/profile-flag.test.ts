// --profile as sam local takes it (aws/aws-sam-cli samcli/cli/options.py profile_option: the boto3 session's profile,
// for its region and credentials): here AWS_PROFILE for the process, which the functions are given.
import { applyProfileFlag } from '../../src/cli/profile-flag';
import { resolveRegion } from '../../src/lambda/region';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('applyProfileFlag', () => {
  it('--profile NAME is AWS_PROFILE=NAME, over the shell’s; the region then comes from that profile', () => {
    // Prepare
    const home = mkdtempSync(join(tmpdir(), 'profile-'));
    mkdirSync(join(home, '.aws'));
    writeFileSync(
      join(home, '.aws', 'config'),
      '[profile shell]\nregion = ca-central-1\n[profile work]\nregion = eu-central-1\n',
    );
    const env: Record<string, string | undefined> = { AWS_PROFILE: 'shell' };

    try {
      // Act
      applyProfileFlag('work', env);

      // Assess
      expect(env.AWS_PROFILE).toBe('work');
      expect(resolveRegion(undefined, env, home)).toEqual({
        region: 'eu-central-1',
        from: `profile work in ${join(home, '.aws', 'config')}`,
      });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('without --profile the shell’s AWS_PROFILE stays', () => {
    // Prepare
    const env: Record<string, string | undefined> = { AWS_PROFILE: 'shell' };

    // Act
    applyProfileFlag(undefined, env);
    applyProfileFlag('', env);

    // Assess
    expect(env).toEqual({ AWS_PROFILE: 'shell' });
  });
});
