/**
 * The parameter combinations that matter: each parameter that decides a Condition, on both sides, crossed
 * with the defaults and with a non-default stage name and origin (which the rules compare against). The
 * test "every condition is decided both ways" fails when a new Condition has no parameter here.
 */
export const CONDITION_PARAMETERS: Record<string, [string, string]> = {
  EnableAccessLogging: ['false', 'true'],
  ProvisionedConcurrency: ['0', '2'],
  AlarmEmail: ['', 'ops@example.com'],
  EnableDashboard: ['false', 'true'],
};

const NAMING: Array<Record<string, string>> = [{}, { StageName: 'prod', AllowedOrigin: 'https://app.example.com' }];

export function parameterSets(): Array<Record<string, string>> {
  let sets: Array<Record<string, string>> = NAMING;
  for (const [name, values] of Object.entries(CONDITION_PARAMETERS)) {
    sets = sets.flatMap((set) => values.map((value) => ({ ...set, [name]: value })));
  }
  return sets;
}

export function label(parameters: Record<string, string>): string {
  return Object.entries(parameters)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
}
