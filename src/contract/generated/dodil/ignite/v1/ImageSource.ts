// Original file: proto/dodil/ignite/v1/ignite_compute.proto

import type { PrebuiltImage as _dodil_ignite_v1_PrebuiltImage, PrebuiltImage__Output as _dodil_ignite_v1_PrebuiltImage__Output } from '../../../dodil/ignite/v1/PrebuiltImage.js';
import type { ImageFromCode as _dodil_ignite_v1_ImageFromCode, ImageFromCode__Output as _dodil_ignite_v1_ImageFromCode__Output } from '../../../dodil/ignite/v1/ImageFromCode.js';
import type { ImageFromGit as _dodil_ignite_v1_ImageFromGit, ImageFromGit__Output as _dodil_ignite_v1_ImageFromGit__Output } from '../../../dodil/ignite/v1/ImageFromGit.js';

export interface ImageSource {
  'prebuilt'?: (_dodil_ignite_v1_PrebuiltImage | null);
  'from_code'?: (_dodil_ignite_v1_ImageFromCode | null);
  'from_git'?: (_dodil_ignite_v1_ImageFromGit | null);
  'source'?: "prebuilt"|"from_code"|"from_git";
}

export interface ImageSource__Output {
  'prebuilt'?: (_dodil_ignite_v1_PrebuiltImage__Output | null);
  'from_code'?: (_dodil_ignite_v1_ImageFromCode__Output | null);
  'from_git'?: (_dodil_ignite_v1_ImageFromGit__Output | null);
  'source'?: "prebuilt"|"from_code"|"from_git";
}
