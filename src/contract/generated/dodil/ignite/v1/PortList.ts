// Original file: proto/dodil/ignite/v1/ignite_compute.proto


export interface PortList {
  'ports'?: (number)[];
}

export interface PortList__Output {
  'ports': (number)[];
}
