import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseCloudFormationYaml } from './cloudformation-yaml';
import { Unresolvable } from './intrinsics';

/**
 * AWS::Include's snippets read from local files, relative to `baseDir`. SAM CLI reads the Location as a path
 * (samcli/commands/_utils/template.py get_template_data, from handle_fn_transform), relative to its working
 * directory, which is usually the template's folder; an S3 location is not found there and stays as written.
 */
export function localIncludes(baseDir: string): (location: string) => unknown {
  return (location) => {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
      throw new Unresolvable(`AWS::Include of ${location}: only a local file is read locally`);
    }
    const path = resolve(baseDir, location);
    let source: string;
    try {
      source = readFileSync(path, 'utf8');
    } catch (error) {
      throw new Unresolvable(`AWS::Include: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    try {
      return parseCloudFormationYaml(source);
    } catch (error) {
      throw new Unresolvable(`AWS::Include: cannot parse ${path}: ${(error as Error).message}`);
    }
  };
}
