/**
 * `--profile NAME`, as sam local takes it: the AWS profile its boto3 session opens, for the region and the
 * credentials (aws/aws-sam-cli samcli/cli/options.py profile_option; samcli/commands/local/lib/local_lambda.py
 * _get_session_creds). Here it is AWS_PROFILE=NAME for this process: the region comes from that profile's `region`
 * (resolveRegion: after --region and the shell's AWS_REGION, AWS_DEFAULT_REGION), and the functions, which are given
 * the host's AWS_PROFILE and HOME, read the profile's credentials from ~/.aws with their own AWS SDK. sam local reads
 * them itself and passes them as AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN.
 */
export function applyProfileFlag(profile: string | undefined, env: Record<string, string | undefined> = process.env) {
  if (profile) env.AWS_PROFILE = profile;
}

export const PROFILE_USAGE = `--profile NAME: the AWS profile whose region (when --region and the shell give none) and credentials the
functions get, as AWS_PROFILE=NAME would.`;
