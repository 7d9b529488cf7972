// Original file: proto/dodil/ignite/v1/ignite_compute.proto

import type { CompileSource as _dodil_ignite_v1_CompileSource, CompileSource__Output as _dodil_ignite_v1_CompileSource__Output } from '../../../dodil/ignite/v1/CompileSource.js';
import type { ImageSource as _dodil_ignite_v1_ImageSource, ImageSource__Output as _dodil_ignite_v1_ImageSource__Output } from '../../../dodil/ignite/v1/ImageSource.js';

export interface CodeSource {
  'compile'?: (_dodil_ignite_v1_CompileSource | null);
  'image'?: (_dodil_ignite_v1_ImageSource | null);
  'source'?: "compile"|"image";
}

export interface CodeSource__Output {
  'compile'?: (_dodil_ignite_v1_CompileSource__Output | null);
  'image'?: (_dodil_ignite_v1_ImageSource__Output | null);
  'source'?: "compile"|"image";
}
