// Original file: proto/dodil/ignite/v1/ignite_compute.proto


export interface GetAppRequest {
  'organization_name'?: (string);
  'app_name'?: (string);
}

export interface GetAppRequest__Output {
  'organization_name': (string);
  'app_name': (string);
}
