// Original file: proto/dodil/ignite/v1/ignite_compute.proto


export interface AppLogFilter {
  'version'?: (number);
  'draft'?: (boolean);
  'execution_id'?: (string);
}

export interface AppLogFilter__Output {
  'version': (number);
  'draft': (boolean);
  'execution_id': (string);
}
