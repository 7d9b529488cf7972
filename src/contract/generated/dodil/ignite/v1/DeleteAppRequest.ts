// Original file: proto/dodil/ignite/v1/ignite_compute.proto


export interface DeleteAppRequest {
  'organization_name'?: (string);
  'app_name'?: (string);
}

export interface DeleteAppRequest__Output {
  'organization_name': (string);
  'app_name': (string);
}
