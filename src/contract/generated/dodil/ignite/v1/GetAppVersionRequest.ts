// Original file: proto/dodil/ignite/v1/ignite_compute.proto


export interface GetAppVersionRequest {
  'organization_name'?: (string);
  'app_name'?: (string);
  'version'?: (number);
}

export interface GetAppVersionRequest__Output {
  'organization_name': (string);
  'app_name': (string);
  'version': (number);
}
