import type { CandidateName } from './candidates';
import type { ColdRun } from './cold';
import type { LoadResult, ServerName } from './local-api';
import type { NodeRuntime } from './node-versions';
import type { WarmResult } from './warm';

/** Everything one Node version measured in a run. */
export interface NodeRun {
  node: NodeRuntime;
  cold: ColdRun;
  warm: Record<CandidateName, WarmResult>;
  localApi?: Record<ServerName, LoadResult>;
}
