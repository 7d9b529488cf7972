// Original file: proto/dodil/ignite/v1/ignite_compute.proto


export interface PrebuiltImage {
  'image_ref'?: (string);
  'registry_secret_ref'?: (string);
}

export interface PrebuiltImage__Output {
  'image_ref': (string);
  'registry_secret_ref': (string);
}
