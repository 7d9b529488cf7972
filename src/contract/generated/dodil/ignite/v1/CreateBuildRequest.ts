// Original file: proto/dodil/ignite/v1/ignite_build.proto

import type { GitSource as _dodil_ignite_v1_GitSource, GitSource__Output as _dodil_ignite_v1_GitSource__Output } from '../../../dodil/ignite/v1/GitSource.js';
import type { Long } from '@grpc/proto-loader';

export interface CreateBuildRequest {
  'name'?: (string);
  'dockerfile'?: (string);
  'tags'?: (string)[];
  'build_args'?: ({[key: string]: string});
  'platform'?: (string);
  'no_cache'?: (boolean);
  'timeout_secs'?: (number | string | Long);
  'registry'?: (string);
  'repository'?: (string);
  'context_id'?: (string);
  'zipped_code'?: (Buffer | Uint8Array | string);
  'git_source'?: (_dodil_ignite_v1_GitSource | null);
  'build_tier'?: (string);
  'source'?: "context_id"|"zipped_code"|"git_source";
}

export interface CreateBuildRequest__Output {
  'name': (string);
  'dockerfile': (string);
  'tags': (string)[];
  'build_args': ({[key: string]: string});
  'platform': (string);
  'no_cache': (boolean);
  'timeout_secs': (string);
  'registry': (string);
  'repository': (string);
  'context_id'?: (string);
  'zipped_code'?: (Buffer);
  'git_source'?: (_dodil_ignite_v1_GitSource__Output | null);
  'build_tier': (string);
  'source'?: "context_id"|"zipped_code"|"git_source";
}
