// Original file: proto/dodil/ignite/v1/ignite_build.proto

import type { Build as _dodil_ignite_v1_Build, Build__Output as _dodil_ignite_v1_Build__Output } from '../../../dodil/ignite/v1/Build.js';

export interface ListBuildsResponse {
  'builds'?: (_dodil_ignite_v1_Build)[];
  'next_cursor'?: (string);
}

export interface ListBuildsResponse__Output {
  'builds': (_dodil_ignite_v1_Build__Output)[];
  'next_cursor': (string);
}
