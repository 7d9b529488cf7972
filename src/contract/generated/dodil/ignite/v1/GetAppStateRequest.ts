// Original file: proto/dodil/ignite/v1/ignite_compute.proto


export interface GetAppStateRequest {
  'organization_name'?: (string);
  'app_name'?: (string);
}

export interface GetAppStateRequest__Output {
  'organization_name': (string);
  'app_name': (string);
}
