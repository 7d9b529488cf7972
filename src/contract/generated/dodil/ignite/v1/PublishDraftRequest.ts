// Original file: proto/dodil/ignite/v1/ignite_compute.proto


export interface PublishDraftRequest {
  'organization_name'?: (string);
  'app_name'?: (string);
  'expected_image_digest'?: (string);
}

export interface PublishDraftRequest__Output {
  'organization_name': (string);
  'app_name': (string);
  'expected_image_digest': (string);
}
