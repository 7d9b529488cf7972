// Original file: proto/dodil/ignite/v1/ignite_compute.proto


export interface HealthCheckRequest {
}

export interface HealthCheckRequest__Output {
}
