import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ARTIFACT_ROUTE } from "../../core/artifacts/artifact-signature.ts";
import {
  openLocalFolderArtifactStore,
  verifyArtifactSignature,
} from "../../core/artifacts/local/local-folder.ts";
import { artifactStoreContract } from "./artifact-store.contract.ts";

const BASE_URL = "http://localhost:3000";
const SECRET = "contract-test-signing-secret";

artifactStoreContract("local-folder", async () => {
  const root = await mkdtemp(join(tmpdir(), "mmm-artifacts-"));
  const store = await openLocalFolderArtifactStore({ root, signing: { baseUrl: BASE_URL, secret: SECRET } });
  return {
    store,
    cleanup: () => rm(root, { recursive: true, force: true }),
    // What the app's artifact route does with a request for this URL.
    verifySignedUrl: async (url, now) => {
      const parsed = new URL(url);
      if (parsed.origin !== BASE_URL || !parsed.pathname.startsWith(ARTIFACT_ROUTE)) return false;
      const key = parsed.pathname.slice(ARTIFACT_ROUTE.length).split("/").map(decodeURIComponent).join("/");
      const q = parsed.searchParams;
      return verifyArtifactSignature(
        key,
        q.get("expires") ?? "",
        q.get("sig") ?? "",
        SECRET,
        now,
        q.get("disposition") ?? undefined,
      );
    },
  };
});
