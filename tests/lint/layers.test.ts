/**
 * The layer rule of `eslint.config.js` (common ← engine ← core ← bot/viewer/trainer ← bin), run through
 * ESLint's own API on source text placed in each folder: every forbidden direction is an error, every
 * allowed one is not.
 */
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { LAYERS } from "../../eslint.config.js";

const eslint = new ESLint({ cwd: new URL("../..", import.meta.url).pathname });

/** The `no-restricted-imports` messages for a file at `path` that imports `target` (a repository path). */
async function layerErrors(path: string, target: string): Promise<string[]> {
  const depth = path.split("/").length - 1;
  const specifier = `${"../".repeat(depth)}${target}`;
  const [result] = await eslint.lintText(`import { thing } from "${specifier}";\nexport const x = thing;\n`, {
    filePath: path,
  });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

const FOLDERS = LAYERS.map((layer) => layer.folder);

describe("layer rule", () => {
  it("forbids every import towards an outer or sibling layer, and tests/ from product code", async () => {
    for (const layer of LAYERS) {
      const forbidden = [...FOLDERS, "tests"].filter((f) => f !== layer.folder && !layer.allows.includes(f));
      for (const target of forbidden) {
        const errors = await layerErrors(`${layer.folder}/some/module.ts`, `${target}/x.ts`);
        expect(errors, `${layer.folder} → ${target}`).toHaveLength(1);
        expect(errors[0]).toContain(`${layer.folder}/ may import only from`);
      }
    }
  });

  it("allows the inner layers and the folder itself", async () => {
    for (const layer of LAYERS) {
      for (const target of [layer.folder, ...layer.allows]) {
        expect(
          await layerErrors(`${layer.folder}/some/module.ts`, `${target}/x.ts`),
          `${layer.folder} → ${target}`,
        ).toEqual([]);
      }
    }
  });

  it("spells out the direction: engine cannot import core, core cannot import the viewer", async () => {
    expect(await layerErrors("engine/stats/kmeans.ts", "core/config.ts")).toHaveLength(1);
    expect(await layerErrors("core/services.ts", "viewer/app.ts")).toHaveLength(1);
    expect(await layerErrors("common/errors.ts", "engine/table.ts")).toHaveLength(1);
    expect(await layerErrors("bin/cli.ts", "trainer/trainer.ts")).toEqual([]);
  });

  it("lets unit tests import test support", async () => {
    expect(await layerErrors("engine/data/resample.test.ts", "tests/support/dated-tables.ts")).toEqual([]);
  });
});
