// Original file: proto/dodil/ignite/v1/ignite_compute.proto


export interface InvokeHead {
  'status_code'?: (number);
  'headers'?: ({[key: string]: string});
  'execution_id'?: (string);
  'version'?: (number);
}

export interface InvokeHead__Output {
  'status_code': (number);
  'headers': ({[key: string]: string});
  'execution_id': (string);
  'version': (number);
}
