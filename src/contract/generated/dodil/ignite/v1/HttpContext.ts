// Original file: proto/dodil/ignite/v1/ignite_common.proto


export interface HttpContext {
  'method'?: (string);
  'path'?: (string);
  'query'?: (string);
  'headers'?: ({[key: string]: string});
}

export interface HttpContext__Output {
  'method': (string);
  'path': (string);
  'query': (string);
  'headers': ({[key: string]: string});
}
