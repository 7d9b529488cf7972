// Original file: proto/dodil/ignite/v1/ignite_common.proto

export const RustCompilationTarget = {
  RUST_COMPILATION_TARGET_UNSPECIFIED: 'RUST_COMPILATION_TARGET_UNSPECIFIED',
  RUST_COMPILATION_TARGET_NATIVE: 'RUST_COMPILATION_TARGET_NATIVE',
  RUST_COMPILATION_TARGET_WASM: 'RUST_COMPILATION_TARGET_WASM',
} as const;

export type RustCompilationTarget =
  | 'RUST_COMPILATION_TARGET_UNSPECIFIED'
  | 0
  | 'RUST_COMPILATION_TARGET_NATIVE'
  | 1
  | 'RUST_COMPILATION_TARGET_WASM'
  | 2

export type RustCompilationTarget__Output = typeof RustCompilationTarget[keyof typeof RustCompilationTarget]
