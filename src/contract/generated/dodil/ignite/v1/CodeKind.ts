// Original file: proto/dodil/ignite/v1/ignite_common.proto

export const CodeKind = {
  CODE_KIND_UNSPECIFIED: 'CODE_KIND_UNSPECIFIED',
  CODE_KIND_SDK: 'CODE_KIND_SDK',
  CODE_KIND_UPLOAD_IMAGE: 'CODE_KIND_UPLOAD_IMAGE',
  CODE_KIND_GIT_IMAGE: 'CODE_KIND_GIT_IMAGE',
  CODE_KIND_PREBUILT: 'CODE_KIND_PREBUILT',
} as const;

export type CodeKind =
  | 'CODE_KIND_UNSPECIFIED'
  | 0
  | 'CODE_KIND_SDK'
  | 1
  | 'CODE_KIND_UPLOAD_IMAGE'
  | 2
  | 'CODE_KIND_GIT_IMAGE'
  | 3
  | 'CODE_KIND_PREBUILT'
  | 4

export type CodeKind__Output = typeof CodeKind[keyof typeof CodeKind]
