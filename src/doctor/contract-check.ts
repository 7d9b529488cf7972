/**
 * The contract by reflection: the live service's services and messages against proto/. Against the
 * local Ignite this finds nothing, since it serves proto/ itself; against the real service it says
 * where our designed field numbers or messages differ from what the service really has.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { findProtoRoot, PROTO_FILES, PROTO_LOADER_OPTIONS } from '../contract/load.js';
import { diffContracts, type ContractDifference } from './contract-diff.js';
import { addFiles, emptyIndex, type ContractIndex } from './descriptors.js';
import { designedItems } from './designed-items.js';
import { reflectContract } from './reflection.js';

const PACKAGE = 'dodil.ignite.v1';

export interface OurContract {
  index: ContractIndex;
  designed: ReadonlySet<string>;
}

/** proto/ as an index, through the same loader options the client and the local Ignite use. */
export function ourContract(protoRoot: string = findProtoRoot()): OurContract {
  const definition = protoLoader.loadSync([...PROTO_FILES], { ...PROTO_LOADER_OPTIONS, includeDirs: [protoRoot] });
  const files = new Map<string, Uint8Array>();
  for (const entry of Object.values(definition)) {
    for (const bytes of (entry as { fileDescriptorProtos?: Buffer[] }).fileDescriptorProtos ?? [])
      files.set(bytes.toString('base64'), bytes);
  }
  const index = emptyIndex();
  addFiles(index, [...files.values()]);
  const texts = PROTO_FILES.map((file) => readFileSync(path.join(protoRoot, file), 'utf8'));
  return { index, designed: designedItems(texts) };
}

export interface ContractReport {
  liveServices: string[];
  differences: ContractDifference[];
}

export async function compareWithLive(
  target: { endpoint: string; credentials: grpc.ChannelCredentials; metadata: grpc.Metadata; deadlineMs: number },
  ours: OurContract = ourContract(),
): Promise<ContractReport> {
  const reflected = await reflectContract({ ...target, packagePrefix: `${PACKAGE}.` });
  const theirs = emptyIndex();
  addFiles(theirs, reflected.files);
  return { liveServices: reflected.services, differences: diffContracts(ours.index, theirs, ours.designed) };
}
