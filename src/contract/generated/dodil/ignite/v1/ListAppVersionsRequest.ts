// Original file: proto/dodil/ignite/v1/ignite_compute.proto


export interface ListAppVersionsRequest {
  'organization_name'?: (string);
  'app_name'?: (string);
  'limit'?: (number);
  'cursor'?: (string);
}

export interface ListAppVersionsRequest__Output {
  'organization_name': (string);
  'app_name': (string);
  'limit': (number);
  'cursor': (string);
}
