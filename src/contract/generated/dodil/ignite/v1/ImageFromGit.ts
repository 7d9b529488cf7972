// Original file: proto/dodil/ignite/v1/ignite_compute.proto


export interface ImageFromGit {
  'url'?: (string);
  'reference'?: (string);
  'sub_path'?: (string);
  'dockerfile_path'?: (string);
  'secret_ref'?: (string);
}

export interface ImageFromGit__Output {
  'url': (string);
  'reference': (string);
  'sub_path': (string);
  'dockerfile_path': (string);
  'secret_ref': (string);
}
