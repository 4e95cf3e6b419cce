// Part of `npm run build`: the files the compiled modules read beside themselves (import.meta.dirname), which
// tsc does not copy: the viewer's browser scripts and the bundled demo data.
import { cpSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
for (const folder of ["viewer/client", "core/warehouse/demo-data"]) {
  cpSync(join(root, folder), join(root, "dist", folder), {
    recursive: true,
    filter: (source) => !source.endsWith(".ts"),
  });
}
