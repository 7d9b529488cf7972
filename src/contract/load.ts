import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { ProtoGrpcType as BuildProto } from './generated/ignite_build.js';
import type { ProtoGrpcType as ComputeProto } from './generated/ignite_compute.js';
import type { ProtoGrpcType as SecretProto } from './generated/ignite_secret.js';

/** The one set of proto-loader options; `npm run gen:proto` passes the same flags to the type generator. */
export const PROTO_LOADER_OPTIONS: protoLoader.Options = Object.freeze({
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
});

export const PROTO_FILES = [
  'dodil/ignite/v1/ignite_common.proto',
  'dodil/ignite/v1/ignite_build.proto',
  'dodil/ignite/v1/ignite_compute.proto',
  'dodil/ignite/v1/ignite_secret.proto',
] as const;

/** Finds proto/ next to the installed package, from src/ (tests) or dist/src/ (the built binary). */
export function findProtoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'proto');
    if (existsSync(path.join(candidate, PROTO_FILES[0]))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('ignite-mcp: cannot find the proto/ folder of the installed package; reinstall ignite-mcp');
}

export type IgniteProto = BuildProto & ComputeProto & SecretProto;

export interface LoadedProtos {
  packageDefinition: protoLoader.PackageDefinition;
  grpcObject: IgniteProto;
  v1: IgniteProto['dodil']['ignite']['v1'];
}

let cached: LoadedProtos | undefined;

/** Loads the Ignite contract once per process. */
export function loadIgniteProtos(): LoadedProtos {
  if (cached) return cached;
  const root = findProtoRoot();
  const packageDefinition = protoLoader.loadSync([...PROTO_FILES], { ...PROTO_LOADER_OPTIONS, includeDirs: [root] });
  const grpcObject = grpc.loadPackageDefinition(packageDefinition) as unknown as IgniteProto;
  cached = { packageDefinition, grpcObject, v1: grpcObject.dodil.ignite.v1 };
  return cached;
}
