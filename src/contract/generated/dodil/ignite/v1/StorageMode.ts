// Original file: proto/dodil/ignite/v1/ignite_common.proto

export const StorageMode = {
  STORAGE_MODE_UNSPECIFIED: 'STORAGE_MODE_UNSPECIFIED',
  STORAGE_MODE_PERSISTENT: 'STORAGE_MODE_PERSISTENT',
  STORAGE_MODE_EPHEMERAL: 'STORAGE_MODE_EPHEMERAL',
  STORAGE_MODE_TTL: 'STORAGE_MODE_TTL',
} as const;

export type StorageMode =
  | 'STORAGE_MODE_UNSPECIFIED'
  | 0
  | 'STORAGE_MODE_PERSISTENT'
  | 1
  | 'STORAGE_MODE_EPHEMERAL'
  | 2
  | 'STORAGE_MODE_TTL'
  | 3

export type StorageMode__Output = typeof StorageMode[keyof typeof StorageMode]
