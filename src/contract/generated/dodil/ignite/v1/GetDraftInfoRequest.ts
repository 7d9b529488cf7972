// Original file: proto/dodil/ignite/v1/ignite_compute.proto


export interface GetDraftInfoRequest {
  'organization_name'?: (string);
  'app_name'?: (string);
}

export interface GetDraftInfoRequest__Output {
  'organization_name': (string);
  'app_name': (string);
}
