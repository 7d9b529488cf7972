// Original file: proto/dodil/ignite/v1/ignite_compute.proto


export interface ImageFromCode {
  'archive'?: (Buffer | Uint8Array | string);
  'dockerfile_path'?: (string);
  'build_args'?: ({[key: string]: string});
  'context_id'?: (string);
  'context'?: "archive"|"context_id";
}

export interface ImageFromCode__Output {
  'archive'?: (Buffer);
  'dockerfile_path': (string);
  'build_args': ({[key: string]: string});
  'context_id'?: (string);
  'context'?: "archive"|"context_id";
}
