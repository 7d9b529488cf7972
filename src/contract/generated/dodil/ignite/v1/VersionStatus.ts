// Original file: proto/dodil/ignite/v1/ignite_common.proto

export const VersionStatus = {
  VERSION_STATUS_UNSPECIFIED: 'VERSION_STATUS_UNSPECIFIED',
  VERSION_STATUS_DRAFT: 'VERSION_STATUS_DRAFT',
  VERSION_STATUS_ACTIVE: 'VERSION_STATUS_ACTIVE',
  VERSION_STATUS_SUPERSEDED: 'VERSION_STATUS_SUPERSEDED',
} as const;

export type VersionStatus =
  | 'VERSION_STATUS_UNSPECIFIED'
  | 0
  | 'VERSION_STATUS_DRAFT'
  | 1
  | 'VERSION_STATUS_ACTIVE'
  | 2
  | 'VERSION_STATUS_SUPERSEDED'
  | 3

export type VersionStatus__Output = typeof VersionStatus[keyof typeof VersionStatus]
