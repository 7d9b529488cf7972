// Original file: proto/dodil/ignite/v1/ignite_compute.proto


export interface EnvPatch {
  'set'?: ({[key: string]: string});
  'remove'?: (string)[];
  'replace'?: (boolean);
}

export interface EnvPatch__Output {
  'set': ({[key: string]: string});
  'remove': (string)[];
  'replace': (boolean);
}
