import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_REGION } from '../template/symbols';

/** The region the functions run in, and where it came from (said at start-up). */
export interface ResolvedRegion {
  region: string;
  from: string;
}

/**
 * The region as `sam local` finds it for its session (aws/aws-sam-cli samcli/commands/local/lib/local_lambda.py,
 * get_aws_creds: a boto3 Session with --region and --profile): the --region flag, then the shell's AWS_REGION or
 * AWS_DEFAULT_REGION, then the profile's `region` in the AWS config file (AWS_PROFILE, else `default`;
 * AWS_CONFIG_FILE, else ~/.aws/config), then us-east-1.
 */
export function resolveRegion(
  flag: string | undefined,
  env: Record<string, string | undefined> = process.env,
  home: string = homedir(),
): ResolvedRegion {
  if (flag) return { region: flag, from: '--region' };
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const value = env[name];
    if (value) return { region: value, from: name };
  }
  const profile = env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || 'default';
  const configFile = env.AWS_CONFIG_FILE || join(home, '.aws', 'config');
  const region = profileRegion(configFile, profile);
  if (region) return { region, from: `profile ${profile} in ${configFile}` };
  return { region: DEFAULT_REGION, from: 'no region set anywhere: sam local’s default' };
}

/** A profile's `region` in an AWS config file: `[default]` or `[profile name]` (either for default). */
export function profileRegion(configFile: string, profile: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(configFile, 'utf8');
  } catch {
    return undefined;
  }
  const sections = profile === 'default' ? ['default', 'profile default'] : [`profile ${profile}`];
  let inProfile = false;
  for (const line of text.split(/\r?\n/)) {
    const header = /^\s*\[\s*([^\]]+?)\s*\]/.exec(line);
    if (header) inProfile = sections.includes(header[1]!.replace(/\s+/g, ' '));
    const setting = /^region\s*=\s*([^\s#;]+)/.exec(line);
    if (inProfile && setting) return setting[1];
  }
  return undefined;
}
