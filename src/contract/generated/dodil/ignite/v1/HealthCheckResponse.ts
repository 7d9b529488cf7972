// Original file: proto/dodil/ignite/v1/ignite_compute.proto


export interface HealthCheckResponse {
  'status'?: (string);
  'version'?: (string);
}

export interface HealthCheckResponse__Output {
  'status': (string);
  'version': (string);
}
