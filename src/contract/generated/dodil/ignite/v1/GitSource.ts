// Original file: proto/dodil/ignite/v1/ignite_build.proto


export interface GitSource {
  'url'?: (string);
  'reference'?: (string);
  'context_dir'?: (string);
}

export interface GitSource__Output {
  'url': (string);
  'reference': (string);
  'context_dir': (string);
}
