// Original file: proto/dodil/ignite/v1/ignite_compute.proto

import type { HttpContext as _dodil_ignite_v1_HttpContext, HttpContext__Output as _dodil_ignite_v1_HttpContext__Output } from '../../../dodil/ignite/v1/HttpContext.js';

export interface InvokeRequest {
  'organization_name'?: (string);
  'app_name'?: (string);
  'http'?: (_dodil_ignite_v1_HttpContext | null);
  'body'?: (Buffer | Uint8Array | string);
  'port'?: (number);
}

export interface InvokeRequest__Output {
  'organization_name': (string);
  'app_name': (string);
  'http': (_dodil_ignite_v1_HttpContext__Output | null);
  'body': (Buffer);
  'port': (number);
}
