// Original file: proto/dodil/ignite/v1/ignite_common.proto

export const DeploymentMode = {
  DEPLOYMENT_MODE_UNSPECIFIED: 'DEPLOYMENT_MODE_UNSPECIFIED',
  DEPLOYMENT_MODE_COMPILE: 'DEPLOYMENT_MODE_COMPILE',
  DEPLOYMENT_MODE_IMAGE: 'DEPLOYMENT_MODE_IMAGE',
} as const;

export type DeploymentMode =
  | 'DEPLOYMENT_MODE_UNSPECIFIED'
  | 0
  | 'DEPLOYMENT_MODE_COMPILE'
  | 1
  | 'DEPLOYMENT_MODE_IMAGE'
  | 2

export type DeploymentMode__Output = typeof DeploymentMode[keyof typeof DeploymentMode]
