/**
 * The Firestore emulator from npm (`@firestore-emulator/server`, a real gRPC server speaking Firestore's
 * v1 API) started in this process on an ephemeral loopback port, for the Firestore RunStore tests.
 *
 * Its `start(port)` binds `0.0.0.0` on a port chosen in advance and does not report the port, so this
 * binds the emulator's gRPC server itself on `127.0.0.1:0` and keeps the port the server was given: no
 * race for a free port, nothing exposed beyond loopback. The credentials object must come from the
 * emulator's own copy of `@grpc/grpc-js` (grpc checks it with `instanceof`), hence `createRequire` from
 * the emulator's entry point.
 *
 * What this emulator does not do (read from its source, v0.3.15): transactions are not isolated
 * (`BeginTransaction` hands out a dummy id and `Commit` applies the writes without checking what the
 * transaction read), cursors (`startAt`/`startAfter`) and offsets are ignored, and a commit that fails
 * half-way keeps its earlier writes. The store uses none of those features for correctness within one
 * process; isolation between app instances is Firestore's own and cannot be shown here.
 */
import { createRequire } from "node:module";
import { FirestoreServer } from "@firestore-emulator/server";

export interface RunningFirestoreEmulator {
  /** `127.0.0.1:<port>`, for `FIRESTORE_EMULATOR_HOST` or the store's `emulatorHost`. */
  readonly host: string;
  /** Forgets every project's data. */
  clear(): void;
  stop(): Promise<void>;
}

interface GrpcServer {
  bindAsync(
    address: string,
    credentials: unknown,
    callback: (error: Error | null, port: number) => void,
  ): void;
  forceShutdown(): void;
}

export async function startFirestoreEmulator(): Promise<RunningFirestoreEmulator> {
  const emulator = new FirestoreServer();
  const grpcServer = (emulator as unknown as { server?: GrpcServer }).server;
  if (typeof grpcServer?.bindAsync !== "function") {
    throw new Error("@firestore-emulator/server changed: its gRPC server is no longer at `.server`.");
  }
  const fromEmulator = createRequire(createRequire(import.meta.url).resolve("@firestore-emulator/server"));
  const grpc = fromEmulator("@grpc/grpc-js") as { ServerCredentials: { createInsecure(): unknown } };
  const port = await new Promise<number>((resolve, reject) => {
    grpcServer.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    );
  });
  return {
    host: `127.0.0.1:${port}`,
    clear: () => emulator.state.clear(),
    stop: async () => grpcServer.forceShutdown(),
  };
}
