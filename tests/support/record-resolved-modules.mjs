// `node --import <this file>`, with MMM_TEST_RESOLVED_LOG=<file>: appends every module URL the process
// resolves to that file, one a line, so a test can see which modules a command loads.
import { register } from "node:module";

const hooks = `
import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  appendFileSync(process.env.MMM_TEST_RESOLVED_LOG, resolved.url + "\\n");
  return resolved;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
