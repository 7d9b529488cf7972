// Original file: proto/dodil/ignite/v1/ignite_compute.proto


export interface ListAppsRequest {
  'organization_name'?: (string);
  'limit'?: (number);
  'cursor'?: (string);
}

export interface ListAppsRequest__Output {
  'organization_name': (string);
  'limit': (number);
  'cursor': (string);
}
