// Original file: proto/dodil/ignite/v1/ignite_compute.proto


export interface DeleteAppResponse {
  'versions_deleted'?: (number);
  'draft_deleted'?: (boolean);
  'instances_stopped'?: (number);
  'cancelled_build_id'?: (string);
}

export interface DeleteAppResponse__Output {
  'versions_deleted': (number);
  'draft_deleted': (boolean);
  'instances_stopped': (number);
  'cancelled_build_id': (string);
}
