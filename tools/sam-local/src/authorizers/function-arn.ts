import { isFunctionResource } from '../template/function-types';
import { resolveLocalValue } from '../template/parameters';
import type { Template } from '../template/template';

/**
 * The logical id of the template's function an authorizer's FunctionArn names: `!GetAtt Fn.Arn` (SAM's own
 * examples), `!Sub ${Fn.Arn}`, or a literal ARN whose function name is a function's FunctionName or logical id.
 * Undefined for a function the template does not hold.
 */
export function functionIdOfArn(
  template: Template,
  value: unknown,
  parameters: Record<string, string>,
): string | undefined {
  const isFunction = (id: string): boolean => isFunctionResource(template.Resources[id]);
  if (typeof value === 'object' && value !== null) {
    const getAtt = (value as Record<string, unknown>)['Fn::GetAtt'];
    if (getAtt !== undefined) {
      const [id, attribute] = Array.isArray(getAtt)
        ? (getAtt as unknown[]).map((part) => (typeof part === 'string' ? part : ''))
        : typeof getAtt === 'string'
          ? getAtt.split('.')
          : [];
      return attribute === 'Arn' && id !== undefined && isFunction(id) ? id : undefined;
    }
    const sub = (value as Record<string, unknown>)['Fn::Sub'];
    const subbed = typeof sub === 'string' ? /^\$\{([A-Za-z0-9]+)\.Arn\}$/.exec(sub) : null;
    if (subbed) return isFunction(subbed[1]!) ? subbed[1] : undefined;
  }
  const arn = resolveLocalValue(template, value, parameters);
  const name = arn === undefined ? undefined : /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(arn)?.[1];
  if (name === undefined) return undefined;
  return Object.keys(template.Resources).find(
    (id) =>
      isFunction(id) &&
      (id === name ||
        resolveLocalValue(template, template.Resources[id]!.Properties?.FunctionName, parameters) === name),
  );
}
