// Original file: proto/dodil/ignite/v1/ignite_compute.proto


export interface RollbackAppRequest {
  'organization_name'?: (string);
  'app_name'?: (string);
  'version'?: (number);
}

export interface RollbackAppRequest__Output {
  'organization_name': (string);
  'app_name': (string);
  'version': (number);
}
