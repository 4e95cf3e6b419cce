/** A refused form's problem, shown beside the input it is about (`data-field` names that input). */
import type { FC } from "hono/jsx";
import type { MmmError } from "../../../common/errors.ts";

export const FieldProblem: FC<{ problem: MmmError }> = ({ problem }) => (
  <span class="warn field-problem" role="alert" data-field={problem.field ?? ""}>
    {problem.message}
  </span>
);
