import type { Rule } from '../cloudformation';
import {
  corsPreflightOnEveryPath,
  gatewayResponsesCarryCors,
  invokePermissionsScopedToRoutes,
  oneStageNamedByParameter,
  routesProxyToFunctions,
  stagesThrottled,
} from './api';
import { logWritesOnlyToOwnLogGroup, noWildcardActions, noWriteActionsOnWildcardResources } from './iam';
import { logGroupsHaveRetention } from './logs';
import {
  alarmsNotifyStackTopic,
  alarmsQuietWithoutData,
  alarmsWatchThisStack,
  dashboardsWatchThisStack,
  queriesReadStackLogGroups,
} from './operations';

/** The rules every deployment of the transformed template must pass, by name. */
export const DEPLOYMENT_RULES: Record<string, Rule> = {
  oneStageNamedByParameter,
  stagesThrottled,
  routesProxyToFunctions,
  corsPreflightOnEveryPath,
  gatewayResponsesCarryCors,
  invokePermissionsScopedToRoutes,
  noWildcardActions,
  noWriteActionsOnWildcardResources,
  logWritesOnlyToOwnLogGroup,
  logGroupsHaveRetention,
  alarmsWatchThisStack,
  alarmsNotifyStackTopic,
  alarmsQuietWithoutData,
  queriesReadStackLogGroups,
  dashboardsWatchThisStack,
};

/** Every violation of every rule, each prefixed with its rule's name. */
export function violations(deployment: Parameters<Rule>[0], rules = DEPLOYMENT_RULES): string[] {
  return Object.entries(rules).flatMap(([name, rule]) => rule(deployment).map((problem) => `${name}: ${problem}`));
}
